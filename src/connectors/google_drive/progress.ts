/**
 * How far each range of one drive's listing is written, for the checkpoint. Pages come in modifiedTime order, so
 * once a page of a range is taken in, every entry of the range older than the page's newest is listed; entries
 * still waiting for their folder (not yet handed out) hold the span back until they are placed.
 */
import type { Interval, TimeRange } from './ranges.js';

interface Reach {
  /** Every entry of the range before this time was listed. */
  upTo: number;
  ended: boolean;
  /** The end of the span last reported finished. */
  marked: number;
}

export class RangeProgress {
  private readonly ranges = new Map<TimeRange, Reach>();
  private readonly waiting = new Map<string, { range: TimeRange; time: number }>();

  /** An entry of `range` (modified at `time`, NaN when unreadable) waits for its folder. */
  wait(id: string, range: TimeRange, time: number): void {
    this.waiting.set(id, { range, time: Number.isNaN(time) ? -Infinity : time });
  }

  /** An entry was placed (handed out, or left out by the filters). */
  placed(id: string): void {
    this.waiting.delete(id);
  }

  /** A page of `range` was taken in: its entries before `upTo` (NaN: none) are listed; `ended`: all of them are. */
  page(range: TimeRange, upTo: number, ended: boolean): void {
    const reach = this.ranges.get(range) ?? { upTo: -Infinity, ended: false, marked: -Infinity };
    if (!Number.isNaN(upTo)) reach.upTo = Math.max(reach.upTo, Math.min(upTo, range.until ?? Infinity));
    reach.ended ||= ended;
    this.ranges.set(range, reach);
  }

  /**
   * The spans listed in full since the last call, none of whose entries waits. Each is closed: the open-ended
   * newest range only ever finishes up to its newest entry, so entries changed later are listed again.
   */
  take(): Interval[] {
    const held = new Map<TimeRange, number>();
    for (const { range, time } of this.waiting.values()) held.set(range, Math.min(held.get(range) ?? Infinity, time));
    const out: Interval[] = [];
    for (const [range, reach] of this.ranges) {
      const whole = reach.ended && range.until !== null;
      const limit = Math.min(whole ? range.until! : reach.upTo, held.get(range) ?? Infinity);
      if (limit > reach.marked && limit > (range.from ?? -Infinity) && Number.isFinite(limit)) {
        out.push({ from: range.from, until: limit });
        reach.marked = limit;
      }
      if (whole && reach.marked === range.until) this.ranges.delete(range);
    }
    return out;
  }
}
