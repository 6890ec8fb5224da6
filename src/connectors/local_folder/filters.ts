/** The endpoint's filters, applied while walking: ignore globs (gitignore-like) and file-only conditions. */
import picomatch from 'picomatch';
import type { Filters } from '../../contract/schemas.js';

/** Always skipped: OS thumbnails/metadata and Office/LibreOffice lock files, which come and go while people work. */
export const DEFAULT_IGNORES: readonly string[] = ['.DS_Store', 'Thumbs.db', 'desktop.ini', '~$*', '.~lock.*#'];

/** True when the entry at `relPath` (slash-separated, relative to the root) must be left out. */
export type IgnoreMatcher = (relPath: string, name: string, isFolder: boolean) => boolean;

interface Rule {
  negate: boolean;
  folderOnly: boolean;
  /** Matched against the name (pattern without a slash) or the whole relative path. */
  onName: boolean;
  test: (value: string) => boolean;
}

// Windows and macOS file systems are case-insensitive by default, so `*.TMP` should catch `a.tmp` there.
const platformNocase = process.platform === 'win32' || process.platform === 'darwin';

function compile(raw: string, nocase: boolean): Rule | null {
  let pattern = raw.trim();
  const negate = pattern.startsWith('!');
  if (negate) pattern = pattern.slice(1);
  const folderOnly = pattern.endsWith('/');
  pattern = pattern.replace(/\/+$/, '');
  // As in .gitignore: a slash at the start or in the middle anchors the pattern at the root.
  const onName = !pattern.includes('/');
  pattern = pattern.replace(/^\/+/, '');
  if (pattern === '') return null;
  return { negate, folderOnly, onName, test: picomatch(pattern, { dot: true, nocase }) };
}

/**
 * Builds the ignore test from the endpoint's patterns plus the defaults. Later patterns win, so `!Thumbs.db`
 * re-includes a default; an ignored folder is never descended into, so nothing below it can be re-included.
 */
export function createIgnoreMatcher(patterns: readonly string[] = []): IgnoreMatcher {
  const rules = [
    ...DEFAULT_IGNORES.map((p) => compile(p, true)),
    ...patterns.map((p) => compile(p, platformNocase)),
  ].filter((r): r is Rule => r !== null);
  return (relPath, name, isFolder) => {
    let ignored = false;
    for (const rule of rules) {
      if (rule.negate !== ignored) continue; // cannot change the outcome
      if (rule.folderOnly && !isFolder) continue;
      if (rule.test(rule.onName ? name : relPath)) ignored = !rule.negate;
    }
    return ignored;
  };
}

/** What the file-only filters look at. */
export interface FileFacts {
  extension: string | null;
  mimeType: string;
  modifiedMs: number;
}

/** True when a file passes the endpoint's `extensions`, `mimeTypes` and `modifiedAfter` filters. */
export type FileFilter = (file: FileFacts) => boolean;

/** Builds the file filter. Folders are never passed through it: they are kept so paths stay whole. */
export function createFileFilter(filters: Filters): FileFilter {
  const extensions = filters.extensions?.length ? new Set(filters.extensions) : null;
  const mimeTypes = filters.mimeTypes?.length ? filters.mimeTypes.map((m) => m.trim().toLowerCase()) : null;
  const after = filters.modifiedAfter ? Date.parse(filters.modifiedAfter) : Number.NaN;
  // `includeTrashed` has no meaning here: a local folder has no trash the walk could see.
  return (file) => {
    if (extensions && (file.extension === null || !extensions.has(file.extension))) return false;
    if (mimeTypes && !mimeTypes.some((m) => mimeMatches(m, file.mimeType))) return false;
    if (!Number.isNaN(after) && !(file.modifiedMs > after)) return false;
    return true;
  };
}

/** `image/*` matches any image type; anything else must be equal. */
function mimeMatches(pattern: string, mimeType: string): boolean {
  if (pattern === '*' || pattern === '*/*') return true;
  if (pattern.endsWith('/*')) return mimeType.startsWith(pattern.slice(0, -1));
  return pattern === mimeType;
}
