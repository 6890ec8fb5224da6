/**
 * A sync run's writer as the engine sees it: batches are written on the catalog's write thread while this
 * thread goes on answering calls, and connectors reading the catalog meanwhile see every batch handed over,
 * written or not (entries of batches still in flight are answered from memory).
 */
import type { FileRecord } from '../connectors/types.js';
import type { Db } from './database.js';
import { LiveEntries, asStored, type EndpointTotals, type LiveEntryReader } from './fileWriter.js';
import type { TotalsFollower } from './files.js';
import { RunWrites, type BatchWrite, type BatchWritten, type RunEnd, type RunEnded, type RunKey } from './runWrites.js';
import type { WriteThread } from './writeThread/client.js';

export interface RunWriter extends LiveEntryReader, TotalsFollower {
  /** Writes one batch (all or nothing); batches are written in the order given. */
  write(batch: BatchWrite): Promise<BatchWritten>;
  /** Ends the run's writes: the sweep of a snapshot and the endpoint's sync state, in one transaction. */
  end(end: RunEnd): Promise<RunEnded>;
  /** Lets go of the run's state on the write side. */
  release(): void;
}

const ZERO: EndpointTotals = { files: 0, folders: 0, bytes: 0 };

/** Writes through the catalog's write thread; reads from this thread's connection plus what is in flight. */
export class ThreadedRunWriter implements RunWriter {
  totalsChange: EndpointTotals = ZERO;
  totalsBefore: EndpointTotals | null = null;
  private readonly entries: LiveEntries;
  /** Entries of batches not yet acknowledged, by source id: the newest record, or null for a deletion. */
  private readonly inFlight = new Map<string, { record: FileRecord | null; batch: number }>();
  private batches = 0;
  /** The previous write: writes go one after another, after the thread has taken the run. */
  private queue: Promise<unknown>;

  constructor(
    private readonly thread: WriteThread,
    db: Db,
    private readonly key: RunKey,
  ) {
    this.entries = new LiveEntries(db, key.endpointId);
    this.queue = thread.begin(key).then((before) => (this.totalsBefore = before));
    // A run that fails before its first batch never waits on this: its failure is answered by the next write.
    this.queue.catch(() => undefined);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const done = this.queue.then(work);
    this.queue = done.catch(() => undefined);
    return done;
  }

  write(batch: BatchWrite): Promise<BatchWritten> {
    const id = ++this.batches;
    for (const r of batch.records) this.inFlight.set(r.sourceId, { record: asStored(r), batch: id });
    for (const sourceId of batch.deletedIds ?? []) this.inFlight.set(sourceId, { record: null, batch: id });
    return this.enqueue(async () => {
      try {
        const written = await this.thread.batch(this.key.runId, batch);
        this.totalsChange = written.totalsChange;
        return written;
      } finally {
        // Written (now read from the catalog) or failed (never written): either way no longer in flight.
        for (const [sourceId, entry] of this.inFlight) if (entry.batch === id) this.inFlight.delete(sourceId);
      }
    });
  }

  end(end: RunEnd): Promise<RunEnded> {
    return this.enqueue(async () => {
      const ended = await this.thread.end(this.key.runId, end);
      this.totalsChange = ended.totalsChange;
      return ended;
    });
  }

  release(): void {
    void this.enqueue(() => this.thread.release(this.key.runId)).catch(() => undefined);
  }

  lookup(sourceId: string): { size: number | null; modifiedTime: string | null } | undefined {
    const r = this.known(sourceId);
    return r && { size: r.size, modifiedTime: r.modifiedTime };
  }

  known(sourceId: string): FileRecord | undefined {
    const pending = this.inFlight.get(sourceId);
    if (pending) return pending.record ?? undefined;
    return this.entries.known(sourceId);
  }

  children(parentId: string): FileRecord[] {
    const stored = this.entries.children(parentId);
    if (this.inFlight.size === 0) return stored;
    const kept = stored.filter((r) => !this.inFlight.has(r.sourceId));
    for (const { record } of this.inFlight.values()) if (record && record.parentId === parentId) kept.push(record);
    // The catalog's order (by source id), so a listing does not depend on what happens to be in flight.
    return kept.sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
  }
}

/** Writes on the catalog's own connection (an in-memory catalog has no second connection to hand). */
export class InlineRunWriter implements RunWriter {
  private readonly writes: RunWrites;
  private readonly entries: LiveEntries;
  totalsChange: EndpointTotals = ZERO;
  readonly totalsBefore: EndpointTotals;

  constructor(db: Db, key: RunKey) {
    this.writes = new RunWrites(db, key);
    this.entries = new LiveEntries(db, key.endpointId);
    this.totalsBefore = this.writes.totalsBefore();
  }

  async write(batch: BatchWrite): Promise<BatchWritten> {
    const written = this.writes.batch(batch);
    this.totalsChange = written.totalsChange;
    return written;
  }

  async end(end: RunEnd): Promise<RunEnded> {
    const ended = this.writes.end(end);
    this.totalsChange = ended.totalsChange;
    return ended;
  }

  release(): void {}

  lookup(sourceId: string) {
    return this.entries.lookup(sourceId);
  }

  known(sourceId: string) {
    return this.entries.known(sourceId);
  }

  children(parentId: string) {
    return this.entries.children(parentId);
  }
}
