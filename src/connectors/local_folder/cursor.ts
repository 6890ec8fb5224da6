/**
 * Resume cursors. The walk visits folders depth-first with siblings in code-point order, so that order is the
 * lexicographic order of the paths' segment lists; a cursor names the last folder whose entries were all emitted.
 */

/** Cursor for "every folder up to and including `dir` (relative path, '' for the root) in walk order is done". */
export function encodeCursor(dir: string): string {
  return JSON.stringify({ v: 1, after: dir });
}

/** The folder a cursor names, or null when it is not a cursor this connector wrote. */
export function decodeCursor(raw: string): string | null {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { v, after } = parsed as { v?: unknown; after?: unknown };
    if (v !== 1 || typeof after !== 'string') return null;
    if (after !== '' && after.split('/').some((s) => s === '' || s === '.' || s === '..')) return null;
    return after;
  } catch {
    return null;
  }
}

/** Orders names by Unicode code point (plain `<` orders UTF-16 units, which differs above U+FFFF). */
export function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate starts a code point above U+FFFF, which sorts after every single-unit code point.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function segments(rel: string): string[] {
  return rel === '' ? [] : rel.split('/');
}

/** Where folder `rel` stands relative to the resume point `after`. */
export type ResumeState = 'done' | 'onPath' | 'pending';

/**
 * `done`: the folder and its whole subtree came before `after`, so it can be skipped unread. `onPath`: the
 * folder is `after` or one of its ancestors: its entries were emitted but later subfolders may lie below it.
 * `pending`: the folder comes after `after` and is walked normally.
 */
export function resumeState(rel: string, after: string): ResumeState {
  const a = segments(rel);
  const b = segments(after);
  for (let i = 0; i < a.length; i++) {
    if (i >= b.length) return 'pending'; // a descendant of `after`
    const c = compareNames(a[i]!, b[i]!);
    if (c !== 0) return c < 0 ? 'done' : 'pending';
  }
  return 'onPath';
}
