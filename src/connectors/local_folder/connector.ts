/** The `local_folder` connector: catalogs a folder on this machine or on a mounted network share. */
import path from 'node:path';
import type { StorageQuota } from '../../contract/model.js';
import type { Filters } from '../../contract/schemas.js';
import type { Connector, HealthReport, SyncBatch, SyncContext, SyncPlan } from '../types.js';
import { createFileFilter, createIgnoreMatcher } from './filters.js';
import { nodeFs, openRoot, rootError, type LocalFs } from './fs.js';
import type { LocalFolderSettings } from './settings.js';
import { walkFolder } from './walk.js';

/** Records per batch: the engine writes each batch in one transaction. */
export const DEFAULT_BATCH_SIZE = 500;

/** Seams for tests; production code passes nothing. */
export interface LocalFolderOptions {
  /** File-system calls to use instead of `node:fs/promises`. */
  fs?: LocalFs;
  batchSize?: number;
}

/** Builds the connector for one local-folder endpoint from its validated settings and filters. */
export function createLocalFolderConnector(
  settings: LocalFolderSettings,
  filters: Filters,
  options: LocalFolderOptions = {},
): Connector {
  const fs = options.fs ?? nodeFs;
  const displayPath = settings.path;
  const root = path.resolve(settings.path);
  const walkOptions = {
    fs,
    root,
    displayPath,
    recursive: settings.recursive,
    followSymlinks: settings.followSymlinks,
    batchSize: Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE),
    isIgnored: createIgnoreMatcher(filters.ignore),
    keepFile: createFileFilter(filters),
  };

  return {
    type: 'local_folder',

    // Every run is a full walk (a snapshot): a stat per entry is all the work there is, so `ctx.lookup` and
    // `ctx.full` change nothing yet. Costlier per-file work (hashing) must be skipped when lookup(sourceId)
    // returns the same size and modifiedTime, unless `ctx.full` is set.
    sync(ctx: SyncContext): SyncPlan {
      return { mode: 'snapshot', batches: readAhead(walkFolder(walkOptions, ctx)) };
    },

    async checkHealth(): Promise<HealthReport> {
      try {
        await openRoot(fs, root, displayPath);
        let count: number;
        try {
          count = (await fs.readdir(root, { withFileTypes: true })).length;
        } catch (err) {
          throw rootError(displayPath, err);
        }
        const message = `Folder is readable: ${count} ${count === 1 ? 'entry' : 'entries'} at the top level`;
        const quota = await volumeQuota(fs, root);
        return { ok: true, message, details: { path: root, entries: count }, ...(quota ? { quota } : {}) };
      } catch (err) {
        return { ok: false, message: err instanceof Error ? err.message : String(err), details: { path: root } };
      }
    },
  };
}

/** Free and total space of the volume holding `root`; undefined where the file system cannot tell (some shares). */
async function volumeQuota(fs: LocalFs, root: string): Promise<StorageQuota | undefined> {
  try {
    const v = await fs.statfs?.(root);
    if (!v || v.blocks <= 0) return undefined;
    const totalBytes = v.blocks * v.bsize;
    // bavail: what this account may still use (bfree also counts blocks reserved for the system).
    return { kind: 'volume', usedBytes: (v.blocks - v.bfree) * v.bsize, totalBytes, freeBytes: v.bavail * v.bsize };
  } catch {
    return undefined;
  }
}

/**
 * Keeps one batch in preparation while the consumer handles the previous one, so directory reads and stats
 * (on the libuv pool) overlap the engine's synchronous database writes.
 */
export async function* readAhead(source: AsyncGenerator<SyncBatch>): AsyncGenerator<SyncBatch> {
  const next = (): Promise<IteratorResult<SyncBatch>> => {
    const p = source.next();
    // Marks the rejection handled while nobody awaits it yet; the `await` below still sees it.
    p.catch(() => undefined);
    return p;
  };
  let pending = next();
  let finished = false;
  try {
    for (;;) {
      const result = await pending;
      if (result.done) {
        finished = true;
        return;
      }
      pending = next();
      yield result.value;
    }
  } finally {
    if (!finished) {
      // The consumer stopped early or the walk failed: let the read in flight settle, then close the walk.
      await pending.catch(() => undefined);
      await source.return(undefined);
    }
  }
}
