/**
 * The two plans a broad search's page may take on its own, checked without the repository's fallbacks hiding a
 * wrong answer: the probe walk (the sort index read in order, each entry tested against the search's matches) and
 * collecting through the narrow files_live_keys index. Each must give exactly the rows, in the order, of a plain
 * full sort of the full-text index's matches.
 */
import { describe, expect, it } from 'vitest';
import { filesQuerySql, keysCover, probeWalkSql } from '../../src/catalog/files.js';
import { filesQuerySchema, type FilesQuery } from '../../src/contract/schemas.js';
import { plainOrder, referencePage, useSeededCatalog } from '../helpers/searchReference.js';

const seeded = useSeededCatalog('fc-search-plans-', 20_000, 5);

const sorts = Object.keys(plainOrder) as (keyof typeof plainOrder)[];

/** Filters restated in plain SQL. */
const filters: [string, FilesQuery, string][] = [
  ['no filter', {}, ''],
  ['pdf', { extensions: ['pdf'] }, "AND f.extension = 'pdf'"],
  ['dwg or rvt', { extensions: ['dwg', 'rvt'] }, "AND f.extension IN ('dwg', 'rvt')"],
  ['files over 1 MB', { minSize: 1_000_000, isFolder: false }, 'AND f.size >= 1000000 AND f.is_folder = 0'],
  [
    'modified in 2024 by one person',
    { modifiedAfter: '2024-01-01', modifiedBefore: '2025-01-01', modifiedBy: 'Ana Souza' },
    "AND f.modified_time >= '2024-01-01' AND f.modified_time < '2025-01-01' AND f.modified_by = 'Ana Souza'",
  ],
  ['one endpoint', { endpointIds: [2] }, 'AND f.endpoint_id = 2'],
];

const reference = (q: FilesQuery & { sort: keyof typeof plainOrder }, where: string) =>
  referencePage(seeded().db, q, where);

const run = (sql: string, params: unknown[]) =>
  seeded()
    .db.prepare(sql)
    .pluck()
    .all(...params) as number[];

/** Every query of `search` the tests go through: each filter, sort and direction, at the first, middle and last page. */
function* queries(search: string) {
  for (const [name, filter, where] of filters) {
    for (const sort of sorts) {
      for (const direction of ['asc', 'desc'] as const) {
        const total = reference({ search, ...filter, sort, direction, limit: 1 }, where).total;
        for (const offset of [0, Math.floor(total / 2), Math.max(0, total - 40)]) {
          const q = { ...filesQuerySchema.parse({ search, ...filter, sort, direction, offset, limit: 60 }), sort };
          yield { q, where, label: `${search} / ${name} / ${sort} ${direction} @${offset}` };
        }
      }
    }
  }
}

describe('broad search plans', () => {
  it.each(['Level', 'Plan', 'Rev B', 'Tower', 'Schedule'])(
    'searching %s: the probe walk over the whole sort index equals a full sort of the matches',
    (search) => {
      for (const { q, where, label } of queries(search)) {
        const walk = probeWalkSql(q, 1_000_000)!;
        expect(run(walk.sql, [...walk.params, q.limit, q.offset]), label).toEqual(reference(q, where).ids);
      }
    },
    60_000,
  );

  it.each(['Level', 'Tower', 'Schedule'])(
    'searching %s: a walk cut short returns a full page only when it is the right one, else fewer rows',
    (search) => {
      let full = 0;
      let short = 0;
      for (const { q, where, label } of queries(search)) {
        const walk = probeWalkSql(q, 3000)!;
        const ids = run(walk.sql, [...walk.params, q.limit, q.offset]);
        const expected = reference(q, where).ids;
        if (ids.length === q.limit) {
          full++;
          expect(ids, label).toEqual(expected);
        } else {
          short++;
          // What it found is the start of the page: the walk reads the sort order from its beginning.
          expect(ids, label).toEqual(expected.slice(0, ids.length));
        }
      }
      // Both outcomes are exercised, so the repository's check of a cut walk is too.
      expect(full).toBeGreaterThan(0);
      expect(short).toBeGreaterThan(0);
    },
    60_000,
  );

  it.each(['Level', 'pdf', 'Tower', 'Schedule'])(
    'searching %s: collecting through the keys index equals a full sort, and counts the same',
    (search) => {
      for (const { q, where, label } of queries(search)) {
        if (!keysCover(q)) continue;
        const { idsSql, params, countSql, countParams } = filesQuerySql(q, { walk: false, keys: true });
        const expected = reference(q, where);
        expect(run(idsSql, [...params, q.limit, q.offset]), label).toEqual(expected.ids);
        expect(
          seeded()
            .db.prepare(countSql)
            .pluck()
            .get(...countParams),
          label,
        ).toBe(expected.total);
      }
    },
    60_000,
  );

  it('the keys index covers every sort but path, and never a short word or deleted entries', () => {
    const q = (input: FilesQuery) => filesQuerySchema.parse({ search: 'Level', ...input });
    for (const sort of sorts) expect(keysCover(q({ sort })), sort).toBe(sort !== 'path');
    expect(keysCover(q({ sort: 'size', search: 'Rev B' }))).toBe(false);
    expect(keysCover(q({ sort: 'size', includeDeleted: true }))).toBe(false);
    expect(() => filesQuerySql(q({ sort: 'path' }), { walk: false, keys: true })).toThrow(/keys index covers/);
  });
});

describe('broad search query plans', () => {
  const plan = (sql: string, params: unknown[]) =>
    (
      seeded()
        .db.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params) as { detail: string }[]
    )
      .map((p) => p.detail)
      .join('\n');

  it('a probe walk reads the sort index in order and only the matches from the keys index', () => {
    for (const [name, filter] of filters) {
      for (const sort of sorts) {
        const q = filesQuerySchema.parse({ search: 'Level', ...filter, sort, direction: 'desc' });
        const walk = probeWalkSql(q, 5000)!;
        const detail = plan(walk.sql, [...walk.params, 100, 0]);
        expect(detail, `${name} ${sort}`).not.toMatch(/TEMP B-TREE/);
        expect(detail, `${name} ${sort}`).toMatch(/CO-ROUTINE w\n(SCAN|SEARCH) f USING (COVERING )?INDEX files_live_/);
        // The row of an entry is never read: at most the keys index, by id, for the filters.
        expect(detail, `${name} ${sort}`).not.toMatch(/INTEGER PRIMARY KEY/);
      }
    }
  });

  it('collecting a search through the keys index reads no row of the table', () => {
    for (const sort of sorts.filter((s) => s !== 'path')) {
      const q = filesQuerySchema.parse({ search: 'Level', extensions: ['pdf'], minSize: 10, sort });
      const collect = filesQuerySql(q, { walk: false, withTotal: true, keys: true });
      const detail = plan(collect.idsSql, [...collect.params, 100, 0]);
      expect(detail, sort).toMatch(/SEARCH f USING COVERING INDEX files_live_keys \(id=\?\)[^]*files_fts/);
      expect(plan(collect.countSql, collect.countParams), sort).toMatch(/COVERING INDEX files_live_keys/);
    }
  });
});
