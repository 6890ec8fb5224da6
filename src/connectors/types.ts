/** What every connector produces and what the sync engine consumes. */
import type { FileFields } from '../contract/model.js';

/** One file or folder as a source describes it, normalised for the catalog. */
export interface FileRecord extends FileFields {
  /** The source's own id (for local folders: the path relative to the root). */
  sourceId: string;
}

/**
 * A batch from a connector. `records` are upserts; `deletedIds` are explicit
 * removals (delta sources); `cursor` is stored once the batch is written, so an
 * interrupted sync resumes after it.
 */
export interface SyncBatch {
  records: FileRecord[];
  deletedIds?: string[];
  /** Subtrees (path prefixes) that could not be read: nothing under them is deleted by the sweep. */
  unreadablePaths?: string[];
  cursor?: string;
}

/**
 * `snapshot`: the connector lists everything, so whatever it did not list is
 * deleted when the run completes. `delta`: the connector reports changes only.
 */
export type SyncMode = 'snapshot' | 'delta';

export interface ConnectorLogger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export interface SyncContext {
  /** Cursor saved by the last batch written (of this or an interrupted run), or null. */
  cursor: string | null;
  /** True when this run continues an interrupted one from `cursor`. */
  resuming: boolean;
  /** Caller asked for a full sync: ignore any incremental state. */
  full: boolean;
  signal: AbortSignal;
  log: ConnectorLogger;
  /** Count one request made to the source (or a directory read, for local folders). */
  countRequest(): void;
  countRetry(): void;
  /** Look up what the catalog knows of an entry, for incremental decisions. */
  lookup(sourceId: string): { size: number | null; modifiedTime: string | null } | undefined;
}

export interface SyncPlan {
  mode: SyncMode;
  batches: AsyncIterable<SyncBatch>;
}

export interface HealthReport {
  ok: boolean;
  message: string;
  details?: Record<string, unknown>;
}

/** A connector for one endpoint, built from its validated settings. */
export interface Connector {
  readonly type: string;
  /** Starts a sync; the engine drives the returned batches. */
  sync(ctx: SyncContext): SyncPlan;
  /** Checks that the source is reachable with the configured settings. */
  checkHealth(): Promise<HealthReport>;
}
