/** `metrics.series`: samples downsampled in SQL over a real catalog file, and the request through a real core. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import type { MetricsSample, MetricsSeries } from '../../src/contract/metrics.js';
import { unwrap } from '../../src/contract/wire.js';
import { openCore, type Core } from '../../src/core/core.js';
import { MetricsRepository } from '../../src/metrics/repository.js';
import { nextEvent } from '../helpers/core.js';
import { tempDir } from '../helpers/tempDir.js';

const closing: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

function repository() {
  const catalog = Catalog.open(path.join(tempDir('fc-series-'), 'catalog.db'));
  closing.push(() => catalog.close());
  return { catalog, metrics: new MetricsRepository(catalog.db) };
}

const day = Date.parse('2025-06-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('metric series', () => {
  it('averages each bucket (and keeps the peak of delays) so a day fits in the points asked for', () => {
    const { catalog, metrics } = repository();
    // A day of 10-second rounds: CPU is the hour of the day, the worst delay peaks once per hour.
    catalog.transaction(() => {
      for (let i = 0; i < 8640; i++) {
        const hour = Math.floor(i / 360);
        metrics.insert(iso(day + i * 10_000), {
          'process.cpu': hour + (i % 2 ? 0.5 : -0.5),
          'eventLoop.max': i % 360 === 7 ? 500 : 2,
        });
      }
    });

    const series = metrics.series({
      names: ['process.cpu', 'eventLoop.max'],
      since: iso(day),
      until: iso(day + 86_400_000),
      maxPoints: 24,
    });

    expect(series.bucketMs).toBe(3_600_000);
    expect(series.at).toEqual(Array.from({ length: 24 }, (_, h) => day + h * 3_600_000));
    expect(series.values['process.cpu']).toEqual(Array.from({ length: 24 }, (_, h) => h));
    expect(series.values['eventLoop.max']).toEqual(Array(24).fill(500));
  });

  it('answers only the range asked for, and marks a metric missing from a bucket as null', () => {
    const { metrics } = repository();
    metrics.insert(iso(day - 5_000), { 'process.rss': 1 });
    metrics.insert(iso(day + 1_000), { 'process.rss': 100, 'catalog.files': 7 });
    metrics.insert(iso(day + 61_000), { 'process.rss': 200 });
    metrics.insert(iso(day + 120_000), { 'process.rss': 999 });

    const series = metrics.series({
      names: ['process.rss', 'catalog.files'],
      since: iso(day),
      until: iso(day + 120_000),
      maxPoints: 2,
    });

    expect(series).toEqual({
      since: iso(day),
      until: iso(day + 120_000),
      bucketMs: 60_000,
      at: [day, day + 60_000],
      values: { 'process.rss': [100, 200], 'catalog.files': [7, null] },
    });
  });

  it('says so with empty columns when nothing was sampled in the range', () => {
    const { metrics } = repository();
    expect(metrics.series({ names: ['process.cpu'], maxPoints: 300 }, day)).toEqual({
      since: iso(day - 86_400_000),
      until: iso(day),
      bucketMs: 288_000,
      at: [],
      values: { 'process.cpu': [] },
    });
  });

  it('reads a range through the (name, time) index rather than the whole table', () => {
    const { catalog } = repository();
    const plan = catalog.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT name, AVG(value) FROM metric_samples
         WHERE name IN ('process.cpu', 'process.rss') AND at >= ? AND at < ? GROUP BY name`,
      )
      .all(iso(day), iso(day + 1)) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX metric_samples_name_at/);
  });

  it('keeps a month of samples, as the sampler leaves it, to a few thousand rows per metric', () => {
    const { catalog, metrics } = repository();
    const now = day + 30 * 86_400_000;
    catalog.transaction(() => {
      for (let t = day; t < now; t += 10_000) metrics.insert(iso(t), { 'process.cpu': 5 });
    });

    metrics.compact(new Date(day), new Date(now - 86_400_000), 5 * 60_000);

    const { n } = catalog.db.prepare('SELECT COUNT(*) AS n FROM metric_samples').get() as { n: number };
    expect(n).toBe(29 * 288 + 8640);
    const month = metrics.series({ names: ['process.cpu'], since: iso(day), until: iso(now), maxPoints: 300 }, now);
    expect(month.at).toHaveLength(300);
    expect(new Set(month.values['process.cpu'])).toEqual(new Set([5]));
  });
});

describe('metrics through the contract', () => {
  async function core(): Promise<Core> {
    const opened = await openCore({ dataDir: tempDir('fc-core-metrics-'), host: 'browser', metricsIntervalMs: 40 });
    closing.push(() => opened.close());
    return opened;
  }

  it('announces every round as metrics.sampled and answers metrics.series with what was stored', async () => {
    const c = await core();
    const sampled: MetricsSample = await nextEvent(c, 'metrics.sampled');

    const series = unwrap(
      await c.dispatch('metrics.series', { names: ['process.rss', 'catalog.files'], maxPoints: 2000 }),
    ) as MetricsSeries;

    expect(series.values['catalog.files']!.length).toBeGreaterThanOrEqual(1);
    expect(series.values['process.rss']).toContain(sampled.values['process.rss']);
    expect(sampled.values['catalog.files']).toBe(0);
  });

  it('refuses unknown metrics and a range that ends before it starts, naming the field', async () => {
    const c = await core();
    const unknown = await c.dispatch('metrics.series', { names: ['process.gpu'] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(!unknown.ok && unknown.error.issues?.[0]?.path).toBe('names.0');

    const backwards = await c.dispatch('metrics.series', {
      names: ['process.cpu'],
      since: '2025-06-02T00:00:00Z',
      until: '2025-06-01T00:00:00Z',
    });
    expect(!backwards.ok && backwards.error.issues).toEqual([{ path: 'since', message: 'must be before until' }]);
  });

  it('does not sample in a reader beside the owner', async () => {
    const owner = await core();
    const reader = await openCore({ dataDir: owner.dataDir, host: 'browser', access: 'reader' });
    closing.push(() => reader.close());
    expect(reader.metrics).toBeNull();
    expect(owner.metrics).not.toBeNull();
  });
});
