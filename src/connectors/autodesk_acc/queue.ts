/** Records flowing from the parallel crawl to the batch generator, which yields them in batches. */
import type { FileRecord } from '../types.js';

/** Longest time a record waits for its batch to fill, so progress keeps moving on a slow crawl. */
const FLUSH_MS = 100;

export class RecordQueue {
  private items: FileRecord[] = [];
  private closed = false;
  private failure: { error: unknown } | null = null;
  private want = Infinity;
  private wake: (() => void) | null = null;

  push(records: FileRecord[]): void {
    for (const r of records) this.items.push(r);
    if (this.items.length >= this.want) this.wake?.();
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
        return this.items.splice(0, n);
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
