/** What the Activity page asks the core: a run's changes by page and kind, and the log filtered and searched. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogEntry, RunChangesPage } from '../../src/contract/model.js';
import { unwrap, type Envelope } from '../../src/contract/wire.js';
import { testCore } from '../helpers/core.js';
import { tempDir } from '../helpers/tempDir.js';

type Core = Awaited<ReturnType<typeof testCore>>;

async function call<T>(core: Core, name: string, input: unknown): Promise<T> {
  return unwrap((await core.dispatch(name, input)) as Envelope<T>);
}

async function syncedFolder(core: Core, files: Record<string, string>) {
  const dir = tempDir('fc-folder-');
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  const endpoint = await call<{ id: number }>(core, 'endpoints.create', {
    name: 'Tower A',
    type: 'local_folder',
    settings: { path: dir },
  });
  const sync = async () => {
    const { runIds } = await call<{ runIds: number[] }>(core, 'sync.start', { endpointId: endpoint.id });
    await core.engine.settled(endpoint.id);
    return runIds[0]!;
  };
  return { dir, endpointId: endpoint.id, sync };
}

describe("a run's changes", () => {
  it('come by page, with the count of each kind whatever the filter', async () => {
    const core = await testCore();
    const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`S-10${i}.pdf`, `sheet ${i}`]));
    const { dir, sync } = await syncedFolder(core, files);
    await sync();
    fs.rmSync(path.join(dir, 'S-100.pdf'));
    fs.writeFileSync(path.join(dir, 'S-101.pdf'), 'revised');
    fs.writeFileSync(path.join(dir, 'S-200.pdf'), 'new');
    const runId = await sync();

    const all = await call<RunChangesPage>(core, 'runs.changes', { runId, limit: 2, offset: 0 });
    expect(all.counts).toEqual({ added: 1, modified: 1, moved: 0, deleted: 1 });
    expect(all.total).toBe(3);
    expect(all.changes).toHaveLength(2);
    const rest = await call<RunChangesPage>(core, 'runs.changes', { runId, limit: 2, offset: 2 });
    expect(rest.changes).toHaveLength(1);
    expect([...all.changes, ...rest.changes].map((c) => `${c.kind} ${c.path}`).sort()).toEqual([
      'added S-200.pdf',
      'deleted S-100.pdf',
      'modified S-101.pdf',
    ]);

    const deleted = await call<RunChangesPage>(core, 'runs.changes', { runId, kind: 'deleted' });
    expect(deleted.total).toBe(1);
    expect(deleted.counts).toEqual(all.counts);
    expect(deleted.changes.map((c) => c.name)).toEqual(['S-100.pdf']);
  });

  it('refuses a kind that does not exist', async () => {
    const core = await testCore();
    expect(await core.dispatch('runs.changes', { runId: 1, kind: 'renamed' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', issues: [{ path: 'kind' }] },
    });
  });
});

describe('the log', () => {
  it('is searched for the text as typed, where % and _ are not wildcards', async () => {
    const core = await testCore();
    for (const message of ['Disk 100% full', 'Disk 1000 full', 'file_a done', 'fileXa done'])
      core.catalog.logs.insert({
        at: new Date().toISOString(),
        level: 'info',
        message,
        endpointId: null,
        runId: null,
        data: null,
      });

    const search = async (text: string) =>
      (await call<LogEntry[]>(core, 'logs.recent', { search: text })).map((l) => l.message);

    expect(await search('100%')).toEqual(['Disk 100% full']);
    expect(await search('file_a')).toEqual(['file_a done']);
    expect(await search('DISK')).toEqual(['Disk 1000 full', 'Disk 100% full']);
  });
});
