/** What the core samples about itself while it runs (the Performance page's charts), and how to ask for it. Browser-safe. */
import { z } from 'zod';

/** Every metric the core samples, about every 10 seconds, while it runs as the owner of its data folder. */
export const metricNames = [
  /** CPU time the process used, as a percentage of one core (above 100 on several cores). */
  'process.cpu',
  /** Resident memory in bytes. */
  'process.rss',
  /** JavaScript heap in use, in bytes. */
  'process.heapUsed',
  /** Event-loop delay in milliseconds over the interval: median, 99th percentile, worst. */
  'eventLoop.p50',
  'eventLoop.p99',
  'eventLoop.max',
  /** Bytes the data folder takes: catalog database, its write-ahead log and the log files. */
  'disk.dataFolder',
  /** Live files in the catalog (not folders, not deleted). */
  'catalog.files',
  /** Bytes per second the app's outgoing connections received and sent over the interval (TLS: plaintext bytes). */
  'network.received',
  'network.sent',
] as const;

export type MetricName = (typeof metricNames)[number];
export type MetricUnit = 'percent' | 'bytes' | 'bytesPerSecond' | 'ms' | 'count';

export const metricUnits: Record<MetricName, MetricUnit> = {
  'process.cpu': 'percent',
  'process.rss': 'bytes',
  'process.heapUsed': 'bytes',
  'eventLoop.p50': 'ms',
  'eventLoop.p99': 'ms',
  'eventLoop.max': 'ms',
  'disk.dataFolder': 'bytes',
  'catalog.files': 'count',
  'network.received': 'bytesPerSecond',
  'network.sent': 'bytesPerSecond',
};

const isoTime = z.iso.datetime({ offset: true });

/** `metrics.series`: the named metrics between `since` (default a day before `until`) and `until` (default now). */
export const metricsSeriesSchema = z
  .strictObject({
    names: z.array(z.enum(metricNames)).min(1, 'name at least one metric').max(metricNames.length),
    since: isoTime.optional(),
    until: isoTime.optional(),
    /** At most this many points per series: longer ranges are averaged (peaks kept for delays and memory). */
    maxPoints: z.number().int().min(2).max(2000).default(300),
  })
  .refine((q) => !q.since || !q.until || Date.parse(q.since) < Date.parse(q.until), {
    message: 'must be before until',
    path: ['since'],
  });

/**
 * Downsampled series in columns, ready to chart: `at[i]` is the start of bucket i (ms since the epoch) and
 * `values[name][i]` that metric's value in it, or null when it has no sample there. Empty buckets are left out.
 */
export interface MetricsSeries {
  since: string;
  until: string;
  /** Width of one bucket in milliseconds. */
  bucketMs: number;
  at: number[];
  values: Partial<Record<MetricName, (number | null)[]>>;
}

/** One round of samples (`metrics.sampled`). */
export interface MetricsSample {
  /** ISO time of the round. */
  at: string;
  values: Record<MetricName, number>;
}
