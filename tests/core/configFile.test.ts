/** `config.export` and `config.import` against a real catalog: the file the CLI reads, written and read back. */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import type { Endpoint } from '../../src/contract/model.js';
import type { EndpointInput } from '../../src/contract/schemas.js';
import { unwrap, type Envelope } from '../../src/contract/wire.js';
import { testCore } from '../helpers/core.js';
import { tempDir } from '../helpers/tempDir.js';

type Core = Awaited<ReturnType<typeof testCore>>;

async function call<T>(core: Core, name: string, input: unknown): Promise<T> {
  return unwrap((await core.dispatch(name, input)) as Envelope<T>);
}

function folder(): string {
  const dir = tempDir('fc-folder-');
  fs.writeFileSync(path.join(dir, 'A-101.pdf'), 'pdf');
  return dir;
}

const towerA = (dir: string): EndpointInput => ({
  name: 'Tower A',
  type: 'local_folder',
  settings: { path: dir },
  filters: { extensions: ['pdf', 'dwg'], ignore: ['Archive/**'] },
  schedule: { type: 'interval', minutes: 30 },
});

const drive: EndpointInput = {
  name: 'Drive',
  type: 'google_drive',
  settings: {
    auth: { type: 'oauth', clientId: 'app.apps.googleusercontent.com', clientSecret: 'GOCSPX-very-secret' },
    pacing: { requestsPerSecond: 5, burst: 10 },
  },
  schedule: { type: 'webhook', secret: 'hook-secret-of-sixteen-chars' },
};

/** What an endpoint is, apart from its id, dates and secrets. */
function definition(endpoint: Endpoint) {
  const { name, type, settings, filters, schedule, paused } = structuredClone(endpoint);
  const auth = (settings as { auth?: Record<string, unknown> }).auth;
  if (auth) delete auth.clientSecret;
  if (schedule.type === 'webhook') delete schedule.secret;
  return { name, type, settings, filters, schedule, paused };
}

const exported = async (core: Core) => (await call<{ yaml: string }>(core, 'config.export', {})).yaml;

describe('exporting the configuration', () => {
  it('writes every endpoint as the YAML the CLI reads, without secrets and without default values', async () => {
    const core = await testCore();
    await call(core, 'endpoints.create', towerA(folder()));
    await call(core, 'endpoints.create', drive);

    const yaml = await exported(core);

    expect(yaml).not.toContain('GOCSPX-very-secret');
    expect(yaml).not.toContain('hook-secret-of-sixteen-chars');
    expect(yaml).toMatch(/^# File Connector configuration, exported /);
    expect(yaml).toContain('# The webhook secret is not exported');
    expect(yaml).toContain('# The OAuth client secret is not exported');
    const file = parseYaml(yaml) as { version: number; endpoints: Record<string, unknown>[] };
    expect(file.version).toBe(1);
    // In name order; only what was chosen: no `recursive: true`, `paused: false` or the default Drive scope.
    expect(file.endpoints[1]).toEqual({
      name: 'Tower A',
      type: 'local_folder',
      settings: { path: expect.any(String) },
      filters: { extensions: ['pdf', 'dwg'], ignore: ['Archive/**'] },
      schedule: { type: 'interval', minutes: 30 },
    });
    expect(file.endpoints[0]).toEqual({
      name: 'Drive',
      type: 'google_drive',
      settings: {
        auth: { type: 'oauth', clientId: 'app.apps.googleusercontent.com' },
        pacing: { requestsPerSecond: 5, burst: 10 },
      },
      schedule: { type: 'webhook' },
    });

    // The CLI's loader reads it back to the same endpoints.
    const stored = (await call<Endpoint[]>(core, 'endpoints.list', {})).map(definition);
    expect(parseConfig(yaml, 'file-connector.yaml', {}).endpoints).toEqual(stored);
  });

  it('writes an empty list when there are no endpoints', async () => {
    const core = await testCore();
    expect(parseConfig(await exported(core), 'file-connector.yaml', {}).endpoints).toEqual([]);
  });
});

describe('importing a configuration file', () => {
  it('creates the endpoints of a file exported elsewhere, and schedules them', async () => {
    const source = await testCore();
    const dir = folder();
    await call(source, 'endpoints.create', towerA(dir));
    await call(source, 'endpoints.create', drive);
    const yaml = await exported(source);
    const target = await testCore();

    const result = await call(target, 'config.import', { text: yaml });

    expect(result).toEqual({ created: ['Drive', 'Tower A'], updated: [], unchanged: [] });
    const endpoints = await call<(Endpoint & { scheduleState: string })[]>(target, 'endpoints.list', {});
    expect(endpoints.map(definition)).toEqual((await call<Endpoint[]>(source, 'endpoints.list', {})).map(definition));
    expect(endpoints.find((e) => e.name === 'Tower A')?.scheduleState).toBe('scheduled');
  });

  it('updates endpoints by name, leaves the others, and keeps stored secrets the file leaves out', async () => {
    const core = await testCore();
    const dir = folder();
    await call(core, 'endpoints.create', towerA(dir));
    await call(core, 'endpoints.create', drive);
    await call(core, 'endpoints.create', { ...towerA(folder()), name: 'Not in the file' });
    const moved = folder();
    const yaml = (await exported(core))
      .replace(`path: ${dir}`, `path: ${moved}`)
      .replace(/ {2}- name: Not in the file[\s\S]*?(?= {2}- name:)/, '');
    expect(yaml).not.toContain('Not in the file');

    const result = await call(core, 'config.import', { text: yaml });

    expect(result).toEqual({ created: [], updated: ['Tower A'], unchanged: ['Drive'] });
    const endpoints = await call<Endpoint[]>(core, 'endpoints.list', {});
    expect(endpoints.map((e) => e.name)).toEqual(['Drive', 'Not in the file', 'Tower A']);
    expect(endpoints[2]!.settings.path).toBe(moved);
    const stored = core.catalog.endpoints.findByName('Drive')!;
    expect(stored.schedule).toEqual({ type: 'webhook', secret: 'hook-secret-of-sixteen-chars' });
    expect((stored.settings.auth as { clientSecret?: string }).clientSecret).toBe('GOCSPX-very-secret');
  });

  it('previews what it would do without changing anything', async () => {
    const core = await testCore();
    await call(core, 'endpoints.create', towerA(folder()));
    const before = await call<Endpoint[]>(core, 'endpoints.list', {});
    const text = [
      'endpoints:',
      '  - name: Tower A',
      '    type: local_folder',
      `    settings: { path: ${JSON.stringify(folder())} }`,
      '  - name: Tower B',
      '    type: local_folder',
      `    settings: { path: ${JSON.stringify(folder())} }`,
    ].join('\n');

    const preview = await call(core, 'config.import', { text, dryRun: true });

    expect(preview).toEqual({ created: ['Tower B'], updated: ['Tower A'], unchanged: [] });
    expect(await call<Endpoint[]>(core, 'endpoints.list', {})).toEqual(before);
  });

  it('reads JSON too', async () => {
    const core = await testCore();
    const text = JSON.stringify({ endpoints: [{ name: 'Docs', type: 'local_folder', settings: { path: folder() } }] });
    expect(await call(core, 'config.import', { text, format: 'json' })).toEqual({
      created: ['Docs'],
      updated: [],
      unchanged: [],
    });
  });

  it('refuses a file with problems as a whole, naming each one by line, column and path', async () => {
    const core = await testCore();
    await call(core, 'endpoints.create', towerA(folder()));
    const before = await call<Endpoint[]>(core, 'endpoints.list', {});
    const text = [
      'version: 1',
      'endpoints:',
      '  - name: New and valid',
      '    type: local_folder',
      '    settings: { path: /tmp }',
      '  - name: Tower A',
      '    type: local_folder',
      '    settings:',
      '      path: /tmp',
      '    schedule:',
      '      type: interval',
      '      minutes: 0',
    ].join('\n');

    const answer = await core.dispatch('config.import', { text });

    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'invalid_request',
        message: 'The file has a problem; nothing was imported. Fix it and import it again.',
        issues: [{ path: '12:7 endpoints[1].schedule.minutes', message: 'must be at least 1 minute' }],
      },
    });
    expect(await call<Endpoint[]>(core, 'endpoints.list', {})).toEqual(before);
  });

  it('reports YAML syntax errors and JSON syntax errors where they are', async () => {
    const core = await testCore();
    const yaml = await core.dispatch('config.import', { text: 'endpoints:\n  - name: [unclosed\n' });
    expect(yaml).toMatchObject({
      ok: false,
      error: { issues: [{ path: expect.stringMatching(/^\d+:\d+ \(document\)$/) }] },
    });
    const json = await core.dispatch('config.import', { text: '{"endpoints": [}', format: 'json' });
    expect(json).toMatchObject({
      ok: false,
      error: { issues: [{ path: '1:16 (document)', message: expect.stringMatching(/^invalid JSON/) }] },
    });
  });

  it('refuses a cron expression the scheduler cannot run, at its line', async () => {
    const core = await testCore();
    const text = [
      'endpoints:',
      '  - name: Nightly',
      '    type: local_folder',
      '    settings: { path: /tmp }',
      "    schedule: { type: cron, expression: '61 * * * *' }",
    ].join('\n');

    const answer = await core.dispatch('config.import', { text });

    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', issues: [{ path: '5:29 endpoints[0].schedule.expression' }] },
    });
    expect(await call<Endpoint[]>(core, 'endpoints.list', {})).toEqual([]);
  });
});
