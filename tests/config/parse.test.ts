import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfig } from '../../src/config/load.js';

const noEnv = {};

describe('a valid config file', () => {
  it('is read from YAML with every default applied', () => {
    const config = parseConfig(
      [
        'endpoints:',
        '  - name: Site docs',
        '    type: local_folder',
        '    settings:',
        '      path: /mnt/share',
        '',
      ].join('\n'),
      'config.yaml',
      noEnv,
    );
    expect(config).toEqual({
      version: 1,
      endpoints: [
        {
          name: 'Site docs',
          type: 'local_folder',
          settings: { path: '/mnt/share', recursive: true, followSymlinks: false },
          schedule: { type: 'manual' },
          filters: {},
          paused: false,
        },
      ],
    });
  });

  it('is read from JSON with every default applied', () => {
    const text = JSON.stringify({
      version: 1,
      endpoints: [
        {
          name: 'Drive',
          type: 'google_drive',
          settings: { auth: { type: 'oauth', clientId: 'app.apps.googleusercontent.com', tokenEnv: 'DRIVE_TOKEN' } },
          schedule: { type: 'interval', minutes: 60 },
        },
        {
          name: 'Docs',
          type: 'local_folder',
          settings: { path: 'C:\\Docs', recursive: false },
          filters: { extensions: ['.PDF'] },
        },
      ],
    });
    const config = parseConfig(text, 'config.json', noEnv);
    expect(config.endpoints).toEqual([
      {
        name: 'Drive',
        type: 'google_drive',
        settings: {
          auth: { type: 'oauth', clientId: 'app.apps.googleusercontent.com', tokenEnv: 'DRIVE_TOKEN' },
          scope: { myDrive: true, sharedDrives: 'all' },
          includePermissions: false,
          pacing: { requestsPerSecond: 10, burst: 20 },
        },
        schedule: { type: 'interval', minutes: 60 },
        filters: {},
        paused: false,
      },
      {
        name: 'Docs',
        type: 'local_folder',
        settings: { path: 'C:\\Docs', recursive: false, followSymlinks: false },
        schedule: { type: 'manual' },
        filters: { extensions: ['pdf'] },
        paused: false,
      },
    ]);
  });

  it('recognises .yml and upper-case extensions, and ignores a byte-order mark', () => {
    const text = '\uFEFFendpoints: []\n';
    expect(parseConfig(text, 'a.yml', noEnv)).toEqual({ version: 1, endpoints: [] });
    expect(parseConfig(text, 'A.YAML', noEnv)).toEqual({ version: 1, endpoints: [] });
    expect(parseConfig('\uFEFF{"endpoints": []}', 'a.JSON', noEnv)).toEqual({ version: 1, endpoints: [] });
  });

  it('reads YAML scalars with YAML 1.2 rules: dates and "yes" stay strings', () => {
    const config = parseConfig(
      [
        'endpoints:',
        '  - name: yes',
        '    type: local_folder',
        '    settings: { path: /x }',
        '    filters: { modifiedAfter: 2024-01-31 }',
      ].join('\n'),
      'c.yaml',
      noEnv,
    );
    expect(config.endpoints[0]?.name).toBe('yes');
    expect(config.endpoints[0]?.filters.modifiedAfter).toBe('2024-01-31');
  });
});

describe('the files in examples/', () => {
  const examplesDir = join(import.meta.dirname, '../../examples');

  it('all load without errors', async () => {
    const names = (await readdir(examplesDir)).filter((n) => /\.(ya?ml|json)$/.test(n));
    expect(names).toEqual(expect.arrayContaining(['local-folder.yaml', 'all-sources.yaml', 'minimal.json']));
    for (const name of names) {
      const config = await loadConfigFile(join(examplesDir, name), noEnv);
      expect(config.endpoints.length, name).toBeGreaterThan(0);
    }
  });

  it('all-sources.yaml shows every endpoint type and schedule type', async () => {
    const config = await loadConfigFile(join(examplesDir, 'all-sources.yaml'), noEnv);
    expect(new Set(config.endpoints.map((e) => e.type))).toEqual(
      new Set(['local_folder', 'google_drive', 'autodesk_acc']),
    );
    expect(new Set(config.endpoints.map((e) => e.schedule.type))).toEqual(
      new Set(['manual', 'interval', 'cron', 'startup', 'webhook']),
    );
  });
});
