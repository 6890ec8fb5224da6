/**
 * Scenario 6: file-browser pages (100 rows) with a sort, a filter and a full-text search over a seeded catalog
 * of a million files, through the core's `files.query` handler: latency percentiles over a varied query set.
 */
import { seedCatalog } from '../../tests/helpers/seedCatalog.js';
import { call, percentile, timed, type Scenario } from '../lib.js';
import { openCore } from '../../src/core/core.js';

const SEARCHES = ['Foundation', 'S-1', 'Floor Plan', 'Rev B', 'Curtain', 'Tower', 'Details', 'Schedule', 'HVAC', 'RFI'];
const SORTS = ['name', 'modifiedTime', 'size', 'path', 'extension', 'modifiedBy'] as const;
const FILTERS: Record<string, unknown>[] = [
  { extensions: ['pdf'] },
  { extensions: ['dwg', 'rvt'] },
  { modifiedAfter: '2024-01-01T00:00:00.000Z' },
  { minSize: 1_000_000 },
  { isFolder: false },
];

/** The query set: every search with a sort and a filter each, both directions, a few pages deep. */
export function readQueries(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  SEARCHES.forEach((search, i) => {
    for (let j = 0; j < 12; j++) {
      out.push({
        search,
        sort: SORTS[(i + j) % SORTS.length],
        direction: j % 2 ? 'desc' : 'asc',
        ...FILTERS[(i * 3 + j) % FILTERS.length],
        limit: 100,
        offset: j % 4 === 3 ? 500 : 0,
      });
    }
  });
  return out;
}

export const catalogReads: Scenario = {
  name: 'catalog-reads',
  title: 'files.query pages (sort + filter + search) over a million files: percentiles',
  async run(ctx) {
    const files = ctx.quick ? 100_000 : 1_000_000;
    const dataDir = ctx.tempDir('fc-bench-reads-');
    ctx.log(`Seeding a catalog of ${files.toLocaleString('en-US')} files`);
    const seeded = await timed(() => seedCatalog(dataDir, { files }));
    const core = await openCore({ dataDir, host: 'browser', logLevel: 'warn' });
    try {
      const queries = readQueries();
      // One pass to warm the page cache, as a window that has been open a moment has.
      for (const q of queries.slice(0, 10)) await call(core, 'files.query', q);
      const latencies: number[] = [];
      let rows = 0;
      for (const q of queries) {
        const { ms, result } = await timed(() => call<{ rows: unknown[] }>(core, 'files.query', q));
        latencies.push(ms);
        rows += result.rows.length;
      }
      const scenario = `6 Catalog reads (${(files / 1000).toLocaleString('en-US')}k files)`;
      const p = (n: number) => percentile(latencies, n);
      return {
        figures: [
          { scenario, figure: 'files.query p50', value: p(50), unit: 'ms' },
          {
            scenario,
            figure: 'files.query p95',
            value: p(95),
            unit: 'ms',
            target: { op: '<=', limit: 50 },
            note:
              "A broad search's page walks the sort index testing each entry against the search's matches, or " +
              'collects the matches through a narrow index of sort keys and filters by id (migration 8), chosen ' +
              "by an estimate from a sample of the catalog of where the page's matches lie; most pages take 5-30 " +
              'ms. The slowest (in latest.json) are pages where both plans cost about the same: tens of thousands ' +
              'of index entries read at up to 1-2 µs each from an index larger than the page cache. Keeping a ' +
              "search's matches for its next pages (measured at p95 37 ms) would reach the target.",
          },
          { scenario, figure: 'files.query p99', value: p(99), unit: 'ms' },
        ],
        details: {
          files,
          seedMs: Math.round(seeded.ms),
          queries: queries.length,
          rowsReturned: rows,
          slowest: queries
            .map((q, i) => ({ ms: Math.round(latencies[i]!), query: q }))
            .sort((a, b) => b.ms - a.ms)
            .slice(0, 5),
        },
      };
    } finally {
      await core.close();
    }
  },
};
