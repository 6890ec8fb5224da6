/**
 * The full listing: each drive's Changes API start token first, then `files.list` streams for every drive (several
 * per large drive, by modifiedTime range), all at once within the pacing budget; entries are placed in their folders as the folders arrive.
 */
import type { SyncBatch } from '../types.js';
import { encodeCursor } from './cursor.js';
import { rootFolderId, startToken, type DriveRef, type DriveState } from './drives.js';
import { merge, settleAll } from './merge.js';
import { segment, TreeResolver, type Placed } from './paths.js';
import { checkFile, FOLDER_MIME, missingField, parentOf, toRecord, type DriveFile } from './records.js';
import { skipMalformed, type SyncEnv } from './env.js';
import {
  beforeEnd,
  PARTS_PER_SPLIT,
  rangeQuery,
  SPLIT_MIN_ENTRIES,
  splitRest,
  STREAMS_PER_DRIVE,
  type TimeRange,
} from './ranges.js';
import type { FileRecord } from '../types.js';

/**
 * Lists every entry of one drive, placed under the drive's name. The listing starts as one stream of pages ordered
 * by modifiedTime; a stream with more to come hands the time above its next pages to new streams (up to
 * STREAMS_PER_DRIVE at once), all within the client's pacing. Each entry is taken once, by id: one modified during
 * the listing can show up in two ranges (or in none, which the changes feed from the start token repairs).
 */
export async function* listDrive(
  env: SyncEnv,
  drive: DriveState,
  /** Receives the drive's folder tree once listed (to find the folders above the selected ones). */
  onListed?: (resolver: TreeResolver<DriveFile>) => void,
): AsyncGenerator<FileRecord[]> {
  const { log } = env;
  const rootPath = segment(drive.name);
  const resolver = new TreeResolver<DriveFile>(drive.rootId, rootPath, env.scopeRoots);
  const emit = (placed: Placed<DriveFile>[]) =>
    placed.filter((p) => p.inScope && env.keep(p.item.value)).map((p) => toRecord(checked(p.item.value), p.path));
  const seen = new Set<string>();
  const inFlight = new Map<TimeRange, Promise<{ range: TimeRange; page: FileList }>>();
  const fetch = (range: TimeRange, pageToken?: string) => {
    const answer = listPage(env, drive, range, pageToken).then((page) => ({ range, page }));
    // A failure while the consumer holds a page is not unhandled: the next race rethrows it.
    answer.catch(() => {});
    inFlight.set(range, answer);
  };
  fetch({ from: null, until: null, queried: null });
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
      if (more && files.length >= SPLIT_MIN_ENTRIES) {
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
        placed.push(
          ...resolver.add({
            id: file.id,
            name: file.name,
            parentId: parentOf(file),
            isFolder: file.mimeType === FOLDER_MIME,
            value: file,
          }),
        );
      });
      // Empty and short pages can come before the end: only a missing nextPageToken ends a range's listing.
      yield [...emit(placed), ...kept];
      if (more) fetch(range, more);
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
  yield emit(orphans);
  onListed?.(resolver);
}

type FileList = { files?: DriveFile[] | null; nextPageToken?: string | null; incompleteSearch?: boolean | null };

/** One page of a range of a drive, oldest modifiedTime first. */
function listPage(env: SyncEnv, drive: DriveState, range: TimeRange, pageToken?: string): Promise<FileList> {
  const q = rangeQuery(env.filters.includeTrashed ? undefined : 'trashed = false', range);
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
 * the entries that waited for it at once: cut into batches, no single write holds the event loop for long.
 */
export async function* rebatch(lists: AsyncIterable<FileRecord[]>, size: number): AsyncGenerator<FileRecord[]> {
  let buffer: FileRecord[] = [];
  for await (const list of lists) {
    for (const record of list) {
      buffer.push(record);
      if (buffer.length === size) {
        yield buffer;
        buffer = [];
      }
    }
  }
  if (buffer.length) yield buffer;
}

/** The whole listing as batches; the last one carries the cursor with the tokens taken first. */
export async function* fullListing(env: SyncEnv, drives: DriveRef[]): AsyncGenerator<SyncBatch> {
  env.ctx.phase?.('preparing');
  const states = await prepareDrives(env, drives);
  env.ctx.phase?.('listing');
  // Folders above the selected ones: if one moves or is renamed, the selection's paths change (see delta.ts).
  const scopeAncestors = new Set<string>();
  const onListed = (resolver: TreeResolver<DriveFile>) => {
    for (const id of env.scopeRoots ?? []) for (const a of resolver.ancestors(id)) scopeAncestors.add(a);
  };
  const streams = states.map((d) => listDrive(env, d, onListed));
  for await (const records of rebatch(merge(streams), env.batchSize)) yield { records };
  const cursor = {
    v: 1 as const,
    fingerprint: env.fingerprint,
    drives: states,
    scopeAncestors: [...scopeAncestors],
    drivesListedAt: env.now(),
  };
  yield { records: [], cursor: encodeCursor(cursor), skippedEntries: env.skipped };
}
