import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import type { Connector, FileRecord, SyncBatch, SyncContext, SyncMode } from '../../src/connectors/types.js';
import type { SyncProgress, SyncRun } from '../../src/contract/model.js';
import { createLogger } from '../../src/logging/logger.js';
import { SyncEngine } from '../../src/sync/engine.js';
import { fileRecord, folderRecord } from '../helpers/records.js';
import { tempDir } from '../helpers/tempDir.js';

/**
 * A scripted source: each sync lists `listing` in batches of `batchSize`, with a
 * cursor after each batch, and can fail after a number of batches. It stands in
 * for a real source so the engine's rules can be checked one by one.
 */
class ScriptedSource {
  listing: FileRecord[] = [];
  deletions: string[] = [];
  mode: SyncMode = 'snapshot';
  batchSize = 2;
  failAfterBatches: number | null = null;
  unreadable: string[] = [];
  contexts: SyncContext[] = [];

  connector(): Connector {
    return {
      type: 'scripted',
      checkHealth: async () => ({ ok: true, message: 'ok' }),
      sync: (ctx) => {
        this.contexts.push(ctx);
        return { mode: this.mode, batches: this.batches(ctx) };
      },
    };
  }

  private async *batches(ctx: SyncContext): AsyncGenerator<SyncBatch> {
    const start = ctx.resuming && ctx.cursor ? Number(ctx.cursor) : 0;
    let emitted = 0;
    for (let i = start; i < this.listing.length; i += this.batchSize) {
      if (this.failAfterBatches !== null && emitted === this.failAfterBatches) {
        throw new Error('connection reset by peer');
      }
      await new Promise((r) => setTimeout(r, 1));
      ctx.countRequest();
      const end = Math.min(i + this.batchSize, this.listing.length);
      emitted++;
      yield {
        records: this.listing.slice(i, end),
        cursor: String(end),
        ...(end === this.listing.length && this.unreadable.length ? { unreadablePaths: this.unreadable } : {}),
        ...(end === this.listing.length && this.deletions.length ? { deletedIds: this.deletions } : {}),
      };
    }
    if (this.listing.length === 0 && this.deletions.length) yield { records: [], deletedIds: this.deletions };
  }
}

let catalog: Catalog | undefined;
afterEach(() => catalog?.close());

async function setup() {
  catalog = Catalog.open(path.join(tempDir(), 'catalog.db'));
  const endpoint = catalog.endpoints.create({
    name: 'Site docs',
    type: 'local_folder',
    settings: { path: '/unused', recursive: true, followSymlinks: false },
    filters: {},
    schedule: { type: 'manual' },
    paused: false,
  });
  const source = new ScriptedSource();
  const progress: SyncProgress[] = [];
  const finished: SyncRun[] = [];
  const { logger } = await createLogger({});
  const engine = new SyncEngine({
    catalog,
    logger,
    createConnector: () => source.connector(),
    onProgress: (p) => progress.push(p),
    onFinished: (r) => finished.push(r),
    progressIntervalMs: 0,
  });
  const live = () =>
    catalog!.files
      .query({ includeDeleted: false, sort: 'path', direction: 'asc', offset: 0, limit: 1000 })
      .rows.map((r) => r.path);
  const sync = (full = false) => engine.run(endpoint.id, { trigger: 'manual', full });
  return { catalog, endpoint, source, engine, progress, finished, live, sync };
}

const tree = () => [
  folderRecord('Plans'),
  fileRecord('Plans/A-101.pdf'),
  fileRecord('Plans/A-102.pdf', { size: 200 }),
  folderRecord('Specs'),
  fileRecord('Specs/spec.docx', { size: 300 }),
];

describe('sync engine', () => {
  it('adds everything on the first sync and records a successful full run', async () => {
    const t = await setup();
    t.source.listing = tree();
    const run = await t.sync();
    expect(run).toMatchObject({ status: 'success', kind: 'full', added: 5, updated: 0, deleted: 0, unchanged: 0 });
    expect(run.requests).toBe(3);
    expect(t.live()).toEqual(['Plans', 'Plans/A-101.pdf', 'Plans/A-102.pdf', 'Specs', 'Specs/spec.docx']);
    const changes = t.catalog.runs.changes(run.id, 100, 0);
    expect(changes.map((c) => c.kind)).toEqual(['added', 'added', 'added', 'added', 'added']);
  });

  it('classifies unchanged, modified and deleted entries on the next sync', async () => {
    const t = await setup();
    t.source.listing = tree();
    await t.sync();
    t.source.listing = tree()
      .filter((r) => r.path !== 'Specs/spec.docx')
      .map((r) => (r.path === 'Plans/A-101.pdf' ? { ...r, size: 999, modifiedTime: '2024-02-01T00:00:00.000Z' } : r));
    const run = await t.sync();
    expect(run).toMatchObject({
      status: 'success',
      kind: 'incremental',
      added: 0,
      updated: 1,
      deleted: 1,
      unchanged: 3,
    });
    expect(t.live()).not.toContain('Specs/spec.docx');
    const kinds = t.catalog.runs.changes(run.id, 100, 0).map((c) => [c.kind, c.path]);
    expect(kinds).toEqual([
      ['modified', 'Plans/A-101.pdf'],
      ['deleted', 'Specs/spec.docx'],
    ]);
  });

  it('recognises a rename or move by size and time, and keeps the file’s history on one row', async () => {
    const t = await setup();
    t.source.listing = tree();
    await t.sync();
    const before = t.catalog.files.query({
      search: 'A-102',
      includeDeleted: false,
      sort: 'path',
      direction: 'asc',
      offset: 0,
      limit: 5,
    }).rows[0]!;
    t.source.listing = tree().map((r) =>
      r.path === 'Plans/A-102.pdf'
        ? {
            ...r,
            sourceId: 'Specs/A-102 rev B.pdf',
            path: 'Specs/A-102 rev B.pdf',
            name: 'A-102 rev B.pdf',
            parentId: 'Specs',
          }
        : r,
    );
    const run = await t.sync();
    expect(run).toMatchObject({ added: 0, deleted: 0, moved: 1 });
    const change = t.catalog.runs.changes(run.id, 10, 0);
    expect(change).toEqual([
      expect.objectContaining({ kind: 'moved', path: 'Specs/A-102 rev B.pdf', oldPath: 'Plans/A-102.pdf' }),
    ]);
    const after = t.catalog.files.get(before.rowId)!;
    expect(after).toMatchObject({ path: 'Specs/A-102 rev B.pdf', deleted: false });
    expect(t.catalog.files.history(before.rowId).map((h) => h.kind)).toEqual(['moved', 'added']);
  });

  it('reports a path change of a stable source id as a move', async () => {
    const t = await setup();
    t.source.listing = [fileRecord('x.pdf', { sourceId: 'id-1' })];
    await t.sync();
    t.source.listing = [fileRecord('Archive/x.pdf', { sourceId: 'id-1' })];
    const run = await t.sync();
    expect(run).toMatchObject({ moved: 1, added: 0, deleted: 0, updated: 0 });
  });

  it('never deletes after a failed run, and the next run resumes after the last written batch', async () => {
    const t = await setup();
    t.source.listing = tree();
    await t.sync();
    // The second run sees only the first batch, then the connection fails.
    t.source.listing = [...tree(), fileRecord('Specs/new.txt', { size: 7 })];
    t.source.failAfterBatches = 1;
    const failed = await t.sync();
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/connection reset/);
    expect(failed.deleted).toBe(0);
    expect(t.live()).toHaveLength(5);

    t.source.failAfterBatches = null;
    const resumed = await t.sync();
    expect(t.source.contexts.at(-1)).toMatchObject({ resuming: true, cursor: '2' });
    expect(resumed.status).toBe('success');
    expect(resumed.added).toBe(1);
    expect(resumed.deleted).toBe(0);
    // The resumed run did not list the first batch again, yet nothing it skipped was deleted.
    expect(t.live()).toHaveLength(6);
  });

  it('a run resuming an interrupted full sync is a full one too, and an incremental one stays incremental', async () => {
    const t = await setup();
    t.source.listing = tree();
    await t.sync();
    t.source.failAfterBatches = 1;
    expect(await t.sync(true)).toMatchObject({ status: 'failed', kind: 'full' });
    t.source.failAfterBatches = null;
    expect(await t.sync()).toMatchObject({ status: 'success', kind: 'full' });
    expect(t.source.contexts.at(-1)).toMatchObject({ resuming: true });

    t.source.failAfterBatches = 1;
    expect(await t.sync()).toMatchObject({ status: 'failed', kind: 'incremental' });
    t.source.failAfterBatches = null;
    expect(await t.sync()).toMatchObject({ status: 'success', kind: 'incremental' });
  });

  it('a full sync after a failure lists everything again and deletes what is gone', async () => {
    const t = await setup();
    t.source.listing = tree();
    await t.sync();
    t.source.failAfterBatches = 1;
    await t.sync();
    t.source.failAfterBatches = null;
    t.source.listing = tree().slice(0, 3);
    const run = await t.sync(true);
    expect(t.source.contexts.at(-1)).toMatchObject({ resuming: false, full: true, cursor: null });
    expect(run).toMatchObject({ status: 'success', kind: 'full', deleted: 2 });
  });

  it('keeps entries under unreadable folders and marks the run partial', async () => {
    const t = await setup();
    t.source.listing = tree();
    await t.sync();
    t.source.listing = tree().filter((r) => !r.path.startsWith('Specs/'));
    t.source.unreadable = ['Specs'];
    const run = await t.sync();
    expect(run.status).toBe('partial');
    expect(run.deleted).toBe(0);
    expect(t.live()).toContain('Specs/spec.docx');
  });

  it('applies explicit deletions from delta sources without sweeping unseen entries', async () => {
    const t = await setup();
    t.source.listing = tree();
    await t.sync();
    t.source.mode = 'delta';
    t.source.listing = [];
    t.source.deletions = ['Plans/A-101.pdf', 'no-such-id'];
    const run = await t.sync();
    expect(run).toMatchObject({ status: 'success', deleted: 1 });
    expect(t.live()).toEqual(['Plans', 'Plans/A-102.pdf', 'Specs', 'Specs/spec.docx']);
  });

  it('sweeps when a delta source switches its plan to a snapshot before its batches end', async () => {
    const t = await setup();
    t.source.listing = tree();
    await t.sync();
    t.source.listing = tree().filter((r) => !r.path.startsWith('Specs'));
    t.source.connector = () => ({
      type: 'scripted',
      checkHealth: async () => ({ ok: true, message: 'ok' }),
      sync: (ctx) => {
        const plan: { mode: SyncMode; batches: AsyncIterable<SyncBatch> } = { mode: 'delta', batches: fallback() };
        // Stands in for a change token the source rejected: it lists everything instead.
        async function* fallback(): AsyncGenerator<SyncBatch> {
          ctx.countRequest();
          plan.mode = 'snapshot';
          yield { records: t.source.listing };
        }
        return plan;
      },
    });
    const run = await t.sync();
    expect(run).toMatchObject({ status: 'success', deleted: 2, unchanged: 3 });
    expect(t.live()).toEqual(['Plans', 'Plans/A-101.pdf', 'Plans/A-102.pdf']);
  });

  it('lets a connector read the live entries it wrote, by id and by parent', async () => {
    const t = await setup();
    t.source.listing = tree();
    await t.sync();
    t.source.mode = 'delta';
    t.source.listing = [];
    t.source.deletions = ['Plans/A-102.pdf'];
    await t.sync();
    const ctx = t.source.contexts.at(-1)!;
    expect(ctx.known('Specs/spec.docx')).toEqual(fileRecord('Specs/spec.docx', { size: 300 }));
    expect(ctx.known('Plans/A-102.pdf')).toBeUndefined();
    expect(ctx.known('nowhere')).toBeUndefined();
    expect(ctx.children('Plans').map((r) => r.sourceId)).toEqual(['Plans/A-101.pdf']);
    expect(ctx.children('Specs')).toEqual([fileRecord('Specs/spec.docx', { size: 300 })]);
    expect(ctx.children('Nothing')).toEqual([]);
  });

  it('a file that comes back after deletion is added again', async () => {
    const t = await setup();
    t.source.listing = tree();
    await t.sync();
    t.source.listing = tree().filter((r) => r.path !== 'Plans/A-101.pdf');
    await t.sync();
    t.source.listing = tree();
    const run = await t.sync();
    expect(run).toMatchObject({ added: 1, unchanged: 4 });
  });

  it('emits progress with growing counts, ending in the done phase', async () => {
    const t = await setup();
    t.source.listing = tree();
    await t.sync();
    const seen = t.progress.map((p) => p.seen);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(t.progress.at(-1)).toMatchObject({ phase: 'done', seen: 5, added: 5 });
    expect(t.finished).toHaveLength(1);
  });

  it('refuses a second sync of the same endpoint while one runs, and can cancel it', async () => {
    const t = await setup();
    t.source.listing = Array.from({ length: 200 }, (_, i) => fileRecord(`f${i}.txt`));
    const { done } = t.engine.start(t.endpoint.id, { trigger: 'manual' });
    expect(() => t.engine.start(t.endpoint.id, { trigger: 'manual' })).toThrow(/already syncing/);
    expect(t.engine.cancel(t.endpoint.id)).toBe(true);
    const run = await done;
    expect(run.status).toBe('cancelled');
    expect(run.deleted).toBe(0);
    expect(t.engine.isRunning(t.endpoint.id)).toBe(false);
  });

  it('writes a batch while the next one is being fetched', async () => {
    const t = await setup();
    const order: string[] = [];
    t.source.connector = () => ({
      type: 'pipelined',
      checkHealth: async () => ({ ok: true, message: 'ok' }),
      sync: () => ({
        mode: 'snapshot',
        batches: (async function* () {
          order.push('fetch 1');
          yield { records: [fileRecord('a.txt')] };
          order.push('fetch 2 started');
          await new Promise((r) => setTimeout(r, 20));
          order.push('fetch 2 done');
          yield { records: [fileRecord('b.txt')] };
        })(),
      }),
    });
    const runWriter = t.catalog.runWriter.bind(t.catalog);
    t.catalog.runWriter = (...args) => {
      const w = runWriter(...args);
      const write = w.write.bind(w);
      w.write = (batch) => {
        order.push(`write ${batch.records[0]!.path}`);
        return write(batch);
      };
      return w;
    };
    await t.sync();
    expect(order.indexOf('fetch 2 started')).toBeLessThan(order.indexOf('write a.txt'));
    expect(order.indexOf('write a.txt')).toBeLessThan(order.indexOf('fetch 2 done'));
  });

  it('fails the run with the connector’s message when the source cannot be built', async () => {
    const t = await setup();
    t.source.connector = () => {
      throw new Error('Folder "/gone" does not exist.');
    };
    const run = await t.sync();
    expect(run).toMatchObject({ status: 'failed', error: 'Folder "/gone" does not exist.' });
  });
});

describe('sync engine events', () => {
  it('no longer reports the endpoint as syncing when sync.finished is delivered', async () => {
    const t = await setup();
    t.source.listing = tree();
    let runningAtFinish: boolean | undefined;
    const engine = new SyncEngine({
      catalog: t.catalog,
      logger: (await createLogger({})).logger,
      createConnector: () => t.source.connector(),
      onProgress: () => undefined,
      onFinished: (run) => {
        runningAtFinish = engine.isRunning(run.endpointId);
      },
    });
    await engine.run(t.endpoint.id, { trigger: 'manual' });
    expect(runningAtFinish).toBe(false);
  });
});
