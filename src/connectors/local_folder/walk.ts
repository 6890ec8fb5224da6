/**
 * The folder walk: depth-first, siblings in code-point order, one directory read at a time with bounded
 * parallel stats, records handed out in bounded batches that carry a resume cursor.
 */
import type { Dirent, Stats } from 'node:fs';
import path from 'node:path';
import type { FileRecord, SyncBatch, SyncContext } from '../types.js';
import { compareNames, decodeCursor, encodeCursor, resumeState } from './cursor.js';
import type { FileFilter, IgnoreMatcher } from './filters.js';
import { errorCode, openRoot, rootError, type LocalFs } from './fs.js';
import { extensionOf, FOLDER_MIME, mimeTypeFor } from './mime.js';

/** Stats in flight per directory: enough to hide network-share latency without flooding the libuv pool. */
const STAT_CONCURRENCY = 24;
/** A slow share still hands over (and checkpoints) what it has at least this often, at a folder boundary. */
const FLUSH_INTERVAL_MS = 1000;
/** Codes meaning the entry is gone (deleted or replaced mid-walk): nothing to protect from the sweep. */
const GONE = new Set(['ENOENT', 'ENOTDIR']);
/** Codes of a symbolic link whose target cannot be reached. */
const BROKEN_LINK = new Set(['ENOENT', 'ENOTDIR', 'ELOOP']);

/** Everything the walk needs besides the sync context. */
export interface WalkOptions {
  fs: LocalFs;
  /** Absolute path of the root folder. */
  root: string;
  /** The path as the user configured it, for messages. */
  displayPath: string;
  recursive: boolean;
  followSymlinks: boolean;
  batchSize: number;
  isIgnored: IgnoreMatcher;
  keepFile: FileFilter;
}

/** Real paths of a folder and its ancestors, to spot a followed link that leads back up. */
interface Ancestry {
  real: string;
  parent: Ancestry | null;
}

interface DirTask {
  rel: string;
  abs: string;
  ancestry: Ancestry;
  /** `onPath` when resuming and this folder's entries were already emitted. */
  state: 'onPath' | 'pending';
}

interface Entry {
  name: string;
  rel: string;
  abs: string;
  stats: Stats;
  isFolder: boolean;
  symlink: boolean;
  /** Real path, for folders only. */
  real: string | null;
}

/** Walks the root folder and yields batches of records; throws a clear error if the root cannot be read. */
export async function* walkFolder(o: WalkOptions, ctx: SyncContext): AsyncGenerator<SyncBatch> {
  const { signal, log } = ctx;
  signal.throwIfAborted();
  const rootReal = await openRoot(o.fs, o.root, o.displayPath);
  const after = resumePoint(ctx);

  let records: FileRecord[] = [];
  let unreadable: string[] = [];
  // Invariant: records of completed folders precede the current folder's in `records`, and fewer than
  // `batchSize` of them are ever buffered, so any full batch taken from the front covers them all.
  let cursor = after === null ? undefined : encodeCursor(after);
  let sentCursor = cursor;
  let lastFlush = Date.now();
  const take = (count: number): SyncBatch => {
    const batch: SyncBatch = { records: records.slice(0, count) };
    records = records.slice(count);
    if (unreadable.length) batch.unreadablePaths = unreadable;
    unreadable = [];
    if (cursor !== undefined) batch.cursor = cursor;
    sentCursor = cursor;
    lastFlush = Date.now();
    return batch;
  };

  const warnFailure = (rel: string, err: unknown, what: string): void => {
    const code = errorCode(err);
    if (code === undefined) throw err; // not a file-system error: a bug, not a condition to log
    if (GONE.has(code)) {
      log.warn(`Skipped ${what} "${rel}": it disappeared during the walk (${code})`, { path: rel, code });
    } else {
      log.warn(`Cannot read ${what} "${rel}" (${code}); its catalog entries are kept`, { path: rel, code });
      unreadable.push(rel);
    }
  };

  const readDir = async (dir: DirTask): Promise<Dirent[] | null> => {
    ctx.countRequest();
    try {
      const dirents = await o.fs.readdir(dir.abs, { withFileTypes: true });
      return dirents.sort((a, b) => compareNames(a.name, b.name));
    } catch (err) {
      if (dir.rel === '') throw rootError(o.displayPath, err);
      warnFailure(dir.rel, err, 'folder');
      return null;
    }
  };

  const inspect = async (dir: DirTask, d: Dirent): Promise<Entry | null> => {
    signal.throwIfAborted();
    const name = d.name;
    const rel = dir.rel === '' ? name : `${dir.rel}/${name}`;
    const abs = path.join(dir.abs, name);
    // Ignore before stat when the type is known, so an ignored node_modules costs nothing.
    const typeKnown = d.isDirectory() || d.isFile();
    if (typeKnown && o.isIgnored(rel, name, d.isDirectory())) return null;
    let stats: Stats;
    try {
      stats = await o.fs.lstat(abs);
    } catch (err) {
      warnFailure(rel, err, 'entry');
      return null;
    }
    const symlink = stats.isSymbolicLink();
    if (symlink) {
      if (!o.followSymlinks) {
        log.debug(`Skipped symbolic link "${rel}" (following links is off)`, { path: rel });
        return null;
      }
      try {
        stats = await o.fs.stat(abs);
      } catch (err) {
        const code = errorCode(err);
        if (code === undefined || !BROKEN_LINK.has(code)) warnFailure(rel, err, 'link target of');
        else log.warn(`Skipped broken symbolic link "${rel}" (${code})`, { path: rel, code });
        return null;
      }
    }
    const isFolder = stats.isDirectory();
    if (!isFolder && !stats.isFile()) {
      log.debug(`Skipped "${rel}": not a regular file or folder`, { path: rel });
      return null;
    }
    if (!typeKnown && o.isIgnored(rel, name, isFolder)) return null;
    let real: string | null = null;
    if (isFolder) {
      try {
        // Only links need resolving: below a known real path, a plain folder's real path is just a join.
        real = symlink ? await o.fs.realpath(abs) : path.join(dir.ancestry.real, name);
      } catch (err) {
        warnFailure(rel, err, 'link target of');
        return null;
      }
    }
    return { name, rel, abs, stats, isFolder, symlink, real };
  };

  const stack: DirTask[] = [
    { rel: '', abs: o.root, ancestry: { real: rootReal, parent: null }, state: after === null ? 'pending' : 'onPath' },
  ];
  while (stack.length > 0) {
    signal.throwIfAborted();
    const dir = stack.pop()!;
    const dirents = await readDir(dir);
    if (dirents === null) continue;
    const emit = dir.state === 'pending';
    const children: DirTask[] = [];
    for (let i = 0; i < dirents.length; i += o.batchSize) {
      const entries = await mapLimit(dirents.slice(i, i + o.batchSize), STAT_CONCURRENCY, (d) => inspect(dir, d));
      signal.throwIfAborted();
      for (const entry of entries) {
        if (entry === null) continue;
        if (entry.isFolder) {
          if (emit) records.push(toRecord(entry, dir.rel));
          const child = o.recursive ? childTask(dir, entry, after, log) : null;
          if (child) children.push(child);
        } else if (emit) {
          const record = toRecord(entry, dir.rel);
          const facts = { extension: record.extension, mimeType: record.mimeType!, modifiedMs: entry.stats.mtimeMs };
          if (o.keepFile(facts)) records.push(record);
        }
      }
      while (records.length >= o.batchSize) yield take(o.batchSize);
    }
    if (emit) cursor = encodeCursor(dir.rel);
    // Reversed so the smallest name is popped first: depth-first in sorted order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    const due = Date.now() - lastFlush >= FLUSH_INTERVAL_MS && (records.length > 0 || unreadable.length > 0);
    if (due) yield take(records.length);
  }
  if (records.length > 0 || unreadable.length > 0 || cursor !== sentCursor) yield take(records.length);
}

/** The folder to resume after, or null for a full walk. */
function resumePoint(ctx: SyncContext): string | null {
  if (!ctx.resuming || ctx.cursor === null) return null;
  const after = decodeCursor(ctx.cursor);
  if (after === null) {
    ctx.log.warn('Resume cursor not understood; walking the whole folder again', { cursor: ctx.cursor.slice(0, 200) });
  }
  return after;
}

/** The task for a subfolder, or null when it is skipped (done before the resume point, or a link loop). */
function childTask(dir: DirTask, entry: Entry, after: string | null, log: SyncContext['log']): DirTask | null {
  let state: DirTask['state'] = 'pending';
  if (dir.state === 'onPath' && after !== null) {
    const s = resumeState(entry.rel, after);
    if (s === 'done') return null;
    state = s;
  }
  const real = entry.real!;
  if (entry.symlink) {
    for (let a: Ancestry | null = dir.ancestry; a !== null; a = a.parent) {
      if (a.real === real) {
        log.warn(`Not following symbolic link "${entry.rel}": it leads back to a folder above it (a loop)`, {
          path: entry.rel,
          target: real,
        });
        return null;
      }
    }
  }
  return { rel: entry.rel, abs: entry.abs, ancestry: { real, parent: dir.ancestry }, state };
}

function toRecord(entry: Entry, parentRel: string): FileRecord {
  const { stats, isFolder } = entry;
  const extension = isFolder ? null : extensionOf(entry.name);
  // Birth time is 0 where the file system does not record it; the change time is the closest stand-in.
  const createdMs = stats.birthtimeMs > 0 ? stats.birthtimeMs : stats.ctimeMs;
  return {
    sourceId: entry.rel,
    name: entry.name,
    path: entry.rel,
    parentId: parentRel === '' ? null : parentRel,
    isFolder,
    mimeType: isFolder ? FOLDER_MIME : mimeTypeFor(extension),
    extension,
    size: isFolder ? null : stats.size,
    checksum: null,
    version: null,
    createdTime: isoTime(createdMs),
    modifiedTime: isoTime(stats.mtimeMs),
    createdBy: null,
    modifiedBy: null,
    webUrl: null,
    downloadUrl: null,
    trashed: false,
    extras: entry.symlink ? { symlink: true } : null,
  };
}

/** ISO 8601 UTC, or null for a time a Date cannot hold (some file systems report nonsense). */
function isoTime(ms: number): string | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Maps `items` with at most `limit` calls in flight, keeping the input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
