/**
 * Broad searches (matching a large share of the catalog) are paged without counting every match first: by a
 * bounded walk of the sort index, or by collecting only up to the page. Their pages must be exactly what a plain
 * full sort of the full-text index's matches gives, and `count` the exact total the estimate stands in for.
 */
import { describe, expect, it } from 'vitest';
import { FileRepository } from '../../src/catalog/files.js';
import { filesQuerySchema, type FilesQuery } from '../../src/contract/schemas.js';
import { plainOrder, referencePage, useSeededCatalog } from '../helpers/searchReference.js';

const seeded = useSeededCatalog('fc-broad-', 20_000, 11);

/** A repository tuned for a small catalog: a search finding 400 entries or more is broad, walks read up to 6000. */
const repository = () => new FileRepository(seeded().db, { broadSearch: 400, walkBudget: 6000, sample: 300 });

/** Filters restated in plain SQL. */
const filters: [string, FilesQuery, string][] = [
  ['no filter', {}, ''],
  ['pdf', { extensions: ['pdf'] }, "AND f.extension = 'pdf'"],
  ['dwg or rvt', { extensions: ['dwg', 'rvt'] }, "AND f.extension IN ('dwg', 'rvt')"],
  ['files over 1 MB', { minSize: 1_000_000, isFolder: false }, 'AND f.size >= 1000000 AND f.is_folder = 0'],
  [
    'modified since 2024',
    { modifiedAfter: '2024-01-01T00:00:00.000Z' },
    "AND f.modified_time >= '2024-01-01T00:00:00.000Z'",
  ],
];

const reference = (q: FilesQuery & { sort: keyof typeof plainOrder }, where: string) =>
  referencePage(seeded().db, q, where);

describe('broad search pages', () => {
  it('the seeded catalog has broad and narrow searches for the test to cover', () => {
    const files = repository();
    expect(files.searchBound('Level')).toBeGreaterThan(10_000);
    expect(files.searchBound('Schedule')).toBeGreaterThan(400);
    expect(files.searchBound('Foundation')).toBeLessThan(400);
  });

  it.each(['Level', 'pdf', 'Plan', 'Rev B', 'Tower', 'Schedule', 'Foundation', 'no such sheet'])(
    'searching %s: every sort, filter, direction and page equals a full sort of the index matches',
    (search) => {
      let estimated = 0;
      for (const [name, filter, where] of filters) {
        for (const sort of Object.keys(plainOrder) as (keyof typeof plainOrder)[]) {
          for (const direction of ['asc', 'desc'] as const) {
            const total = reference({ search, ...filter, sort, direction, limit: 1 }, where).total;
            for (const offset of [0, Math.floor(total / 2), Math.max(0, total - 40)]) {
              const q = { search, ...filter, sort, direction, offset, limit: 60 };
              const label = `${search} / ${name} / ${sort} ${direction} @${offset}`;
              // A new repository each time: the count is not known yet, as for a search just typed.
              const files = repository();
              const page = files.query(filesQuerySchema.parse(q));
              const expected = reference(q, where);
              expect(
                page.rows.map((r) => r.rowId),
                label,
              ).toEqual(expected.ids);
              if (page.totalExact) expect(page.total, label).toBe(expected.total);
              else {
                estimated++;
                expect(page.total, label).toBeGreaterThanOrEqual(offset + page.rows.length);
              }
              expect(files.count(filesQuerySchema.parse(q)), label).toBe(expected.total);
              // Once counted, the next page of the same query carries the exact total.
              const next = files.query(filesQuerySchema.parse({ ...q, offset: offset + 60 }));
              expect(next, label).toMatchObject({ total: expected.total, totalExact: true });
            }
          }
        }
      }
      // The broad searches are answered without their count at least somewhere; narrow ones always count.
      if (repository().searchBound(search) >= 400) expect(estimated).toBeGreaterThan(0);
      else expect(estimated).toBe(0);
    },
    60_000,
  );
});
