/**
 * The incremental sync: replays each drive's Changes API feed from the stored token, applies it (apply.ts),
 * lists drives that joined the scope and folders that moved into the selection, and falls back to a full
 * listing (which sweeps) when a token is no longer valid or the settings changed.
 */
import type { SyncBatch, SyncPlan } from '../types.js';
import { apply, type ApplyInput, type Overlay } from './apply.js';
import { DriveApiError } from './client.js';
import { encodeCursor, type DriveCursor } from './cursor.js';
import { resolveDrives, type DriveRef, type DriveState } from './drives.js';
import { skipMalformed, type SyncEnv } from './env.js';
import { missingField } from './records.js';
import { fullListing, listDrive, prepareDrives } from './full.js';
import { listBelow } from './below.js';
import { settleAll } from './merge.js';

/** A change token Drive no longer honours: only a full listing can catch up. */
export class ExpiredToken extends Error {}

/** Replays one drive's feed into `overlay`; returns the drive with its new start token. */
async function replay(env: SyncEnv, drive: DriveState, overlay: Overlay): Promise<DriveState> {
  let pageToken = drive.token;
  for (;;) {
    let page;
    try {
      page = await env.client.call(`changes.list (${drive.name})`, (api, o) =>
        api.changes.list(
          {
            pageToken,
            pageSize: 1000,
            includeRemoved: true,
            supportsAllDrives: true,
            ...(drive.driveId ? { driveId: drive.driveId, includeItemsFromAllDrives: true } : {}),
            fields: `nextPageToken,newStartPageToken,changes(changeType,fileId,time,removed,file(${env.fields}))`,
          },
          o,
        ),
      );
    } catch (err) {
      // Drive answers a token it no longer honours with 410, or 400/404 naming the page token.
      if (
        err instanceof DriveApiError &&
        (err.status === 410 || ((err.status === 400 || err.status === 404) && /token|invalid value/i.test(err.message)))
      ) {
        throw new ExpiredToken(`the saved change token of ${drive.name} is no longer valid`);
      }
      throw err;
    }
    for (const change of page.changes ?? []) {
      if (change.changeType && change.changeType !== 'file') continue;
      if (!change.fileId) throw new Error(`Drive returned a change without fileId in the feed of ${drive.name}.`);
      const time = change.time ?? '';
      const previous = overlay.get(change.fileId);
      // Feeds of different drives interleave: the newest word on an entry wins, whichever feed it came from.
      if (previous && previous.time > time) continue;
      overlay.set(change.fileId, { time, file: change.removed ? null : (change.file ?? null) });
    }
    if (page.newStartPageToken) return { ...drive, token: page.newStartPageToken };
    if (!page.nextPageToken) throw new Error(`Drive ended the change feed of ${drive.name} without a new start token.`);
    pageToken = page.nextPageToken;
  }
}

/** The changes since the drives' tokens, newest word per entry, and the drives with their new tokens. */
export interface Replayed {
  overlay: Overlay;
  replayed: DriveState[];
}

/** Replays every drive's feed at once; throws ExpiredToken when a token is no longer honoured. */
export async function replayAll(env: SyncEnv, drives: DriveState[]): Promise<Replayed> {
  const overlay: Overlay = new Map();
  const replayed = await settleAll(drives.map((d) => replay(env, d, overlay)));
  return { overlay, replayed };
}

/**
 * The writes that bring the catalog up to date with `overlay`: deletions, upserts, then what lies below folders
 * that moved into the selection. `drives` are the drives covered now, with their new tokens.
 */
export async function* applyChanges(
  env: SyncEnv,
  changed: Pick<ApplyInput, 'overlay' | 'before'> & {
    drives: DriveState[];
    dropped: DriveState[];
    renamed: DriveState[];
  },
): AsyncGenerator<SyncBatch> {
  const { overlay, drives } = changed;
  const changes = apply({
    before: changed.before,
    ctx: env.ctx,
    overlay,
    drives,
    droppedDrives: changed.dropped,
    renamedDrives: changed.renamed,
    scopeRoots: env.scopeRoots,
    keep: env.keep,
    includeTrashed: env.filters.includeTrashed ?? false,
  });
  for (const file of changes.malformed)
    skipMalformed(env, file, missingField(file) ?? 'a missing field', 'the change feed');
  env.log.info(`Drive reported ${overlay.size} changed entr${overlay.size === 1 ? 'y' : 'ies'}`, {
    upserts: changes.upserts.length,
    deletions: changes.deletions.length,
  });

  env.ctx.phase?.('listing');
  const size = env.batchSize;
  for (let i = 0; i < changes.deletions.length; i += size) {
    yield { records: [], deletedIds: changes.deletions.slice(i, i + size) };
  }
  for (let i = 0; i < changes.upserts.length; i += size) yield { records: changes.upserts.slice(i, i + size) };
  for await (const records of listBelow(env, changes.arrived, overlay, drives)) yield { records };
}

/** The batches of an incremental run from `cursor`; sets `plan.mode` to snapshot when it must list everything. */
export async function* incremental(env: SyncEnv, cursor: DriveCursor, plan: SyncPlan): AsyncGenerator<SyncBatch> {
  const { log } = env;
  // Listing the shared drives costs a request on every run; within the interval the cursor's list stands in.
  const listedAt = cursor.drivesListedAt ?? 0;
  const relist = env.now() - listedAt >= env.driveListIntervalMs || env.now() < listedAt;
  const current: DriveRef[] = relist
    ? await resolveDrives(env.client, env.settings.scope)
    : cursor.drives.map(({ key, driveId, name }) => ({ key, driveId, name }));
  const fallback = async function* (reason: string): AsyncGenerator<SyncBatch> {
    log.warn(`Listing everything again (full sync) because ${reason}; entries that are gone will be deleted`);
    plan.mode = 'snapshot';
    yield* fullListing(env, current);
  };
  if (cursor.fingerprint !== env.fingerprint) return yield* fallback('the scope or filters changed');

  const stored = new Map(cursor.drives.map((d) => [d.key, d]));
  const staying = current.filter((d) => stored.has(d.key));
  const joining: DriveRef[] = current.filter((d) => !stored.has(d.key));
  const dropped = cursor.drives.filter((d) => !current.some((c) => c.key === d.key));
  // New drives' start tokens come before anything of them is listed.
  const joined = await prepareDrives(env, joining);

  env.ctx.phase?.('changes');
  let caught: Replayed;
  try {
    caught = await replayAll(
      env,
      staying.map((d) => ({ ...stored.get(d.key)!, name: d.name })),
    );
  } catch (err) {
    if (err instanceof ExpiredToken) return yield* fallback(err.message);
    throw err;
  }
  const { overlay, replayed } = caught;
  const guarded = new Set([...(env.scopeRoots ?? []), ...cursor.scopeAncestors]);
  if ([...overlay.keys()].some((id) => guarded.has(id))) {
    return yield* fallback('a selected folder, or a folder above one, changed');
  }
  const renamed = replayed.filter((d) => stored.get(d.key)!.name !== d.name);
  for (const d of renamed) log.info(`Shared drive "${stored.get(d.key)!.name}" is now "${d.name}": updating its paths`);
  for (const d of dropped) log.warn(`${d.name} is no longer in this endpoint's scope: its entries are deleted`);

  yield* applyChanges(env, { overlay, drives: [...replayed, ...joined], dropped, renamed });
  for (const drive of joined) {
    log.info(`${drive.name} joined this endpoint's scope: listing it`);
    for await (const { records } of listDrive(env, drive)) if (records.length) yield { records };
  }
  const next: DriveCursor = {
    ...cursor,
    drives: [...replayed, ...joined],
    drivesListedAt: relist ? env.now() : cursor.drivesListedAt,
  };
  yield { records: [], cursor: encodeCursor(next), skippedEntries: env.skipped };
}
