/**
 * A broad search's page is walked or collected by what a sample of the catalog says: where the page's last match
 * lies in a walk of the sort index (the walk's cost) against how many matches collecting reads. The sample must
 * judge the search and filters as the query does, place the page about where a walk really meets it, and so send
 * a search whose matches bunch up far along the sort order to collecting while the same search the other way walks.
 */
import { describe, expect, it } from 'vitest';
import { choosePlan, FileRepository, planSample, sampleCatalog, type CatalogSample } from '../../src/catalog/files.js';
import { filesQuerySchema, type FilesQuery } from '../../src/contract/schemas.js';
import { plainOrder, referencePage, searchSql, useSeededCatalog } from '../helpers/searchReference.js';

const seeded = useSeededCatalog('fc-plan-choice-', 20_000, 11);

let taken: CatalogSample | undefined;
/** A sample of 1000 entries: each stands for about 20 of the catalog's ids. */
const sample = () => (taken ??= sampleCatalog(seeded().db, 1000));

const sorts = Object.keys(plainOrder) as (keyof typeof plainOrder)[];

/** Filters restated in plain SQL. */
const filters: [string, FilesQuery, string][] = [
  ['no filter', {}, ''],
  ['pdf', { extensions: ['pdf'] }, "AND f.extension = 'pdf'"],
  ['dwg or rvt', { extensions: ['.DWG', 'rvt'] }, "AND f.extension IN ('dwg', 'rvt')"],
  ['files over 1 MB', { minSize: 1_000_000, isFolder: false }, 'AND f.size >= 1000000 AND f.is_folder = 0'],
  [
    'modified in 2024 by one person',
    { modifiedAfter: '2024-01-01', modifiedBefore: '2025-01-01', modifiedBy: 'Ana Souza' },
    "AND f.modified_time >= '2024-01-01' AND f.modified_time < '2025-01-01' AND f.modified_by = 'Ana Souza'",
  ],
  ['one endpoint', { endpointIds: [2] }, 'AND f.endpoint_id = 2'],
];

const query = (input: FilesQuery & { sort: keyof typeof plainOrder }) => ({
  ...filesQuerySchema.parse(input),
  sort: input.sort,
});

/** Entries a walk of the whole sort index reads up to the page's last row, counted exactly; Infinity past the end. */
function walkLength(q: ReturnType<typeof query>, where: string): number {
  const last = referencePage(seeded().db, { ...q, offset: q.offset + q.limit - 1, limit: 1 }, where).ids[0];
  if (last === undefined) return Infinity;
  const dir = q.direction === 'desc' ? 'DESC' : 'ASC';
  return seeded()
    .db.prepare(
      `SELECT n FROM (SELECT f.id, ROW_NUMBER() OVER (ORDER BY ${plainOrder[q.sort]} ${dir}, f.id ${dir}) AS n
       FROM files f WHERE f.deleted_at IS NULL) WHERE id = ?`,
    )
    .pluck()
    .get(last) as number;
}

/** The choice for a page of `q` when collecting costs `perMatch` µs for each of the search's matches. */
function choice(q: ReturnType<typeof query>, perMatch: number) {
  const matches = new FileRepository(seeded().db).searchBound(q.search ?? '');
  return choosePlan(planSample(sample(), q), q.offset + q.limit, matches * perMatch, 6000);
}

describe('the plan sample', () => {
  it.each(['Level', 'Rev B', 'Tower', 'pdf'])(
    'searching %s: the sampled entries it counts as matching are those the query finds among them',
    (search) => {
      const ids = JSON.stringify(sample().entries.map((e) => e.id));
      const found = searchSql(search);
      for (const [name, filter, where] of filters) {
        const expected = seeded()
          .db.prepare(
            `SELECT COUNT(*) FROM files f WHERE f.id IN (SELECT value FROM json_each(?))
             AND f.deleted_at IS NULL ${where} ${found.sql}`,
          )
          .pluck()
          .get(ids, ...found.params);
        expect(planSample(sample(), query({ search, ...filter, sort: 'size' })).passing, name).toHaveLength(
          expected as number,
        );
      }
    },
  );

  it.each(['Level', 'Tower', 'Schedule', 'pdf'])(
    "searching %s: it places a page's last match about where a walk of the sort index meets it",
    (search) => {
      for (const sort of sorts) {
        for (const direction of ['asc', 'desc'] as const) {
          for (const offset of [0, 400]) {
            const q = query({ search, sort, direction, offset, limit: 100 });
            const label = `${search} / ${sort} ${direction} @${offset}`;
            const exact = walkLength(q, '');
            const { entries } = choice(q, 1);
            // The page ends near the (offset + limit) × 1000 / 20 458-th sampled match: few for a sparse search, so
            // the estimate is within a tenth of the catalog or half the walk, not exact.
            if (exact === Infinity) expect(entries, label).toBe(Infinity);
            else expect(Math.abs(entries - exact), label).toBeLessThanOrEqual(Math.max(2000, exact / 2));
          }
        }
      }
    },
    60_000,
  );
});

describe('choosing a broad search plan', () => {
  it('a search whose matches lie far along the path order collects; the other way round it walks', () => {
    const ascending = query({ search: 'Tower', sort: 'path', direction: 'asc', limit: 100 });
    const descending = { ...ascending, direction: 'desc' as const };
    // The plain answer agrees: ascending, the page ends deep in the index; descending, near its start.
    expect(walkLength(ascending, '')).toBeGreaterThan(12_000);
    expect(walkLength(descending, '')).toBeLessThan(2_000);
    // Collecting by path reads each match's row, about 1.5 µs.
    expect(choice(ascending, 1.5)).toMatchObject({ walk: false });
    expect(choice(ascending, 1.5).entries).toBeGreaterThan(choice(ascending, 1.5).budget);
    expect(choice(descending, 1.5)).toMatchObject({ walk: true });
  });

  it('a search whose matches are spread through the sort order walks', () => {
    for (const sort of ['name', 'size', 'modifiedTime'] as const) {
      expect(choice(query({ search: 'Level', sort, limit: 100 }), 0.5), sort).toMatchObject({ walk: true });
    }
  });

  it('filters that leave none of the sampled matches collect: a walk would read its whole range', () => {
    const q = query({ search: 'Level', extensions: ['dwg'], modifiedBy: 'Nobody Known', sort: 'size', limit: 100 });
    expect(planSample(sample(), q).passing).toEqual([]);
    expect(choice(q, 0.5)).toMatchObject({ walk: false, entries: Infinity });
  });

  it('estimates the walk from the sampled passing entry at the end of the page, against what collecting costs', () => {
    // 100 sampled of 1000 ids: each stands for 10; a page ending at the 25th passing match ends at the 3rd sampled.
    const sampled = { catalog: 1000, sampled: 100, passing: [5, 10, 50, 90] };
    expect(choosePlan(sampled, 25, 1000, 1_000_000)).toEqual({ walk: true, entries: 500, budget: 6667 });
    // Collecting costs what 400 walked entries do: the walk is not worth it.
    expect(choosePlan(sampled, 25, 60, 1_000_000)).toMatchObject({ walk: false, entries: 500, budget: 400 });
    // The walk's budget never exceeds the repository's cap.
    expect(choosePlan(sampled, 25, 1000, 3000)).toMatchObject({ walk: true, budget: 3000 });
    // Past the last sampled passing match the page cannot be found by a walk.
    expect(choosePlan(sampled, 50, 1000, 1_000_000)).toMatchObject({ walk: false, entries: Infinity });
  });
});
