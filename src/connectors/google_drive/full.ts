/**
 * The full listing: each drive's Changes API start token first, then `files.list` streams for every drive (several
 * per large drive, by modifiedTime range), all at once within the pacing budget; entries are placed in their folders as the folders arrive.
 */
import type { SyncBatch } from '../types.js';
import { encodeCursor } from './cursor.js';
import { rootFolderId, startToken, type DriveRef, type DriveState } from './drives.js';
import { merge, settleAll } from './merge.js';
import { segment, TreeResolver, type Placed } from './paths.js';
import { RangeProgress } from './progress.js';
import { checkFile, FOLDER_MIME, missingField, parentOf, toRecord, type DriveFile } from './records.js';
import { skipMalformed, type SyncEnv } from './env.js';
import { encodeCheckpoint, type ListingCheckpoint } from './checkpoint.js';
import {
  addInterval,
  beforeEnd,
  PARTS_PER_SPLIT,
  rangeQuery,
  SPLIT_MIN_ENTRIES,
  splitRest,
  STREAMS_PER_DRIVE,
  unfinishedRanges,
  type Interval,
  type TimeRange,
} from './ranges.js';
import type { FileRecord } from '../types.js';

/** Records of a drive's listing, and the spans (if any) whose entries are now all among the records handed out. */
export interface Listed {
  records: FileRecord[];
  finished?: { driveKey: string; span: Interval }[];
}

/**
 * Lists every entry of one drive, placed under the drive's name. The listing starts as one stream of pages ordered
 * by modifiedTime; a stream with more to come hands the time above its next pages to new streams (up to
 * STREAMS_PER_DRIVE at once), all within the client's pacing. Each entry is taken once, by id: one modified during
 * the listing can show up in two ranges (or in none, which the changes feed from the start token repairs).
 * Resuming (`finished` spans given), it lists only the other spans, and every folder first-hand, so that entries
 * find their place whatever span their folder lies in.
 */
export async function* listDrive(
  env: SyncEnv,
  drive: DriveState,
  options: {
    /** Receives the drive's folder tree once listed (to find the folders above the selected ones). */
    onListed?: (resolver: TreeResolver<DriveFile>) => void;
    /** Spans written in full by an interrupted listing: not listed again. */
    finished?: readonly Interval[];
  } = {},
): AsyncGenerator<Listed> {
  const { log } = env;
  const rootPath = segment(drive.name);
  const resolver = new TreeResolver<DriveFile>(drive.rootId, rootPath, env.scopeRoots);
  const emit = (placed: Placed<DriveFile>[]) =>
    placed.filter((p) => p.inScope && env.keep(p.item.value)).map((p) => toRecord(checked(p.item.value), p.path));
  const seen = new Set<string>();
  const inFlight = new Map<TimeRange, Promise<{ range: TimeRange; page: FileList }>>();
  const fetch = (range: TimeRange, pageToken?: string) => {
    const answer = listPage(env, drive, range, pageToken, range === folders).then((page) => ({ range, page }));
    // A failure while the consumer holds a page is not unhandled: the next race rethrows it.
    answer.catch(() => {});
    inFlight.set(range, answer);
  };
  const resuming = (options.finished?.length ?? 0) > 0;
  // The stream of every folder (resuming only): it is no time range, and never split or finished.
  const folders: TimeRange = { from: null, until: null, queried: null };
  const queued = resuming ? unfinishedRanges(options.finished!) : [{ from: null, until: null, queried: null }];
  const startQueued = () => {
    while (queued.length && inFlight.size < STREAMS_PER_DRIVE) fetch(queued.shift()!);
  };
  const progress = new RangeProgress();
  if (resuming) fetch(folders);
  startQueued();
  try {
    while (inFlight.size) {
      const { range, page } = await Promise.race(inFlight.values());
      inFlight.delete(range);
      if (page.incompleteSearch) log.warn(`Drive reported an incomplete listing of ${drive.name}`);
      const files = page.files ?? [];
      const times = files.map((f) => (typeof f.modifiedTime === 'string' ? Date.parse(f.modifiedTime) : NaN));
      const readable = times.filter((t) => !Number.isNaN(t));
      const last = readable.length ? Math.max(...readable) : NaN;
      // Pages come in modifiedTime order: once one reaches the range's (shrunk) end, the rest belong to others.
      const more = page.nextPageToken && !(last >= (range.until ?? Infinity)) ? page.nextPageToken : undefined;
      if (more && range !== folders && files.length >= SPLIT_MIN_ENTRIES) {
        const first = readable.length ? Math.min(...readable) : NaN;
        for (const part of splitRest(
          range,
          first,
          last,
          Math.min(PARTS_PER_SPLIT, STREAMS_PER_DRIVE - inFlight.size - 1),
        ))
          fetch(part);
      }
      const placed: Placed<DriveFile>[] = [];
      const kept: FileRecord[] = [];
      files.forEach((file, i) => {
        if (!beforeEnd(range, times[i]!)) return;
        if (typeof file.id === 'string' && seen.has(file.id)) return;
        if (typeof file.id === 'string') seen.add(file.id);
        const problem = missingField(file);
        if (problem) {
          // Kept as the catalog has it: a full listing's sweep would otherwise delete it.
          const known = skipMalformed(env, file, problem, `the listing of ${drive.name}`);
          if (known) kept.push(known);
          return;
        }
        checkFile(file, `the listing of ${drive.name}`);
        const now = resolver.add({
          id: file.id,
          name: file.name,
          parentId: parentOf(file),
          isFolder: file.mimeType === FOLDER_MIME,
          value: file,
        });
        for (const p of now) progress.placed(p.item.id);
        if (range !== folders && !now.some((p) => p.item.id === file.id)) progress.wait(file.id, range, times[i]!);
        placed.push(...now);
      });
      if (range !== folders) progress.page(range, last, !more);
      const finished = progress.take().map((span) => ({ driveKey: drive.key, span }));
      // Empty and short pages can come before the end: only a missing nextPageToken ends a range's listing.
      yield { records: [...emit(placed), ...kept], ...(finished.length ? { finished } : {}) };
      if (more) fetch(range, more);
      startQueued();
    }
  } finally {
    // Stopped early or failed: let the requests in flight settle before the run goes on.
    await Promise.allSettled(inFlight.values());
  }
  const orphans = resolver.finish();
  if (orphans.length) {
    log.warn(
      `${orphans.length} entr${orphans.length === 1 ? 'y' : 'ies'} of ${drive.name} sit in folders the account cannot see: catalogued under "${rootPath}/(parent not visible)"`,
    );
  }
  yield { records: emit(orphans) };
  options.onListed?.(resolver);
}

type FileList = { files?: DriveFile[] | null; nextPageToken?: string | null; incompleteSearch?: boolean | null };

/** One page of a range of a drive (or of its folders only), oldest modifiedTime first. */
function listPage(
  env: SyncEnv,
  drive: DriveState,
  range: TimeRange,
  pageToken: string | undefined,
  foldersOnly: boolean,
): Promise<FileList> {
  const trashed = env.filters.includeTrashed ? undefined : 'trashed = false';
  const base = foldersOnly ? [trashed, `mimeType = '${FOLDER_MIME}'`].filter(Boolean).join(' and ') : trashed;
  const q = rangeQuery(base, range);
  return env.client.call(`files.list (${drive.name})`, (api, o) =>
    api.files.list(
      {
        corpora: drive.driveId ? 'drive' : 'user',
        ...(drive.driveId ? { driveId: drive.driveId, includeItemsFromAllDrives: true } : {}),
        supportsAllDrives: true,
        pageSize: env.settings.includePermissions ? 100 : 1000,
        ...(q ? { q } : {}),
        orderBy: 'modifiedTime',
        fields: `nextPageToken,incompleteSearch,files(${env.fields})`,
        pageToken,
      },
      o,
    ),
  ) as Promise<FileList>;
}

function checked(file: DriveFile) {
  checkFile(file, 'a listing');
  return file;
}

/** Start tokens and root folder ids of `drives`, taken before anything is listed. */
export async function prepareDrives(env: SyncEnv, drives: DriveRef[]): Promise<DriveState[]> {
  return settleAll(
    drives.map(async (d) => {
      const token = await startToken(env.client, d);
      return { ...d, token, rootId: await rootFolderId(env.client, d) };
    }),
  );
}

/**
 * Regroups record lists into batches of `size` (the last may be smaller). A folder placed late releases all
 * the entries that waited for it at once: cut into batches, no single write holds the event loop for long. Spans
 * finished go with the first batch cut after their records were taken in.
 */
export async function* rebatch(lists: AsyncIterable<Listed>, size: number): AsyncGenerator<Required<Listed>> {
  let buffer: FileRecord[] = [];
  let finished: Required<Listed>['finished'] = [];
  for await (const list of lists) {
    for (const record of list.records) {
      buffer.push(record);
      if (buffer.length === size) {
        yield { records: buffer, finished };
        buffer = [];
        finished = [];
      }
    }
    if (list.finished) finished.push(...list.finished);
  }
  if (buffer.length || finished.length) yield { records: buffer, finished };
}

/**
 * Lists `drives` as batches, skipping the spans `start.finished` says are written. With `checkpoints`, a batch
 * after which more spans are written carries the checkpoint; `emitted` collects the ids of the records handed
 * out. Returns the folders above the selected ones.
 */
export async function* listDrives(
  env: SyncEnv,
  drives: DriveState[],
  start: Pick<ListingCheckpoint, 'drivesListedAt' | 'finished'>,
  options: { checkpoints: boolean; emitted?: Set<string> },
): AsyncGenerator<SyncBatch, string[]> {
  // Folders above the selected ones: if one moves or is renamed, the selection's paths change (see delta.ts).
  const scopeAncestors = new Set<string>();
  const onListed = (resolver: TreeResolver<DriveFile>) => {
    for (const id of env.scopeRoots ?? []) for (const a of resolver.ancestors(id)) scopeAncestors.add(a);
  };
  const finished = new Map(Object.entries(start.finished));
  const streams = drives.map((d) => listDrive(env, d, { onListed, finished: finished.get(d.key) }));
  for await (const batch of rebatch(merge(streams), env.batchSize)) {
    for (const { driveKey, span } of batch.finished) {
      finished.set(driveKey, addInterval(finished.get(driveKey) ?? [], span));
    }
    if (options.emitted) for (const r of batch.records) options.emitted.add(r.sourceId);
    const cursor =
      options.checkpoints && batch.finished.length
        ? encodeCheckpoint({
            v: 1,
            kind: 'listing',
            fingerprint: env.fingerprint,
            drives,
            drivesListedAt: start.drivesListedAt,
            finished: Object.fromEntries(finished),
          })
        : undefined;
    if (batch.records.length || cursor) yield { records: batch.records, ...(cursor ? { cursor } : {}) };
  }
  return [...scopeAncestors];
}

/** The whole listing as batches that checkpoint it; the last one carries the cursor with the tokens taken first. */
export async function* fullListing(env: SyncEnv, drives: DriveRef[]): AsyncGenerator<SyncBatch> {
  env.ctx.phase?.('preparing');
  const states = await prepareDrives(env, drives);
  env.ctx.phase?.('listing');
  const start = { drivesListedAt: env.now(), finished: {} };
  const scopeAncestors = yield* listDrives(env, states, start, { checkpoints: true });
  const cursor = {
    v: 1 as const,
    fingerprint: env.fingerprint,
    drives: states,
    scopeAncestors,
    drivesListedAt: env.now(),
  };
  yield { records: [], cursor: encodeCursor(cursor), skippedEntries: env.skipped };
}
