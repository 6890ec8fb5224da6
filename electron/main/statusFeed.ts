/**
 * The endpoints as the tray and notifications see them, kept current from the core's events: a fresh list on
 * `endpoints.changed` / `sync.finished` (one load at a time, one more if something changed meanwhile), and the
 * live counts of `sync.progress` applied in place. Never polls.
 */
import type { EndpointSummary, SyncProgress } from '../../src/contract/model.js';
import type { EventMessage } from '../../src/contract/wire.js';

/** Everything the tray shows. */
export interface StatusSnapshot {
  endpoints: EndpointSummary[];
  pausedAll: boolean;
}

export interface StatusSource {
  /** The endpoints' summaries (the core's `endpoints.list`). */
  list(): Promise<EndpointSummary[]>;
  pausedAll(): boolean;
}

/** Why listeners are called: a fresh list, or only new progress counts (the tray throttles those). */
export type StatusReason = 'loaded' | 'progress';

export class StatusFeed {
  private snapshot: StatusSnapshot = { endpoints: [], pausedAll: false };
  private readonly listeners = new Set<(snapshot: StatusSnapshot, reason: StatusReason) => void>();
  private loading: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(
    private readonly source: StatusSource,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  get current(): StatusSnapshot {
    return this.snapshot;
  }

  /** Calls `listener` on every change; returns the function that stops it. */
  onChange(listener: (snapshot: StatusSnapshot, reason: StatusReason) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Follows one core event. */
  handle(message: EventMessage): void {
    if (this.closed) return;
    if (message.event === 'sync.progress') this.progress(message.payload as SyncProgress);
    else if (message.event === 'endpoints.changed' || message.event === 'sync.finished') void this.reload();
  }

  /** Loads the list now; a reload asked for while one runs happens once, after it. */
  reload(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        do {
          this.again = false;
          const endpoints = await this.source.list();
          if (this.closed) return;
          this.publish({ endpoints, pausedAll: this.source.pausedAll() }, 'loaded');
        } while (this.again && !this.closed);
      } catch (error) {
        this.warn(`Could not read the endpoints for the tray: ${String(error)}`);
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
  }

  private progress(progress: SyncProgress): void {
    const index = this.snapshot.endpoints.findIndex((e) => e.id === progress.endpointId);
    // An endpoint the list does not have yet: the next load brings it.
    if (index < 0) return void this.reload();
    const endpoints = [...this.snapshot.endpoints];
    endpoints[index] = { ...endpoints[index]!, status: 'syncing', progress };
    this.publish({ ...this.snapshot, endpoints }, 'progress');
  }

  private publish(snapshot: StatusSnapshot, reason: StatusReason): void {
    this.snapshot = snapshot;
    for (const listener of [...this.listeners]) listener(snapshot, reason);
  }
}
