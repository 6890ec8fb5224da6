/**
 * The full listing: each drive's Changes API start token first, then one `files.list` stream per drive, all
 * streams at once within the pacing budget; entries are placed in their folders as the folders arrive.
 */
import type { SyncBatch } from '../types.js';
import { encodeCursor } from './cursor.js';
import { rootFolderId, startToken, type DriveRef, type DriveState } from './drives.js';
import { merge, settleAll } from './merge.js';
import { segment, TreeResolver, type Placed } from './paths.js';
import { checkFile, FOLDER_MIME, missingField, parentOf, toRecord, type DriveFile } from './records.js';
import { skipMalformed, type SyncEnv } from './env.js';
import type { FileRecord } from '../types.js';

/** Lists every entry of one drive, placed under the drive's name. */
export async function* listDrive(
  env: SyncEnv,
  drive: DriveState,
  /** Receives the drive's folder tree once listed (to find the folders above the selected ones). */
  onListed?: (resolver: TreeResolver<DriveFile>) => void,
): AsyncGenerator<FileRecord[]> {
  const { client, settings, filters, log } = env;
  const rootPath = segment(drive.name);
  const resolver = new TreeResolver<DriveFile>(drive.rootId, rootPath, env.scopeRoots);
  const q = filters.includeTrashed ? undefined : 'trashed = false';
  const emit = (placed: Placed<DriveFile>[]) =>
    placed.filter((p) => p.inScope && env.keep(p.item.value)).map((p) => toRecord(checked(p.item.value), p.path));
  let pageToken: string | undefined;
  do {
    const page = await client.call(`files.list (${drive.name})`, (api, o) =>
      api.files.list(
        {
          corpora: drive.driveId ? 'drive' : 'user',
          ...(drive.driveId ? { driveId: drive.driveId, includeItemsFromAllDrives: true } : {}),
          supportsAllDrives: true,
          pageSize: settings.includePermissions ? 100 : 1000,
          ...(q ? { q } : {}),
          fields: `nextPageToken,incompleteSearch,files(${env.fields})`,
          pageToken,
        },
        o,
      ),
    );
    if (page.incompleteSearch) log.warn(`Drive reported an incomplete listing of ${drive.name}`);
    const placed: Placed<DriveFile>[] = [];
    const kept: FileRecord[] = [];
    for (const file of page.files ?? []) {
      const problem = missingField(file);
      if (problem) {
        // Kept as the catalog has it: a full listing's sweep would otherwise delete it.
        const known = skipMalformed(env, file, problem, `the listing of ${drive.name}`);
        if (known) kept.push(known);
        continue;
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
    }
    // Empty and short pages can come before the end: only a missing nextPageToken ends the listing.
    yield [...emit(placed), ...kept];
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  const orphans = resolver.finish();
  if (orphans.length) {
    log.warn(
      `${orphans.length} entr${orphans.length === 1 ? 'y' : 'ies'} of ${drive.name} sit in folders the account cannot see: catalogued under "${rootPath}/(parent not visible)"`,
    );
  }
  yield emit(orphans);
  onListed?.(resolver);
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
