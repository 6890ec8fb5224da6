/**
 * modifiedTime ranges that split one drive's listing into several page streams. A range is [from, until):
 * null ends are open, so entries with times before 2000 or in the future are never left out.
 */

/** One part of a drive's listing, in ms since the epoch; `until` can shrink when the range is split. */
export interface TimeRange {
  from: number | null;
  until: number | null;
  /** The end the range's query was made with: its page tokens stay bound to that query. */
  readonly queried: number | null;
}

/** Ranges one drive is listed in at most at once: the pacing budget (10/s) covers ~3 pages in flight per drive. */
export const STREAMS_PER_DRIVE = 6;
/** A page this full gives a fair measure of how densely the range is filled; shorter pages are not split on. */
export const SPLIT_MIN_ENTRIES = 100;
/** Pages' worth of time (as measured on the page just listed) each split-off range is meant to hold. */
const PAGES_PER_PART = 3;
/**
 * New ranges one split makes at most: the last reaches to the old end and splits again if it is big, so few
 * parts waste fewer requests on empty time past the drive's newest entry (measured: 2 beat 1 and 5).
 */
export const PARTS_PER_SPLIT = 2;

/** The `q` of a range's listing (`base` being e.g. the trashed filter). */
export function rangeQuery(base: string | undefined, range: TimeRange): string | undefined {
  const terms = base ? [base] : [];
  if (range.from !== null) terms.push(`modifiedTime >= '${new Date(range.from).toISOString()}'`);
  if (range.queried !== null) terms.push(`modifiedTime < '${new Date(range.queried).toISOString()}'`);
  return terms.length ? terms.join(' and ') : undefined;
}

/** Whether `time` (ms, NaN when unreadable) lies before the range's end; an unreadable time is kept. */
export function beforeEnd(range: TimeRange, time: number): boolean {
  return Number.isNaN(time) || range.until === null || time < range.until;
}

/**
 * Splits the rest of `range` after a page whose times (ascending) ran from `first` to `last`: the range keeps
 * about PAGES_PER_PART pages from `last` on, and returns up to `parts` new ranges for the time above, the
 * last one reaching the range's old end. Returns [] when there is nothing worth splitting off.
 */
export function splitRest(range: TimeRange, first: number, last: number, parts: number): TimeRange[] {
  if (parts < 1 || Number.isNaN(first) || Number.isNaN(last) || last < first) return [];
  // At least one ms, so that entries sharing `last` stay with this range, whose page stream is in the middle of them.
  const width = Math.max(1, (last - first) * PAGES_PER_PART);
  const out: TimeRange[] = [];
  let at = last + width;
  if (range.until !== null && at >= range.until) return [];
  const end = range.until;
  range.until = at;
  for (let i = 1; i <= parts; i++) {
    const next = i === parts ? end : at + width;
    if (end !== null && next !== null && next >= end) {
      out.push({ from: at, until: end, queried: end });
      break;
    }
    out.push({ from: at, until: next, queried: next });
    if (next === null) break;
    at = next;
  }
  return out;
}

/** A time span [from, until) whose entries a listing has written in full; only closed spans are ever finished. */
export interface Interval {
  from: number | null;
  until: number;
}

/** `list` with `span` added, sorted, touching and overlapping spans joined (so checkpoints stay short). */
export function addInterval(list: readonly Interval[], span: Interval): Interval[] {
  const sorted = [...list, span].sort((a, b) => (a.from ?? -Infinity) - (b.from ?? -Infinity));
  const out: Interval[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && (s.from ?? -Infinity) <= last.until) last.until = Math.max(last.until, s.until);
    else out.push({ ...s });
  }
  return out;
}

/** The ranges left to list once the `finished` spans are: the gaps between them, the last one open-ended. */
export function unfinishedRanges(finished: readonly Interval[]): TimeRange[] {
  const out: TimeRange[] = [];
  let at: number | null = null;
  let first = true;
  for (const s of finished.reduce<Interval[]>((list, span) => addInterval(list, span), [])) {
    if (first ? s.from !== null : at !== null && s.from !== null && at < s.from) {
      out.push({ from: at, until: s.from, queried: s.from });
    }
    first = false;
    at = s.until;
  }
  out.push({ from: at, until: null, queried: null });
  return out;
}
