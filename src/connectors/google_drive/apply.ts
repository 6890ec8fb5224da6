/**
 * Turns the Changes API's latest word on each changed entry into catalog writes: upserts at the entry's new
 * path, deletions (removed, trashed, filtered out, moved out of the selection) with the subtree of a deleted
 * folder, and the subtrees of moved or renamed folders (and renamed drives) at their new paths. Reads the
 * catalog only here, before anything of the run is written.
 */
import type { FileRecord, SyncContext } from '../types.js';
import type { DriveState } from './drives.js';
import { segment, UNREACHABLE } from './paths.js';
import { checkFile, FOLDER_MIME, missingField, parentOf, toRecord, type DriveFile } from './records.js';

/** The newest state of one changed entry: the file, or null when it is gone or out of reach. */
export type Overlay = Map<string, { time: string; file: DriveFile | null }>;

/** The writes of one incremental run. */
export interface ChangePlan {
  deletions: string[];
  /** Entries to write, in an order that is safe to interrupt (see `apply`). */
  upserts: FileRecord[];
  /** Folders that moved into the selection from outside it: their contents must be listed. */
  arrived: FileRecord[];
  /** Changed entries Drive sent without a field a record needs: left as the catalog has them. */
  malformed: DriveFile[];
}

interface Where {
  path: string;
  inScope: boolean;
}

/** What `apply` works from. */
export interface ApplyInput {
  ctx: SyncContext;
  overlay: Overlay;
  /** Drives covered now, with their current names. */
  drives: DriveState[];
  /** Drives the catalog holds that are covered no longer (every entry of theirs goes). */
  droppedDrives: DriveState[];
  /** Drives whose name changed (every path of theirs changes). */
  renamedDrives: DriveState[];
  scopeRoots: ReadonlySet<string> | null;
  keep(file: DriveFile): boolean;
  includeTrashed: boolean;
  /**
   * What the catalog held of an entry before the run wrote anything, when it wrote before applying (a resumed
   * listing): a folder it already wrote at its new path still counts as moved. Default `ctx.known`.
   */
  before?(id: string): FileRecord | undefined;
}

/** Computes the writes for one incremental run. */
export function apply(input: ApplyInput): ChangePlan {
  const { ctx, overlay, scopeRoots } = input;
  const byKey = new Map(input.drives.map((d) => [d.key, d]));
  const roots = new Map(input.drives.map((d) => [d.rootId, d]));
  const memo = new Map<string, Where | null>();

  /** Name and parent of an entry as it is now: the change feed's word first, then the catalog's. */
  const info = (id: string): { name: string; parentId: string | null; driveKey: string } | null => {
    const change = overlay.get(id);
    if (change) {
      const f = change.file;
      if (!f || (f.trashed && !input.includeTrashed) || !byKey.has(f.driveId ?? 'user')) return null;
      return { name: f.name ?? '', parentId: parentOf(f), driveKey: f.driveId ?? 'user' };
    }
    const k = ctx.known(id);
    if (!k) return null;
    const driveId = k.extras?.driveId;
    return { name: k.name, parentId: k.parentId, driveKey: typeof driveId === 'string' ? driveId : 'user' };
  };

  const where = (id: string, seen = new Set<string>()): Where | null => {
    if (memo.has(id)) return memo.get(id)!;
    const root = roots.get(id);
    if (root) return { path: segment(root.name), inScope: scopeRoots === null };
    // The selected folders keep their catalogued path (what lies above them is not catalogued).
    if (scopeRoots?.has(id) && !overlay.has(id)) {
      const k = ctx.known(id);
      return k ? { path: k.path, inScope: true } : null;
    }
    const e = info(id);
    if (!e || seen.has(id)) return null;
    seen.add(id);
    const parent = e.parentId === null ? null : where(e.parentId, seen);
    let result: Where | null;
    if (parent) {
      result = { path: `${parent.path}/${segment(e.name)}`, inScope: parent.inScope || (scopeRoots?.has(id) ?? false) };
    } else if (scopeRoots === null) {
      const drive = byKey.get(e.driveKey);
      result = drive ? { path: `${segment(drive.name)}/${UNREACHABLE}/${segment(e.name)}`, inScope: true } : null;
    } else {
      result = null;
    }
    memo.set(id, result);
    return result;
  };

  const deletions = new Set<string>();
  const upserts: FileRecord[] = [];
  const movedFolders: FileRecord[] = [];
  const arrived: FileRecord[] = [];
  const kept = new Set<string>();
  const subtreesToRepath: string[] = [];
  const subtreesToDelete: string[] = [];
  const malformed: DriveFile[] = [];

  for (const [id, { file }] of overlay) {
    if (file && missingField({ ...file, id })) {
      malformed.push({ ...file, id });
      kept.add(id);
      continue;
    }
    const w = file ? where(id) : null;
    if (!file || !w || !w.inScope || !info(id) || !input.keep(file)) {
      deletions.add(id);
      subtreesToDelete.push(id);
      continue;
    }
    checkFile(file, 'the change feed');
    const record = toRecord(file, w.path);
    kept.add(id);
    const before = input.before ? input.before(id) : ctx.known(id);
    if (file.mimeType === FOLDER_MIME && before && before.path !== record.path) {
      movedFolders.push(record);
      subtreesToRepath.push(id);
    } else {
      upserts.push(record);
      if (file.mimeType === FOLDER_MIME && !before && scopeRoots !== null) arrived.push(record);
    }
  }
  for (const d of input.renamedDrives) subtreesToRepath.push(d.rootId);
  for (const d of input.droppedDrives) subtreesToDelete.push(d.rootId);

  // Catalogued entries below a gone folder go too, unless the feed says where they are now.
  for (const entry of walk(ctx, subtreesToDelete)) {
    if (!overlay.has(entry.sourceId)) deletions.add(entry.sourceId);
  }
  for (const entry of walk(ctx, subtreesToRepath)) {
    if (overlay.has(entry.sourceId) || deletions.has(entry.sourceId)) continue;
    const w = where(entry.sourceId);
    if (!w || !w.inScope) deletions.add(entry.sourceId);
    else if (w.path !== entry.path) upserts.push({ ...entry, path: w.path });
  }
  for (const id of kept) deletions.delete(id);
  // A moved folder is written after everything below it, deepest first: if the run stops early, the folder's
  // catalogued path is still the old one, so the next run sees the move again and finishes its subtree.
  movedFolders.sort((a, b) => b.path.split('/').length - a.path.split('/').length);
  return { deletions: [...deletions], upserts: [...upserts, ...movedFolders], arrived, malformed };
}

/** Every catalogued entry below the given folders (not the folders themselves). */
function* walk(ctx: SyncContext, folderIds: string[]): Generator<FileRecord> {
  const seen = new Set<string>();
  const stack = [...folderIds];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const child of ctx.children(id)) {
      yield child;
      if (child.isFolder) stack.push(child.sourceId);
    }
  }
}
