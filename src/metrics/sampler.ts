/**
 * Samples the running core about every 10 seconds: CPU, memory, event-loop delay, network bytes per second, the
 * data folder's size and the catalog's file count. Each round is one small transaction and one `metrics.sampled`
 * event; samples older than a day are rolled up into 5-minute points so a month stays small.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import type { MetricName, MetricsSample } from '../contract/metrics.js';
import type { EventMessage } from '../contract/wire.js';
import type { Db } from '../catalog/database.js';
import { NetworkCounter, type NetworkBytes } from './network.js';
import type { MetricsRepository } from './repository.js';

export const DEFAULT_SAMPLE_INTERVAL_MS = 10_000;
/** Raw samples older than this are rolled up. */
const ROLLUP_AGE_MS = 86_400_000;
const ROLLUP_BUCKET_MS = 5 * 60_000;
const ROLLUP_EVERY_MS = 60 * 60_000;
/** The first roll-up after start looks this far back (retention keeps 30 days). */
const FIRST_ROLLUP_SPAN_MS = 31 * 86_400_000;
/** While a sync runs, the file count (a scan of the catalog) is refreshed at most this often. */
const RECOUNT_WHILE_SYNCING_MS = 60_000;
/** The delay histogram's timer; its own period is subtracted from what it measures. */
const LOOP_RESOLUTION_MS = 20;

export interface MetricsSamplerOptions {
  repository: MetricsRepository;
  /** Live files in the catalog (a full count: only called when the catalog may have changed). */
  countFiles(): number;
  /** The catalog database file (its `-wal` and `-shm` files count too). */
  databasePath: string;
  /** The folder of the log files. */
  logDir: string;
  onSampled(sample: MetricsSample): void;
  onError(message: string): void;
  intervalMs?: number;
  now?: () => number;
}

/** Sums the sizes of the files that exist among `files` and directly inside `dirs`. */
async function diskBytes(files: string[], dirs: string[]): Promise<number> {
  const inDirs = await Promise.all(
    dirs.map((dir) =>
      fsp.readdir(dir).then(
        (names) => names.map((name) => path.join(dir, name)),
        () => [] as string[],
      ),
    ),
  );
  const sizes = await Promise.all(
    [...files, ...inDirs.flat()].map((file) =>
      fsp.stat(file).then(
        (s) => (s.isFile() ? s.size : 0),
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

export class MetricsSampler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private loop: IntervalHistogram | null = null;
  private cpuBase = process.cpuUsage();
  private wallBase = performance.now();
  private readonly network = new NetworkCounter();
  private networkBase: NetworkBytes = { received: 0, sent: 0 };
  private round: Promise<MetricsSample | null> | null = null;
  private fileCount: number | null = null;
  private countedAt = 0;
  private catalogDirty = true;
  private syncing = false;
  private lastRollup: number | null = null;
  private stopped = false;
  /** A round failed: the next failures stay quiet until one succeeds (no warning every 10 seconds). */
  private failing = false;
  private readonly now: () => number;

  constructor(private readonly options: MetricsSamplerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Starts sampling every `intervalMs` (default 10 s); the first round comes one interval from now. */
  start(): void {
    if (this.timer || this.stopped) return;
    this.loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    this.loop.enable();
    this.network.start();
    this.networkBase = this.network.totals();
    this.cpuBase = process.cpuUsage();
    this.wallBase = performance.now();
    this.timer = setInterval(() => void this.sample(), this.options.intervalMs ?? DEFAULT_SAMPLE_INTERVAL_MS);
    // Sampling alone must not keep a headless process alive.
    this.timer.unref?.();
  }

  /** Stops sampling and waits for a round under way, so the catalog can close after it. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.round;
    this.loop?.disable();
    this.network.stop();
  }

  /**
   * Follows the core's events: after a sync or an endpoint change the next round counts files again; while a
   * sync writes, the count is refreshed at most once a minute.
   */
  handle(message: EventMessage): void {
    if (message.event === 'sync.progress') this.syncing = true;
    else if (message.event === 'sync.finished' || message.event === 'endpoints.changed') {
      this.catalogDirty = true;
      this.syncing = false;
    }
  }

  /** Takes one round of samples now (joining one under way); null once stopped or when the round failed. */
  sample(): Promise<MetricsSample | null> {
    this.round ??= this.takeSample().finally(() => (this.round = null));
    return this.round;
  }

  private async takeSample(): Promise<MetricsSample | null> {
    if (this.stopped) return null;
    try {
      const wall = performance.now();
      const cpu = process.cpuUsage(this.cpuBase);
      const elapsedMs = Math.max(1, wall - this.wallBase);
      this.cpuBase = process.cpuUsage();
      this.wallBase = wall;
      const network = this.network.totals();
      const perSecond = (bytes: number) => (Math.max(0, bytes) * 1000) / elapsedMs;
      const received = perSecond(network.received - this.networkBase.received);
      const sent = perSecond(network.sent - this.networkBase.sent);
      this.networkBase = network;
      const memory = process.memoryUsage();
      const loop = this.loop;
      const delay = (ns: number) => (loop && loop.count > 0 ? Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS) : 0);
      const values: Record<MetricName, number> = {
        'process.cpu': ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
        'process.rss': memory.rss,
        'process.heapUsed': memory.heapUsed,
        'eventLoop.p50': delay(loop?.percentile(50) ?? 0),
        'eventLoop.p99': delay(loop?.percentile(99) ?? 0),
        'eventLoop.max': delay(loop?.max ?? 0),
        'disk.dataFolder': 0,
        'catalog.files': 0,
        'network.received': received,
        'network.sent': sent,
      };
      loop?.reset();
      const db = this.options.databasePath;
      values['disk.dataFolder'] = await diskBytes([db, `${db}-wal`, `${db}-shm`], [this.options.logDir]);
      // Stopped while the disk was read: the catalog is about to close, and this round is dropped.
      if (this.stopped) return null;
      values['catalog.files'] = this.files();
      const at = new Date(this.now()).toISOString();
      this.options.repository.insert(at, values);
      this.rollUp();
      const sample = { at, values };
      this.failing = false;
      this.options.onSampled(sample);
      return sample;
    } catch (error) {
      if (!this.failing) {
        const reason = error instanceof Error ? error.message : String(error);
        this.options.onError(`Could not sample the app's metrics (retrying every round): ${reason}`);
      }
      this.failing = true;
      return null;
    }
  }

  /** Counting scans the catalog (a third of a second at a million files): only when it may have changed. */
  private files(): number {
    const now = this.now();
    const stale = this.catalogDirty || (this.syncing && now - this.countedAt >= RECOUNT_WHILE_SYNCING_MS);
    if (this.fileCount === null || stale) {
      this.fileCount = this.options.countFiles();
      this.catalogDirty = false;
      this.countedAt = now;
    }
    return this.fileCount;
  }

  private rollUp(): void {
    const now = this.now();
    if (this.lastRollup !== null && now - this.lastRollup < ROLLUP_EVERY_MS) return;
    const before = now - ROLLUP_AGE_MS;
    // Later passes only look at what aged since the last one (with room to spare).
    const from = this.lastRollup === null ? now - FIRST_ROLLUP_SPAN_MS : before - 2 * ROLLUP_EVERY_MS;
    this.lastRollup = now;
    this.options.repository.compact(new Date(from), new Date(before), ROLLUP_BUCKET_MS);
  }
}

/** Live files in the catalog: not folders, not deleted. */
export function countLiveFiles(db: Db): number {
  return (
    db.prepare('SELECT COUNT(*) AS n FROM files WHERE deleted_at IS NULL AND is_folder = 0').get() as { n: number }
  ).n;
}
