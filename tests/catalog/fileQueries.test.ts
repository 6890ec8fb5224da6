/**
 * The file browser's queries on a realistic catalog (seeded like the million-row benchmark, smaller): every plan
 * (walking a sort index from either end, collecting matches, the endpoint sort in parts) returns exactly what a
 * plain full sort returns; counts and facets follow the catalog as it changes.
 */
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import { filesQuerySql } from '../../src/catalog/files.js';
import { filesQuerySchema, type FilesQuery, type SortField } from '../../src/contract/schemas.js';
import { DATABASE_FILE } from '../../src/core/paths.js';
import { seedCatalog } from '../helpers/seedCatalog.js';
import { fileRecord } from '../helpers/records.js';
import fs from 'node:fs';
import os from 'node:os';
import { plainOrder as plainSortOrder } from '../helpers/searchReference.js';

let dataDir: string;
let endpointIds: number[];
let catalog: Catalog;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-queries-'));
  ({ endpointIds } = await seedCatalog(dataDir, { files: 3000, endpoints: 3, seed: 7 }));
  return () => fs.rmSync(dataDir, { recursive: true, force: true });
});

function open(): Catalog {
  catalog = Catalog.open(path.join(dataDir, DATABASE_FILE));
  return catalog;
}
afterEach(() => catalog?.close());

/** The ORDER BY a person means by each sort, written out plainly: no index, no parts, no reversal. */
const plainOrder: Record<SortField, string> = { ...plainSortOrder, endpoint: 'e.name COLLATE NOCASE {dir}, f.path' };

/** Ids of a page by a full sort of every match; `where` restates the query's filter in SQL. */
function reference(q: FilesQuery & { sort: SortField }, where: string, params: unknown[]): number[] {
  const dir = q.direction === 'desc' ? 'DESC' : 'ASC';
  return catalog.db
    .prepare(
      `SELECT f.id FROM files f JOIN endpoints e ON e.id = f.endpoint_id WHERE f.deleted_at IS NULL ${where}
       ORDER BY ${plainOrder[q.sort].replace('{dir}', dir)} ${dir}, f.id ${dir} LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(...params, q.limit ?? 100, q.offset ?? 0) as number[];
}

const page = (q: FilesQuery) => catalog.files.query(filesQuerySchema.parse(q));
const ids = (q: FilesQuery) => page(q).rows.map((r) => r.rowId);

describe('file browser pages', () => {
  const filters: [string, FilesQuery, string, unknown[]][] = [
    ['no filter', {}, '', []],
    ['one extension', { extensions: ['pdf'] }, "AND f.extension = 'pdf'", []],
    ['folders', { isFolder: true }, 'AND f.is_folder = 1', []],
    ['a modifier', { modifiedBy: 'Ana Souza' }, "AND f.modified_by = 'Ana Souza'", []],
    [
      'a size and date range',
      { minSize: 1_000_000, modifiedAfter: '2023-01-01', modifiedBefore: '2024-06-01' },
      "AND f.size >= 1000000 AND f.modified_time >= '2023-01-01' AND f.modified_time < '2024-06-01'",
      [],
    ],
    ['a search', { search: 'Foundation' }, `AND (f.name LIKE '%foundation%' OR f.path LIKE '%foundation%')`, []],
    [
      'a search, an endpoint and a type',
      { search: 'Level', endpointIds: [2], extensions: ['dwg', 'pdf'] },
      `AND f.path LIKE '%level%' AND f.endpoint_id = 2 AND f.extension IN ('dwg', 'pdf')`,
      [],
    ],
  ];

  it.each(filters)(
    'with %s, every sort both ways equals a full sort, at the start, middle and end',
    (_, filter, where, params) => {
      open();
      const total = page(filter).total;
      expect(total).toBe(
        catalog.db.prepare(`SELECT COUNT(*) FROM files f WHERE f.deleted_at IS NULL ${where}`).pluck().get() as number,
      );
      expect(total).toBeGreaterThan(0);
      for (const sort of Object.keys(plainOrder) as SortField[]) {
        for (const direction of ['asc', 'desc'] as const) {
          for (const offset of [0, Math.floor(total / 2), Math.max(0, total - 30), total + 5]) {
            const q = { ...filter, sort, direction, offset, limit: 50 };
            expect(ids(q), `${sort} ${direction} @${offset}`).toEqual(reference(q, where, params));
          }
        }
      }
    },
  );

  it('counts a search once and answers it from one pass the first time', () => {
    open();
    const first = page({ search: 'Elevations', sort: 'name' });
    expect(first.total).toBeGreaterThan(0);
    expect(page({ search: 'Elevations', sort: 'size', offset: 10 }).total).toBe(first.total);
    expect(page({ search: 'no such drawing anywhere' })).toEqual({ rows: [], total: 0, totalExact: true, offset: 0 });
  });

  it('follows the catalog as it changes: totals and pages are never stale', () => {
    open();
    const before = page({ search: 'Zebra crossing', sort: 'name' });
    expect(before.total).toBe(0);
    const run = catalog.runs.start(endpointIds[2]!, 'manual', 'incremental', 2);
    catalog.transaction(() =>
      catalog
        .writer(endpointIds[2]!, run.id, 2)
        .upsert([fileRecord('Site/Zebra crossing.pdf', { modifiedBy: 'Ana Souza' })]),
    );
    expect(page({ search: 'Zebra crossing', sort: 'name' }).rows.map((r) => r.name)).toEqual(['Zebra crossing.pdf']);
    // Another process writing to the same file is noticed too.
    const other = Catalog.open(path.join(dataDir, DATABASE_FILE));
    const run2 = other.runs.start(endpointIds[2]!, 'manual', 'incremental', 3);
    other.transaction(() => other.writer(endpointIds[2]!, run2.id, 3).deleteBySourceId(['Site/Zebra crossing.pdf']));
    other.close();
    expect(page({ search: 'Zebra crossing', sort: 'name' }).total).toBe(0);
  });
});

describe('file browser query plans', () => {
  it('a new search is driven by the full-text index; a long list walks the sort index without sorting', () => {
    open();
    const plan = (sql: string, params: unknown[]) =>
      (catalog.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((p) => p.detail)
        .join('\n');
    const filters: FilesQuery[] = [
      { extensions: ['pdf'] },
      { isFolder: false },
      { endpointIds: [1] },
      { modifiedBy: 'Ana Souza' },
      { minSize: 1000, maxSize: 5_000_000 },
      { modifiedAfter: '2024-01-01', modifiedBefore: '2024-02-01' },
    ];
    for (const filter of filters) {
      for (const sort of ['name', 'path', 'size', 'modifiedTime', 'createdTime', 'extension', 'modifiedBy'] as const) {
        const q = filesQuerySchema.parse({ ...filter, search: 'Foundation Plan', sort });
        const collect = filesQuerySql(q, { walk: false, withTotal: true });
        // Only the matches are visited: no filter's index walks past rows the search already excluded.
        expect(plan(collect.idsSql, [...collect.params, 100, 0]), `${JSON.stringify(filter)} ${sort}`).toMatch(
          /SEARCH f USING INTEGER PRIMARY KEY[^]*files_fts/,
        );
        expect(plan(collect.countSql, collect.countParams).replace(/files_fts/g, '')).not.toMatch(/files_live/);
        const walk = filesQuerySql(q, { walk: true });
        expect(plan(walk.idsSql, [...walk.params, 100, 0]), `${JSON.stringify(filter)} ${sort}`).not.toMatch(
          /TEMP B-TREE FOR ORDER BY/,
        );
      }
    }
  });

  it('counts "files only" and "folders only" from an index, not the table', () => {
    open();
    const { countSql, countParams } = filesQuerySql(filesQuerySchema.parse({ isFolder: true }));
    const plan = (catalog.db.prepare(`EXPLAIN QUERY PLAN ${countSql}`).all(...countParams) as { detail: string }[])
      .map((p) => p.detail)
      .join('\n');
    expect(plan).toMatch(/USING INDEX files_live_kind \(is_folder=\?\)/);
  });
});

describe('file facets', () => {
  it('lists extensions and modifiers by how many entries have them, per endpoint or overall', () => {
    open();
    const all = catalog.files.facets(undefined);
    const count = (sql: string, ...params: unknown[]) =>
      catalog.db
        .prepare(sql)
        .pluck()
        .get(...params) as number;
    expect(all.extensions[0]).toEqual({
      value: 'pdf',
      count: count("SELECT COUNT(*) FROM files WHERE extension = 'pdf' AND deleted_at IS NULL"),
    });
    const counts = all.extensions.map((e) => e.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(all.modifiers.length).toBeGreaterThan(5);

    // The local folder endpoint records no people.
    const local = catalog.files.facets([endpointIds[2]!]);
    expect(local.modifiers).toEqual([]);
    const acc = catalog.files.facets([endpointIds[0]!]);
    expect(acc.modifiers.reduce((n, m) => n + m.count, 0)).toBe(
      count('SELECT COUNT(*) FROM files WHERE endpoint_id = ? AND modified_by IS NOT NULL', endpointIds[0]),
    );
  });

  it('notices a new extension as soon as it is catalogued', () => {
    open();
    expect(catalog.files.facets(undefined).extensions.map((e) => e.value)).not.toContain('ifcxml');
    const run = catalog.runs.start(endpointIds[2]!, 'manual', 'incremental', 2);
    catalog.transaction(() => catalog.writer(endpointIds[2]!, run.id, 2).upsert([fileRecord('Model/Tower.ifcxml')]));
    expect(catalog.files.facets(undefined).extensions).toContainEqual({ value: 'ifcxml', count: 1 });
  });
});
