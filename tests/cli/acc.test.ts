import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';
import { FakeApsServer } from '../fakes/autodesk/server.js';
import { tempDir } from '../helpers/tempDir.js';

let fake: FakeApsServer | undefined;
afterEach(async () => {
  await fake?.stop();
  vi.unstubAllEnvs();
});

describe('file-connector sync with an Autodesk endpoint', () => {
  it('fills the catalog exactly and keeps it exact, without a 429 under the published limits', async () => {
    fake = await new FakeApsServer().start();
    fake.tokens.register({ id: 'cli-app', secret: 'cli-secret-value' });
    // Autodesk's published limits, per real minute: the default pacing must stay under them.
    fake.limits = {
      hubs: { limit: 50, windowMs: 60_000 },
      projects: { limit: 50, windowMs: 60_000 },
      topFolders: { limit: 300, windowMs: 60_000 },
      folderContents: { limit: 300, windowMs: 60_000 },
      token: { limit: 500, windowMs: 60_000 },
    };
    const truth = fake.truth;
    const hub = truth.addHub('Contoso Build', 'EMEA');
    const tower = truth.addProject(hub.id, 'Tower A');
    const files = truth.addFolder(tower.rootFolderId, 'Project Files');
    const structural = truth.addFolder(files, 'Structural');
    const s101 = truth.addFile(structural, 'S-101.pdf', { versions: 2 });
    truth.addFile(structural, 'Tower.rvt', { versions: 5 });
    const school = truth.addProject(hub.id, 'École B');
    truth.addFile(truth.addFolder(school.rootFolderId, 'Project Files'), '構造図.dwg');
    vi.stubEnv('FC_CLI_ACC_SECRET', 'cli-secret-value');

    const dataDir = tempDir('fc-cli-acc-');
    const config = path.join(tempDir('fc-cli-acc-config-'), 'acc.yaml');
    fs.writeFileSync(
      config,
      [
        'version: 1',
        'endpoints:',
        '  - name: Towers',
        '    type: autodesk_acc',
        '    settings:',
        '      auth: { type: client_credentials, clientId: cli-app, clientSecretEnv: FC_CLI_ACC_SECRET }',
        `      apiBaseUrl: ${fake.url}`,
        '',
      ].join('\n'),
    );
    const listed = async () => {
      const res = await cli(['--data-dir', dataDir, 'files', '--json', '--limit', '1000']);
      expect(res.code).toBe(0);
      return (JSON.parse(res.out) as { id: string; path: string; version: string | null }[])
        .map((r) => ({ id: r.id, path: r.path, version: r.version }))
        .sort((a, b) => (a.path < b.path ? -1 : 1));
    };
    const expected = () => truth.entries().map((e) => ({ id: e.id, path: e.path, version: e.version }));

    const first = await cli(['--data-dir', dataDir, 'sync', '--config', config]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/Towers: full sync succeeded .*8 added/);
    expect(await listed()).toEqual(expected());

    truth.newVersion(s101);
    truth.rename(structural, 'Tragwerk');
    const second = await cli(['--data-dir', dataDir, 'sync', '--endpoint', 'Towers']);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/incremental sync succeeded/);
    expect(await listed()).toEqual(expected());
    expect(fake.total429()).toBe(0);
    expect(`${first.out}${second.out}`).not.toContain('cli-secret-value');
  });
});
