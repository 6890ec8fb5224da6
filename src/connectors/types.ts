/** What every connector produces and what the sync engine consumes. */
import type { BrowseResult, FileFields } from '../contract/model.js';

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
  /** Count time a request waited: for the connector's own pacing, or because the service asked (Retry-After). */
  countWait(ms: number, cause: 'pace' | 'rateLimit'): void;
  /** Look up what the catalog knows of an entry, for incremental decisions. */
  lookup(sourceId: string): { size: number | null; modifiedTime: string | null } | undefined;
  /**
   * The live catalog entry with this source id, as last written. Read it before yielding batches that may
   * change it: the engine writes each batch while the connector prepares the next.
   */
  known(sourceId: string): FileRecord | undefined;
  /** The live catalog entries whose `parentId` is this source id (same caveat as `known`). */
  children(parentId: string): FileRecord[];
}

export interface SyncPlan {
  /**
   * Read by the engine once every batch is consumed, so a delta connector that has to fall back to a full
   * listing (its change token expired) may set `snapshot` before its batches end, and the run then sweeps.
   */
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
  /** What the credentials can see, for choosing the scope (ACC: hubs and projects); throws a clear error. */
  browse?(): Promise<BrowseResult>;
}
