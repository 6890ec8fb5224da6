import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import type { Connector, FileRecord, SyncBatch, SyncMode } from '../../src/connectors/types.js';
import type { SyncRun } from '../../src/contract/model.js';
import { summarize } from '../../src/core/handlers.js';
import { memorySecretStore } from '../../src/core/secrets.js';
import { createLogger } from '../../src/logging/logger.js';
import { SyncEngine } from '../../src/sync/engine.js';
import { fileRecord, folderRecord } from '../helpers/records.js';
import { tempDir } from '../helpers/tempDir.js';

/**
 * A source whose sync hands over its batches one at a time: each waits until the test lets it go, and the
 * test learns when the engine has written it (the engine's progress counts it as seen).
 */
class SteppedSource {
  batches: SyncBatch[] = [];
  mode: SyncMode = 'snapshot';
  private released = 0;
  private letGo: (() => void) | null = null;
  private waiting: { entries: number; written: () => void } | null = null;

  connector(): Connector {
    return {
      type: 'stepped',
      checkHealth: async () => ({ ok: true, message: 'ok' }),
      sync: () => ({ mode: this.mode, batches: this.run() }),
    };
  }

  /** Lets the next batch go and resolves once the engine has written it. */
  next(): Promise<void> {
    this.released++;
    return new Promise((written) => {
      this.waiting = { entries: this.entriesUpTo(this.released), written };
      this.letGo?.();
      this.letGo = null;
      this.progress(this.seen);
    });
  }

  private seen = 0;

  /** The engine's progress: entries written so far. */
  progress(seen: number): void {
    this.seen = seen;
    if (this.waiting && seen >= this.waiting.entries) {
      this.waiting.written();
      this.waiting = null;
    }
  }

  private entriesUpTo(count: number): number {
    return this.batches.slice(0, count).reduce((n, b) => n + b.records.length, 0);
  }

  /** Lets the listing end once its batches are written: the run goes on to its sweep. */
  finish(): void {
    this.released++;
    this.letGo?.();
    this.letGo = null;
  }

  private async *run(): AsyncGenerator<SyncBatch> {
    this.released = 0;
    this.seen = 0;
    for (let i = 0; i <= this.batches.length; i++) {
      if (this.released <= i) await new Promise<void>((resolve) => (this.letGo = resolve));
      if (i < this.batches.length) yield this.batches[i]!;
    }
  }
}

let catalog: Catalog | undefined;
afterEach(() => catalog?.close());

async function setup() {
  catalog = Catalog.open(path.join(tempDir('fc-totals-'), 'catalog.db'));
  const endpoint = catalog.endpoints.create({
    name: 'Site docs',
    type: 'local_folder',
    settings: { path: '/unused', recursive: true, followSymlinks: false },
    filters: {},
    schedule: { type: 'manual' },
    paused: false,
  });
  const source = new SteppedSource();
  const { logger } = await createLogger({});
  const engine = new SyncEngine({
    catalog,
    logger,
    createConnector: () => source.connector(),
    onProgress: (p) => source.progress(p.seen),
    progressIntervalMs: 0,
    onFinished: () => {},
  });
  const deps = { catalog, engine, secrets: memorySecretStore() };
  const counts = async () => {
    const { fileCount, folderCount, totalSize } = await summarize(deps, catalog!.endpoints.get(endpoint.id)!);
    return { fileCount, folderCount, totalSize };
  };
  /** What counting every live entry from scratch says. */
  const truth = () => {
    const row = catalog!.db
      .prepare(
        `SELECT COUNT(*) FILTER (WHERE is_folder = 0) AS fileCount, COUNT(*) FILTER (WHERE is_folder = 1) AS folderCount,
         COALESCE(SUM(size), 0) AS totalSize FROM files WHERE endpoint_id = ? AND deleted_at IS NULL`,
      )
      .get(endpoint.id);
    return { ...(row as object) };
  };
  /** Runs a sync of `batches` to its end, letting each batch go at once. */
  const sync = async (batches: SyncBatch[], mode: SyncMode = 'snapshot'): Promise<SyncRun> => {
    source.batches = batches;
    source.mode = mode;
    const done = engine.run(endpoint.id, { trigger: 'manual' });
    for (let i = 0; i < batches.length; i++) await source.next();
    source.finish();
    return done;
  };
  return { catalog, endpoint, engine, source, counts, truth, sync };
}

/** Writes `records` for the endpoint through a connection of its own, as another process would. */
function writeElsewhere(file: string, endpointId: number, records: FileRecord[]): void {
  const other = Catalog.open(file);
  try {
    other.transaction(() => {
      const run = other.runs.start(endpointId, 'manual', 'incremental', 1);
      other.writer(endpointId, run.id, 1).upsert(records);
    });
  } finally {
    other.close();
  }
}

const files = (from: number, to: number, size = 100): FileRecord[] =>
  Array.from({ length: to - from }, (_, i) => fileRecord(`Plans/sheet-${from + i}.pdf`, { size }));

describe('endpoint file counts in summaries', () => {
  it('are exact after each sync, after deletions and after the endpoint is removed', async () => {
    const t = await setup();
    expect(await t.counts()).toEqual({ fileCount: 0, folderCount: 0, totalSize: 0 });

    expect(
      await t.sync([{ records: [folderRecord('Plans'), ...files(0, 3)] }, { records: files(3, 5, 50) }]),
    ).toMatchObject({ status: 'success' });
    expect(await t.counts()).toEqual({ fileCount: 5, folderCount: 1, totalSize: 400 });
    expect(await t.counts()).toEqual(t.truth());

    // A snapshot without two of the sheets deletes them; one sheet grows.
    const grown = fileRecord('Plans/sheet-0.pdf', { size: 1000 });
    expect(await t.sync([{ records: [folderRecord('Plans'), grown, ...files(1, 3)] }])).toMatchObject({
      status: 'success',
    });
    expect(await t.counts()).toEqual({ fileCount: 3, folderCount: 1, totalSize: 1200 });
    expect(await t.counts()).toEqual(t.truth());

    // A source that reports changes only: one deletion.
    expect(await t.sync([{ records: [], deletedIds: ['Plans/sheet-1.pdf'] }], 'delta')).toMatchObject({
      status: 'success',
    });
    expect(await t.counts()).toEqual({ fileCount: 2, folderCount: 1, totalSize: 1100 });

    t.catalog.endpoints.remove(t.endpoint.id);
    expect(t.catalog.files.totals(t.endpoint.id)).toEqual({ files: 0, folders: 0, bytes: 0 });
  });

  it('are not counted again while the endpoint syncs: its own writes are added instead', async () => {
    const t = await setup();
    t.source.batches = [{ records: files(0, 2) }, { records: files(2, 6) }, { records: files(6, 7) }];
    const done = t.engine.run(t.endpoint.id, { trigger: 'manual' });
    await t.source.next();
    expect(await t.counts()).toEqual({ fileCount: 2, folderCount: 0, totalSize: 200 });

    // An entry written past the sync's writer (another process) is not seen until the sync ends: proof that
    // the summaries in between did not count the catalog again.
    writeElsewhere(t.catalog.path, t.endpoint.id, [fileRecord('Elsewhere/extra.pdf', { size: 5 })]);
    expect(await t.counts()).toEqual({ fileCount: 2, folderCount: 0, totalSize: 200 });
    await t.source.next();
    expect(await t.counts()).toEqual({ fileCount: 6, folderCount: 0, totalSize: 600 });

    await t.source.next();
    t.source.finish();
    expect(await done).toMatchObject({ status: 'success' });
    expect(await t.counts()).toEqual(t.truth());
  });

  it('kept from the writer during a sync match a count from scratch after updates, deletions and moves', async () => {
    const t = await setup();
    const first = [folderRecord('Plans'), ...files(0, 4), fileRecord('Plans/unique.pdf', { size: 777 })];
    expect(await t.sync([{ records: first }])).toMatchObject({ status: 'success' });
    expect(await t.counts()).toEqual({ fileCount: 5, folderCount: 1, totalSize: 1177 });

    t.source.batches = [
      // sheet-0 grows, a folder appears; sheets 1 to 3 are not listed (deleted by the sweep) and unique.pdf
      // turns up under a new id (taken as a move of the old row by the sweep).
      { records: [folderRecord('Plans'), fileRecord('Plans/sheet-0.pdf', { size: 1000 }), folderRecord('Specs')] },
      { records: [fileRecord('Specs/unique-renamed.pdf', { size: 777 })] },
    ];
    const done = t.engine.run(t.endpoint.id, { trigger: 'manual' });
    await t.source.next();
    expect(await t.counts()).toEqual(t.truth());
    await t.source.next();
    expect(await t.counts()).toEqual(t.truth());
    t.source.finish();
    expect(await done).toMatchObject({ status: 'success', deleted: 3, moved: 1 });
    const kept = t.catalog.files.totals(t.endpoint.id, true);
    expect({ fileCount: kept.files, folderCount: kept.folders, totalSize: kept.bytes }).toEqual(t.truth());
    expect(t.truth()).toEqual({ fileCount: 2, folderCount: 2, totalSize: 1777 });
  });

  it('of an idle endpoint are counted again as soon as another process writes to the catalog', async () => {
    const t = await setup();
    expect(await t.sync([{ records: files(0, 2) }])).toMatchObject({ status: 'success' });
    expect(await t.counts()).toMatchObject({ fileCount: 2 });

    writeElsewhere(t.catalog.path, t.endpoint.id, files(2, 3));
    expect(await t.counts()).toMatchObject({ fileCount: 3 });
    expect(await t.counts()).toEqual(t.truth());
  });
});
