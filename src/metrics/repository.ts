/**
 * The sampled metrics in the catalog's `metric_samples` table: batched writes, downsampled reads (averaged in
 * SQL, so a month of samples costs one indexed range scan), and the roll-up that keeps old samples compact.
 */
import type { Db } from '../catalog/database.js';
import { metricNames, type MetricName, type MetricsSeries } from '../contract/metrics.js';

/** How a bucket of samples becomes one point: delays and memory keep their peak, the rest is averaged. */
export const metricAggregates: Record<MetricName, 'avg' | 'max'> = {
  'process.cpu': 'avg',
  'process.rss': 'max',
  'process.heapUsed': 'max',
  'eventLoop.p50': 'avg',
  'eventLoop.p99': 'max',
  'eventLoop.max': 'max',
  'disk.dataFolder': 'max',
  'catalog.files': 'max',
  // Rates: the mean of a bucket's rates is its mean rate.
  'network.received': 'avg',
  'network.sent': 'avg',
};

const DAY_MS = 86_400_000;

export interface SeriesQuery {
  names: MetricName[];
  since?: string;
  until?: string;
  maxPoints: number;
}

interface BucketRow {
  name: MetricName;
  k: number;
  avg: number;
  max: number;
}

/** Milliseconds since the epoch of a stored ISO time, in SQL. */
const epochMs = `CAST(unixepoch(at, 'subsec') * 1000 AS INTEGER)`;
const names = (count: number) => Array.from({ length: count }, () => '?').join(', ');

export class MetricsRepository {
  private readonly insertStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare('INSERT INTO metric_samples (at, name, value) VALUES (?, ?, ?)');
  }

  /** Writes one round of samples in one transaction. */
  insert(at: string, values: Partial<Record<MetricName, number>>): void {
    this.db.transaction(() => {
      for (const [name, value] of Object.entries(values)) {
        if (Number.isFinite(value)) this.insertStmt.run(at, name, value);
      }
    })();
  }

  /** The named metrics over the range, in at most `maxPoints` buckets of equal width. */
  series(query: SeriesQuery, now = Date.now()): MetricsSeries {
    const untilMs = query.until ? Date.parse(query.until) : now;
    const sinceMs = query.since ? Date.parse(query.since) : untilMs - DAY_MS;
    const bucketMs = Math.max(1000, Math.ceil((untilMs - sinceMs) / query.maxPoints));
    const since = new Date(sinceMs).toISOString();
    const until = new Date(untilMs).toISOString();
    const wanted = [...new Set(query.names)];
    const rows = this.db
      .prepare(
        `SELECT name, CAST((${epochMs} - ?) / ? AS INTEGER) AS k, AVG(value) AS avg, MAX(value) AS max
         FROM metric_samples
         WHERE name IN (${names(wanted.length)}) AND at >= ? AND at < ?
         GROUP BY name, k ORDER BY k`,
      )
      .all(sinceMs, bucketMs, ...wanted, since, until) as BucketRow[];

    const buckets = [...new Set(rows.map((r) => r.k))].sort((a, b) => a - b);
    const index = new Map(buckets.map((k, i) => [k, i]));
    const values: MetricsSeries['values'] = {};
    for (const name of wanted) values[name] = buckets.map(() => null);
    for (const row of rows) {
      values[row.name]![index.get(row.k)!] = metricAggregates[row.name] === 'max' ? row.max : row.avg;
    }
    return { since, until, bucketMs, at: buckets.map((k) => sinceMs + k * bucketMs), values };
  }

  /**
   * Rolls this module's samples between `from` and `before` into one row per metric and `bucketMs` (averages,
   * peaks for the metrics that keep them), so weeks of 10-second samples take a few thousand rows. Buckets
   * already rolled up are left alone. Returns how many rows went.
   */
  compact(from: Date, before: Date, bucketMs: number): number {
    const start = Math.floor(from.getTime() / bucketMs) * bucketMs;
    const end = Math.floor(before.getTime() / bucketMs) * bucketMs;
    if (end <= start) return 0;
    const range = [new Date(start).toISOString(), new Date(end).toISOString()];
    return this.db.transaction(() => {
      const groups = this.db
        .prepare(
          `SELECT name, CAST(${epochMs} / ? AS INTEGER) AS k, AVG(value) AS avg, MAX(value) AS max
           FROM metric_samples
           WHERE name IN (${names(metricNames.length)}) AND at >= ? AND at < ?
           GROUP BY name, k HAVING COUNT(*) > 1`,
        )
        .all(bucketMs, ...metricNames, ...range) as BucketRow[];
      const remove = this.db.prepare('DELETE FROM metric_samples WHERE name = ? AND at >= ? AND at < ?');
      let removed = 0;
      for (const g of groups) {
        const at = new Date(g.k * bucketMs);
        removed += remove.run(g.name, at.toISOString(), new Date(at.getTime() + bucketMs).toISOString()).changes;
        this.insertStmt.run(at.toISOString(), g.name, metricAggregates[g.name] === 'max' ? g.max : g.avg);
      }
      return removed - groups.length;
    })();
  }
}
