/**
 * Records flowing from the parallel crawl to the batch generator, which yields them in batches, with markers
 * between them: a marker is passed once every record pushed before it has been taken.
 */
import type { FileRecord } from '../types.js';

/** Longest time a record waits for its batch to fill, so progress keeps moving on a slow crawl. */
const FLUSH_MS = 100;

export class RecordQueue<M = never> {
  private items: FileRecord[] = [];
  /** Records taken so far, and the markers not yet passed with the count of records pushed before each. */
  private taken = 0;
  private markers: { after: number; value: M }[] = [];
  private closed = false;
  private failure: { error: unknown } | null = null;
  private want = Infinity;
  private wake: (() => void) | null = null;

  push(records: FileRecord[]): void {
    for (const r of records) this.items.push(r);
    if (this.items.length >= this.want) this.wake?.();
  }

  /** Puts a marker after the records pushed so far. */
  mark(value: M): void {
    this.markers.push({ after: this.taken + this.items.length, value });
  }

  /** The markers passed by the records taken so far, oldest first (each is returned once). */
  passed(): M[] {
    const count = this.markers.findIndex((m) => m.after > this.taken);
    const done = this.markers.splice(0, count === -1 ? this.markers.length : count);
    return done.map((m) => m.value);
  }

  /** No more records will come. */
  close(): void {
    this.closed = true;
    this.wake?.();
  }

  /** The producer failed: `take` throws `error`. */
  fail(error: unknown): void {
    this.failure = { error };
    this.wake?.();
  }

  /** Up to `n` records, once `n` are there or a short wait passed; null when closed and drained. */
  async take(n: number): Promise<FileRecord[] | null> {
    let waited = false;
    for (;;) {
      if (this.failure) throw this.failure.error;
      if (this.items.length >= n || (this.items.length > 0 && (waited || this.closed))) {
        const records = this.items.splice(0, n);
        this.taken += records.length;
        return records;
      }
      if (this.closed) return null;
      this.want = n;
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        timer = setTimeout(resolve, FLUSH_MS);
      });
      clearTimeout(timer);
      this.wake = null;
      waited = true;
    }
  }
}
