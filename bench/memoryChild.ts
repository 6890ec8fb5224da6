/**
 * One measurement of the memory scenario, in a process of its own so that its peak is its own: syncs `files`
 * synthetic records through the engine into a new catalog file, browses it, and reports the peak resident set.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Catalog } from '../src/catalog/catalog.js';
import { filesQuerySchema } from '../src/contract/schemas.js';
import { createLogger } from '../src/logging/logger.js';
import { SyncEngine } from '../src/sync/engine.js';
import { syntheticConnector, syntheticEndpoint } from './records.js';

/** What the child reports (sizes in MB). */
export interface MemoryReport {
  files: number;
  baselineMb: number;
  peakMb: number;
  /** The peak before the catalog was browsed: the sync's own. */
  syncPeakMb: number;
  /** At the highest sample (Linux): the process's own memory, and pages of files mapped in (the database). */
  anonMb: number | null;
  fileMb: number | null;
  syncMs: number;
}

/** A `kB` line of /proc/self/status in MB, or null where there is none. */
function statusMb(field: string): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * This process's peak resident set in MB. Linux's VmHWM belongs to this program image; `maxRSS` (getrusage) also
 * carries the peak of the parent that forked it, so it is only the fallback, with samples taken along the way.
 */
function peakMb(sampled: number): number {
  return statusMb('VmHWM') ?? Math.max(sampled, process.memoryUsage().rss) / 1024 / 1024;
}

async function measure(files: number): Promise<MemoryReport> {
  let sampled = 0;
  let atPeak: { anonMb: number | null; fileMb: number | null } = { anonMb: null, fileMb: null };
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss <= sampled) return;
    sampled = rss;
    atPeak = { anonMb: statusMb('RssAnon'), fileMb: statusMb('RssFile') };
  }, 20);
  const baselineMb = peakMb(0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-bench-memory-'));
  try {
    const catalog = Catalog.open(path.join(dir, 'catalog.db'));
    const { logger, close } = await createLogger({ level: 'warn' });
    const endpoint = syntheticEndpoint(catalog);
    const engine = new SyncEngine({
      catalog,
      logger,
      createConnector: () => syntheticConnector(files),
      onProgress: () => undefined,
      onFinished: () => undefined,
    });
    const started = performance.now();
    const run = await engine.run(endpoint.id, { trigger: 'manual' });
    const syncMs = performance.now() - started;
    if (run.status !== 'success' || run.added !== files) throw new Error(`sync ${run.status}: ${run.error}`);
    const syncPeakMb = peakMb(sampled);
    // Then browse it as the file list does.
    for (const search of ['Plan', 'Section', '配筋図']) {
      catalog.files.query(filesQuerySchema.parse({ search, sort: 'modifiedTime', direction: 'desc', limit: 100 }));
    }
    await catalog.close();
    await close();
    return {
      files,
      baselineMb,
      peakMb: peakMb(sampled),
      syncPeakMb,
      ...atPeak,
      syncMs,
    };
  } finally {
    clearInterval(sampler);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const files = Number(process.argv[2]);
if (!Number.isInteger(files) || files < 1) {
  process.stderr.write(`memoryChild: expected a number of files, got ${process.argv[2]}\n`);
  process.exit(2);
}
measure(files).then(
  (report) => {
    process.send?.(report);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
