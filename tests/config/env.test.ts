/**
 * CONNECTOR_<ENDPOINT>__<KEY>__<SUBKEY>=value overrides a value of the named endpoint before validation.
 */
import { describe, expect, it } from 'vitest';
import { envNameOf } from '../../src/config/env.js';
import { parseConfig } from '../../src/config/load.js';
import { configErrorOf } from './helpers.js';

const file = [
  'endpoints:',
  '  - name: site docs',
  '    type: local_folder',
  '    settings:',
  '      path: /srv/docs',
  '    schedule:',
  '      type: interval',
  '      minutes: 30',
  '  - name: Design-Drive',
  '    type: google_drive',
  '    settings: { auth: { type: service_account, keyFile: /etc/fc/key.json } }',
  '',
].join('\n');

describe('environment overrides', () => {
  it('name endpoints upper-cased with other characters turned into "_"', () => {
    expect(envNameOf('site docs')).toBe('SITE_DOCS');
    expect(envNameOf('Design-Drive (EU)')).toBe('DESIGN_DRIVE__EU_');
  });

  it('replace a path, a boolean and a number, reading values as YAML', () => {
    const [docs, drive] = parseConfig(file, 'c.yaml', {
      CONNECTOR_SITE_DOCS__SETTINGS__PATH: '/mnt/share',
      CONNECTOR_SITE_DOCS__SETTINGS__FOLLOW_SYMLINKS: 'true',
      CONNECTOR_SITE_DOCS__SCHEDULE__MINUTES: '15',
      CONNECTOR_DESIGN_DRIVE__PAUSED: 'true',
    }).endpoints;
    expect(docs?.settings).toEqual({ path: '/mnt/share', recursive: true, followSymlinks: true });
    expect(docs?.schedule).toEqual({ type: 'interval', minutes: 15 });
    expect(drive?.paused).toBe(true);
  });

  it('create missing mappings and read flow lists', () => {
    const [, drive] = parseConfig(file, 'c.yaml', {
      CONNECTOR_DESIGN_DRIVE__FILTERS__EXTENSIONS: '[PDF, .dwg]',
      CONNECTOR_DESIGN_DRIVE__FILTERS__INCLUDE_TRASHED: 'false',
    }).endpoints;
    expect(drive?.filters).toEqual({ extensions: ['pdf', 'dwg'], includeTrashed: false });
  });

  it('match existing keys case-insensitively and may index lists', async () => {
    const text = file.replace('      path: /srv/docs', '      path: /srv/docs\n      followsymlinks: false');
    // `followsymlinks` is the key already in the file, so it is the one set (and then reported as unknown).
    const error = await configErrorOf(() =>
      parseConfig(text, 'c.yaml', { CONNECTOR_SITE_DOCS__SETTINGS__FOLLOWSYMLINKS: 'true' }),
    );
    expect(error.message).toBe(
      'c.yaml:6:7 endpoints[0].settings.followsymlinks: unrecognized key "followsymlinks" (did you mean "followSymlinks"?) (from CONNECTOR_SITE_DOCS__SETTINGS__FOLLOWSYMLINKS)',
    );
    const listed = file.replace(
      '    type: google_drive',
      '    type: google_drive\n    filters: { extensions: [pdf, dwg] }',
    );
    const [, drive] = parseConfig(listed, 'c.yaml', {
      CONNECTOR_DESIGN_DRIVE__FILTERS__EXTENSIONS__1: 'rvt',
    }).endpoints;
    expect(drive?.filters.extensions).toEqual(['pdf', 'rvt']);
  });

  it('keep strings that YAML would read as comments or nothing, and treat quoted numbers as strings', () => {
    const [docs] = parseConfig(file, 'c.yaml', { CONNECTOR_SITE_DOCS__SETTINGS__PATH: '#share' }).endpoints;
    expect(docs?.settings).toMatchObject({ path: '#share' });
    const [quoted] = parseConfig(file, 'c.yaml', { CONNECTOR_SITE_DOCS__SETTINGS__PATH: "'0123'" }).endpoints;
    expect(quoted?.settings).toMatchObject({ path: '0123' });
  });

  it('ignore variables with the prefix but no "__" (they belong to other settings)', () => {
    expect(() => parseConfig(file, 'c.yaml', { CONNECTOR_LOG_LEVEL: 'debug', CONNECTOR_: 'x' })).not.toThrow();
  });

  it('(17) naming no endpoint of the file are errors that list the endpoints that exist', async () => {
    const error = await configErrorOf(() =>
      parseConfig(file, 'c.yaml', { CONNECTOR_SITE_DOC__SETTINGS__PATH: '/secret/place' }),
    );
    expect(error.message).toBe(
      'c.yaml (env) CONNECTOR_SITE_DOC__SETTINGS__PATH: names no endpoint of this file; endpoints in this file: ' +
        'SITE_DOCS ("site docs"), DESIGN_DRIVE ("Design-Drive")',
    );
    expect(error.message).not.toContain('/secret/place');
  });

  it('(17b) that produce an invalid value are reported at the overridden key, naming the variable', async () => {
    const error = await configErrorOf(() =>
      parseConfig(file, 'c.yaml', {
        CONNECTOR_SITE_DOCS__SCHEDULE__MINUTES: '0',
        CONNECTOR_SITE_DOCS__SHEDULE__TYPE: 'manual',
      }),
    );
    expect(error.message.split('\n')).toEqual([
      'c.yaml:2:5 endpoints[0].shedule: unrecognized key "shedule" (did you mean "schedule"?) (from CONNECTOR_SITE_DOCS__SHEDULE__TYPE)',
      'c.yaml:8:7 endpoints[0].schedule.minutes: must be at least 1 minute (from CONNECTOR_SITE_DOCS__SCHEDULE__MINUTES)',
    ]);
  });

  it('(17c) that cannot be applied are errors', async () => {
    const ambiguous = file.replace('Design-Drive', 'Site-Docs');
    const error = await configErrorOf(() =>
      parseConfig(ambiguous, 'c.yaml', {
        CONNECTOR_SITE_DOCS__PAUSED: 'true',
      }),
    );
    expect(error.message).toBe(
      'c.yaml (env) CONNECTOR_SITE_DOCS__PAUSED: matches more than one endpoint ("site docs", "Site-Docs"); rename one of them',
    );
    const scalar = await configErrorOf(() => parseConfig(file, 'c.yaml', { CONNECTOR_SITE_DOCS__TYPE__X: '1' }));
    expect(scalar.issues[0]).toMatchObject({ path: '(env) CONNECTOR_SITE_DOCS__TYPE__X', line: null });
    expect(scalar.issues[0]?.message).toMatch(/is not a mapping/);
    const empty = await configErrorOf(() =>
      parseConfig(file, 'c.yaml', { CONNECTOR_SITE_DOCS__SETTINGS____PATH: '/x' }),
    );
    expect(empty.issues[0]?.message).toMatch(/empty key/);
  });

  it('never echo values of secret-looking keys', async () => {
    const error = await configErrorOf(() =>
      parseConfig(file, 'c.yaml', {
        CONNECTOR_DESIGN_DRIVE__SETTINGS__CLIENT_SECRET: '[oops',
        CONNECTOR_DESIGN_DRIVE__TOKEN: 's3cr3t',
      }),
    );
    expect(error.message).toContain(
      'endpoints[1].token: unrecognized key "token" (from CONNECTOR_DESIGN_DRIVE__TOKEN)',
    );
    expect(error.message).not.toContain('s3cr3t');
    expect(error.message).not.toContain('oops');
  });
});
