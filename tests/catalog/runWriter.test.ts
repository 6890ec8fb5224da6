import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import type { RunProgressUpdate } from '../../src/catalog/runs.js';
import type { FileRecord } from '../../src/connectors/types.js';
import { fileRecord, folderRecord } from '../helpers/records.js';
import { tempDir } from '../helpers/tempDir.js';

const progress: RunProgressUpdate = {
  added: 0,
  updated: 0,
  deleted: 0,
  unchanged: 0,
  moved: 0,
  requests: 0,
  retries: 0,
};

let catalog: Catalog | undefined;
afterEach(async () => {
  await catalog?.close();
  catalog = undefined;
});

function setup(file = path.join(tempDir('fc-run-writer-'), 'catalog.db'), options = {}) {
  catalog = Catalog.open(file, options);
  const endpoint = catalog.endpoints.create({
    name: 'Site docs',
    type: 'local_folder',
    settings: { path: '/unused', recursive: true, followSymlinks: false },
    filters: {},
    schedule: { type: 'manual' },
    paused: false,
  });
  const run = catalog.runs.start(endpoint.id, 'manual', 'full', 1);
  const writer = catalog.runWriter({ endpointId: endpoint.id, runId: run.id, generation: 1 });
  /** The live rows as this thread's connection reads them. */
  const stored = () =>
    (
      catalog!.db
        .prepare('SELECT source_id FROM files WHERE endpoint_id = ? AND deleted_at IS NULL ORDER BY source_id')
        .all(endpoint.id) as { source_id: string }[]
    ).map((r) => r.source_id);
  return { catalog, endpoint, run, writer, stored };
}

const sheets = (n: number, folder = 'Plans'): FileRecord[] =>
  Array.from({ length: n }, (_, i) => fileRecord(`${folder}/sheet-${String(i).padStart(5, '0')}.pdf`));

describe('a sync run’s writer', () => {
  it('writes on another thread: this one keeps running timers while a large batch is written', async () => {
    const { writer, stored } = setup();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const written = await writer.write({ records: sheets(20_000), progress });
      expect(written.counts).toMatchObject({ added: 20_000 });
    } finally {
      clearInterval(timer);
    }
    // Written on this thread, the batch would have been done before a single timer could fire.
    expect(ticks).toBeGreaterThan(0);
    expect(stored()).toHaveLength(20_000);
  });

  it('answers connectors with every batch handed over, before it is written', async () => {
    const { writer, stored } = setup();
    await writer.write({ records: [folderRecord('Plans'), ...sheets(2)], progress });

    const pending = writer.write({
      records: [fileRecord('Plans/new.pdf', { size: 7, extras: { revision: 'B' } }), ...sheets(20_000, 'Specs')],
      deletedIds: ['Plans/sheet-00000.pdf'],
      progress,
    });
    expect(stored()).not.toContain('Plans/new.pdf');
    expect(writer.known('Plans/new.pdf')).toEqual(fileRecord('Plans/new.pdf', { size: 7, extras: { revision: 'B' } }));
    expect(writer.lookup('Plans/new.pdf')).toEqual({ size: 7, modifiedTime: '2024-01-02T00:00:00.000Z' });
    expect(writer.known('Plans/sheet-00000.pdf')).toBeUndefined();
    expect(writer.children('Plans').map((r) => r.sourceId)).toEqual(['Plans/new.pdf', 'Plans/sheet-00001.pdf']);

    await pending;
    // Written now: the same answers, from the catalog.
    expect(stored()).toContain('Plans/new.pdf');
    expect(writer.known('Plans/new.pdf')).toEqual(fileRecord('Plans/new.pdf', { size: 7, extras: { revision: 'B' } }));
    expect(writer.children('Plans').map((r) => r.sourceId)).toEqual(['Plans/new.pdf', 'Plans/sheet-00001.pdf']);
  });

  it('writes a batch that fails as nothing at all, and stops answering with its entries', async () => {
    const { writer, stored, catalog: c } = setup();
    await writer.write({ records: sheets(3), progress });
    // The second record breaks a constraint of the files table after the first was written in the same batch.
    const broken = { ...fileRecord('Plans/broken.pdf'), name: null } as unknown as FileRecord;
    const failing = writer.write({ records: [fileRecord('Plans/first.pdf'), broken], cursor: 'page-9', progress });
    expect(writer.known('Plans/first.pdf')).toBeDefined();
    await expect(failing).rejects.toThrow(/NOT NULL/);
    expect(writer.known('Plans/first.pdf')).toBeUndefined();
    expect(stored()).toEqual(sheets(3).map((r) => r.sourceId));
    expect(c.endpoints.syncState(1).cursor).toBeNull();
    // The writer goes on with the next batch.
    await writer.write({ records: [fileRecord('Plans/after.pdf')], progress });
    expect(stored()).toContain('Plans/after.pdf');
  });

  it('keeps the endpoint’s totals from before the run and the run’s changes', async () => {
    const file = path.join(tempDir('fc-run-writer-'), 'catalog.db');
    const first = setup(file);
    await first.writer.write({ records: sheets(4), progress });
    await first.writer.end({ sweep: null, syncState: { cursor: null, generation: 1, pendingGeneration: null } });
    first.writer.release();

    const run = first.catalog.runs.start(first.endpoint.id, 'manual', 'full', 2);
    const writer = first.catalog.runWriter({ endpointId: first.endpoint.id, runId: run.id, generation: 2 });
    await writer.write({ records: [fileRecord('Plans/sheet-00000.pdf', { size: 1000 })], progress });
    expect(writer.totalsBefore).toEqual({ files: 4, folders: 0, bytes: 400 });
    const ended = await writer.end({
      sweep: { keepPrefixes: [] },
      syncState: { cursor: null, generation: 2, pendingGeneration: null },
    });
    expect(ended).toMatchObject({ deleted: 3, moved: 0 });
    expect(writer.totalsChange).toEqual({ files: -3, folders: 0, bytes: 600 });
    expect(first.catalog.files.totals(first.endpoint.id, true)).toEqual({ files: 1, folders: 0, bytes: 1000 });
  });

  it('says what went wrong when its thread cannot start', async () => {
    const { writer } = setup(undefined, { writeThreadUrl: new URL('file:///nowhere/catalogWriteThread.js') });
    await expect(writer.write({ records: sheets(1), progress })).rejects.toThrow(
      /The catalog's write thread stopped: .*nowhere/,
    );
  });
});
