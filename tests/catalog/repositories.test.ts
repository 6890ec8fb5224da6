import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import { filesQuerySql, searchTerms } from '../../src/catalog/files.js';
import type { FilesQuery } from '../../src/contract/schemas.js';
import { filesQuerySchema } from '../../src/contract/schemas.js';
import { fileRecord, folderRecord } from '../helpers/records.js';
import { tempDir } from '../helpers/tempDir.js';

let catalog: Catalog;
afterEach(() => catalog?.close());

function seed() {
  catalog = Catalog.open(path.join(tempDir(), 'catalog.db'));
  const make = (name: string) =>
    catalog.endpoints.create({
      name,
      type: 'local_folder',
      settings: { path: `/data/${name}`, recursive: true, followSymlinks: false },
      filters: {},
      schedule: { type: 'manual' },
      paused: false,
    });
  const a = make('Tower A');
  const b = make('Bridge');
  const runA = catalog.runs.start(a.id, 'manual', 'full', 1);
  const runB = catalog.runs.start(b.id, 'manual', 'full', 1);
  catalog.transaction(() => {
    catalog.writer(a.id, runA.id, 1).upsert([
      folderRecord('Structural'),
      fileRecord('Structural/S-101 Foundation Plan.pdf', {
        size: 5_000,
        modifiedTime: '2024-03-01T10:00:00.000Z',
        modifiedBy: 'Ana Diaz',
      }),
      fileRecord('Structural/S-102 Framing.dwg', {
        size: 90_000,
        modifiedTime: '2024-01-15T10:00:00.000Z',
        modifiedBy: 'Ben Ode',
      }),
      fileRecord('Model.rvt', { size: 1_000_000, modifiedTime: '2024-05-01T10:00:00.000Z', modifiedBy: 'Ana Diaz' }),
    ]);
    catalog
      .writer(b.id, runB.id, 1)
      .upsert([
        fileRecord('Deck/Deck plan.pdf', { size: 700, modifiedTime: '2023-12-31T23:00:00.000Z' }),
        fileRecord('readme', { size: null, extension: null, modifiedTime: null }),
      ]);
  });
  return { a, b, runA };
}

const q = (query: FilesQuery) => catalog.files.query(filesQuerySchema.parse(query));
const names = (query: FilesQuery) => q(query).rows.map((r) => r.name);

describe('file repository', () => {
  it('finds files by any part of their name or path, case-insensitively', () => {
    seed();
    expect(names({ search: 's-101' })).toEqual(['S-101 Foundation Plan.pdf']);
    expect(names({ search: 'plan', sort: 'name' })).toEqual(['Deck plan.pdf', 'S-101 Foundation Plan.pdf']);
    expect(names({ search: 'structural framing' })).toEqual(['S-102 Framing.dwg']);
    expect(names({ search: 'nothing like this' })).toEqual([]);
  });

  it('matches words shorter than three characters too', () => {
    seed();
    expect(names({ search: 'S-', sort: 'name' })).toEqual(['S-101 Foundation Plan.pdf', 'S-102 Framing.dwg']);
    expect(names({ search: '10 Found' })).toEqual(['S-101 Foundation Plan.pdf']);
  });

  it('treats quotes and FTS syntax in search text as plain text', () => {
    seed();
    expect(() => q({ search: '"unbalanced AND OR NEAR(' })).not.toThrow();
    expect(searchTerms('a "b" c100')).toEqual({ match: '"""b""" AND "c100"', likes: ['%a%'] });
  });

  it('sorts on the server by each column, both directions, entries without a value first ascending', () => {
    seed();
    expect(names({ sort: 'size', direction: 'desc', isFolder: false })).toEqual([
      'Model.rvt',
      'S-102 Framing.dwg',
      'S-101 Foundation Plan.pdf',
      'Deck plan.pdf',
      'readme',
    ]);
    expect(names({ sort: 'size', direction: 'asc', isFolder: false })[0]).toBe('readme');
    expect(names({ sort: 'modifiedTime', direction: 'asc', isFolder: false }).slice(0, 2)).toEqual([
      'readme',
      'Deck plan.pdf',
    ]);
    expect(q({ sort: 'endpoint' }).rows[0]!.endpointName).toBe('Bridge');
  });

  it('filters by endpoint, extension, size range, dates and modifier', () => {
    const { a } = seed();
    expect(q({ endpointIds: [a.id] }).total).toBe(4);
    expect(names({ extensions: ['PDF'], sort: 'name' })).toEqual(['Deck plan.pdf', 'S-101 Foundation Plan.pdf']);
    expect(names({ minSize: 1000, maxSize: 100_000, sort: 'name' })).toEqual([
      'S-101 Foundation Plan.pdf',
      'S-102 Framing.dwg',
    ]);
    expect(names({ modifiedAfter: '2024-02-01', modifiedBefore: '2024-04-01' })).toEqual(['S-101 Foundation Plan.pdf']);
    // A name from the "Modified by" list, matched exactly.
    expect(names({ modifiedBy: 'Ana Diaz', sort: 'name' })).toEqual(['Model.rvt', 'S-101 Foundation Plan.pdf']);
    expect(names({ modifiedBy: 'ana' })).toEqual([]);
  });

  it('pages without overlap and reports the total', () => {
    seed();
    const first = q({ limit: 4, offset: 0 });
    const second = q({ limit: 4, offset: 4 });
    expect(first.total).toBe(6);
    expect(second.rows).toHaveLength(2);
    const ids = [...first.rows, ...second.rows].map((r) => r.rowId);
    expect(new Set(ids).size).toBe(6);
  });

  it('hides deleted entries unless asked', () => {
    const { a } = seed();
    const run = catalog.runs.start(a.id, 'manual', 'incremental', 2);
    catalog.transaction(() => catalog.writer(a.id, run.id, 2).deleteBySourceId(['Model.rvt']));
    expect(names({ search: 'Model' })).toEqual([]);
    expect(q({ search: 'Model', includeDeleted: true }).rows[0]).toMatchObject({ name: 'Model.rvt', deleted: true });
  });

  it('reports totals per endpoint and catalog statistics', () => {
    const { a } = seed();
    expect(catalog.files.totals(a.id)).toEqual({ files: 3, folders: 1, bytes: 1_095_000 });
    expect(catalog.stats()).toMatchObject({ endpoints: 2, files: 5, folders: 1, runs: 2, changeEvents: 6 });
    expect(catalog.stats().databaseBytes).toBeGreaterThan(0);
  });

  it('removing an endpoint removes its files, runs and search entries', () => {
    const { a } = seed();
    catalog.endpoints.remove(a.id);
    expect(q({}).total).toBe(2);
    expect(names({ search: 'Foundation' })).toEqual([]);
    expect(catalog.runs.list({ limit: 10, offset: 0 })).toHaveLength(1);
  });

  it('resets incremental state when an endpoint is pointed elsewhere', () => {
    const { a } = seed();
    catalog.endpoints.saveSyncState(a.id, { cursor: 'c', generation: 3, pendingGeneration: 4 });
    const def = {
      name: 'Tower A',
      type: 'local_folder' as const,
      filters: {},
      schedule: { type: 'manual' as const },
      paused: false,
    };
    catalog.endpoints.update(a.id, {
      ...def,
      settings: { path: '/data/Tower A', recursive: true, followSymlinks: false },
    });
    expect(catalog.endpoints.syncState(a.id)).toEqual({ cursor: 'c', generation: 3, pendingGeneration: 4 });
    catalog.endpoints.update(a.id, {
      ...def,
      settings: { path: '/elsewhere', recursive: true, followSymlinks: false },
    });
    expect(catalog.endpoints.syncState(a.id)).toEqual({ cursor: null, generation: 3, pendingGeneration: null });
  });
});

describe('retention', () => {
  it('keeps the newest runs per endpoint and drops old logs', () => {
    const { a } = seed();
    for (let i = 0; i < 5; i++)
      catalog.runs.finish(
        catalog.runs.start(a.id, 'manual', 'incremental', 1).id,
        'success',
        { added: 0, updated: 0, deleted: 0, unchanged: 0, moved: 0, requests: 0, retries: 0 },
        null,
      );
    catalog.logs.insert({
      at: '2000-01-01T00:00:00.000Z',
      level: 'info',
      message: 'old',
      endpointId: null,
      runId: null,
      data: null,
    });
    catalog.logs.insert({
      at: new Date().toISOString(),
      level: 'info',
      message: 'new',
      endpointId: null,
      runId: null,
      data: null,
    });
    const removed = catalog.applyRetention({ runsPerEndpoint: 2, logDays: 30 });
    // Tower A has an older running run and 5 finished ones: the newest 2 stay, the running one is never removed.
    expect(removed.runs).toBe(3);
    expect(catalog.runs.list({ endpointId: a.id, limit: 10, offset: 0 }).map((r) => r.status)).toEqual([
      'success',
      'success',
      'running',
    ]);
    expect(removed.logEntries).toBe(1);
    expect(catalog.logs.recent({ limit: 10 }).map((l) => l.message)).toEqual(['new']);
  });
});

describe('file browser queries on a large catalog', () => {
  it('walk an index for every sort instead of sorting all rows', () => {
    seed();
    for (const sort of ['name', 'path', 'size', 'modifiedTime', 'createdTime', 'extension', 'modifiedBy'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const { idsSql, params } = filesQuerySql(filesQuerySchema.parse({ sort, direction }), { walk: true });
        const plan = (
          catalog.db.prepare(`EXPLAIN QUERY PLAN ${idsSql}`).all(...params, 100, 0) as { detail: string }[]
        ).map((p) => p.detail);
        expect(plan.join('\n'), `${sort} ${direction}`).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      }
    }
  });
});
