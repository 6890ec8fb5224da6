/**
 * Resuming an interrupted full listing from its checkpoint (checkpoint.ts): the spans it wrote in full are not
 * listed again, the rest is. The run stays a snapshot of the same generation, so the sweep keeps what the
 * interrupted attempt wrote; what changed since (deleted, modified, moved into a span already written) is
 * brought up to date by the changes since the start tokens taken before the first attempt.
 */
import type { FileRecord, SyncBatch, SyncContext } from '../types.js';
import type { ListingCheckpoint } from './checkpoint.js';
import { encodeCursor, type DriveCursor } from './cursor.js';
import { applyChanges, ExpiredToken, replayAll, type Replayed } from './delta.js';
import type { DriveRef } from './drives.js';
import type { SyncEnv } from './env.js';
import { listDrives, prepareDrives } from './full.js';

/** The batches of a run that finishes the listing `checkpoint` describes. */
export async function* resumeListing(env: SyncEnv, checkpoint: ListingCheckpoint): AsyncGenerator<SyncBatch> {
  const { log, ctx } = env;
  const spans = Object.values(checkpoint.finished).reduce((n, list) => n + list.length, 0);
  log.info(
    `Resuming the interrupted listing: ${spans} modifiedTime span(s) of ${checkpoint.drives.length} drive(s) were listed in full already`,
  );
  // The changes since the first attempt's tokens, with the catalog's entries as they were before this run writes.
  ctx.phase?.('changes');
  let caught: Replayed;
  try {
    caught = await replayAll(env, checkpoint.drives);
  } catch (err) {
    if (err instanceof ExpiredToken) return yield* listAgain(env, checkpoint.drives, err.message);
    throw err;
  }
  const { overlay, replayed } = caught;
  const before = new Map<string, FileRecord | undefined>([...overlay.keys()].map((id) => [id, ctx.known(id)]));

  ctx.phase?.('listing');
  const scopeAncestors = yield* listDrives(env, checkpoint.drives, checkpoint, { checkpoints: true });
  // The spans written before the interruption hold the selection's old paths if a folder on the way changed.
  const guarded = new Set([...(env.scopeRoots ?? []), ...scopeAncestors]);
  if ([...overlay.keys()].some((id) => guarded.has(id))) {
    return yield* listAgain(env, checkpoint.drives, 'a selected folder, or a folder above one, changed since it began');
  }
  // Entries changed since may have moved into spans written before the interruption, or be gone.
  yield* applyChanges(env, { overlay, before: (id) => before.get(id), drives: replayed, dropped: [], renamed: [] });
  const cursor: DriveCursor = {
    v: 1,
    fingerprint: env.fingerprint,
    drives: replayed,
    scopeAncestors,
    drivesListedAt: checkpoint.drivesListedAt,
  };
  yield { records: [], cursor: encodeCursor(cursor), skippedEntries: env.skipped };
}

/**
 * Lists everything again with new start tokens, after an interrupted listing that cannot be resumed. That attempt
 * wrote under this same generation, so the sweep would keep what it wrote: whatever of that this listing does not
 * see is deleted here. No checkpoints: interrupted again, the next run comes back to this one's start.
 */
export async function* listAgain(env: SyncEnv, drives: DriveRef[], reason: string): AsyncGenerator<SyncBatch> {
  env.log.warn(`Listing everything again because ${reason}; entries that are gone will be deleted`);
  env.ctx.phase?.('preparing');
  const states = await prepareDrives(env, drives);
  env.ctx.phase?.('listing');
  const emitted = new Set<string>();
  const start = { drivesListedAt: env.now(), finished: {} };
  const scopeAncestors = yield* listDrives(env, states, start, { checkpoints: false, emitted });
  const roots = [...states.map((d) => d.rootId), ...(env.scopeRoots ?? [])];
  const unseen = catalogued(env.ctx, roots).filter((r) => !emitted.has(r.sourceId));
  for (let i = 0; i < unseen.length; i += env.batchSize) {
    yield { records: [], deletedIds: unseen.slice(i, i + env.batchSize).map((r) => r.sourceId) };
  }
  const cursor: DriveCursor = {
    v: 1,
    fingerprint: env.fingerprint,
    drives: states,
    scopeAncestors,
    drivesListedAt: start.drivesListedAt,
  };
  yield { records: [], cursor: encodeCursor(cursor), skippedEntries: env.skipped };
}

/** Every catalog entry below `roots` (and the roots that are entries themselves). */
function catalogued(ctx: SyncContext, roots: string[]): FileRecord[] {
  const out: FileRecord[] = [];
  const visited = new Set<string>();
  const stack: string[] = [];
  for (const id of roots) {
    const root = ctx.known(id);
    if (root && !visited.has(id)) out.push(root);
    visited.add(id);
    stack.push(id);
  }
  while (stack.length) {
    for (const child of ctx.children(stack.pop()!)) {
      if (visited.has(child.sourceId)) continue;
      visited.add(child.sourceId);
      out.push(child);
      if (child.isFolder) stack.push(child.sourceId);
    }
  }
  return out;
}
