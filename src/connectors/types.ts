/** What every connector produces and what the sync engine consumes. */
import type { BrowseResult, FileFields, FileVersion, StorageQuota } from '../contract/model.js';

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
  /** Entries the source described too badly to catalog (logged by the connector; the catalog keeps what it had). */
  skippedEntries?: number;
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
  /** Count the bytes of a response body; contexts made outside the engine may leave it out. */
  countBytes?(bytes: number): void;
  /**
   * The connector enters a phase of its work (e.g. `listing`, `changes`): the run records how long each took,
   * one after another, until the batches end. Optional like `countBytes`.
   */
  phase?(name: string): void;
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
  /** Storage space, where the source has a limit it can tell (Drive's account quota, a folder's disk). */
  quota?: StorageQuota;
}

/** One thing a service holds for File Connector (an Autodesk hook, a Drive watch channel); nothing secret in it. */
export interface HookSubscription {
  /** The service's id of it. */
  id: string;
  /** What it watches, for people. */
  description: string;
  /** When the service drops it; null when it lasts until removed. */
  expiresAt: string | null;
  /** When to replace it with a fresh one (shortly before `expiresAt`); null when it never needs that. */
  renewAt: string | null;
  /** What the connector needs to find, renew or remove it again, with the `callbackUrl` it calls. */
  details: Record<string, string | null>;
}

/** What File Connector has registered with a service for one endpoint: where it calls, and what it holds. */
export interface HookSubscriptions {
  callbackUrl: string;
  subscriptions: HookSubscription[];
}

/** Registration of push notifications (webhooks) with the endpoint's service; the same shape for every connector. */
export interface ConnectorHooks {
  readonly service: 'autodesk' | 'google';
  /**
   * Makes the service call `callbackUrl` on every change, authenticated with `secret`. Idempotent: what
   * `previous` holds for the same address and is not due for renewal is kept (and re-keyed), what is no longer
   * wanted is removed. Resolves with everything now held; on failure throws a `HookRegistrationError` that
   * carries what is held, so nothing registered is forgotten.
   */
  register(request: {
    callbackUrl: string;
    secret: string;
    previous: HookSubscriptions | null;
  }): Promise<HookSubscription[]>;
  /** Removes exactly these subscriptions; ones the service no longer has count as removed. */
  remove(subscriptions: HookSubscription[]): Promise<void>;
}

/** A registration that failed part-way: `held` is what the service holds now and must be remembered. */
export class HookRegistrationError extends Error {
  constructor(
    message: string,
    readonly held: HookSubscription[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HookRegistrationError';
  }
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
  /** The versions the source keeps of a catalogued file, newest first, read live (ACC); throws a clear error. */
  versions?(file: FileRecord): Promise<FileVersion[]>;
  /** Webhook registration with the service; absent where the source cannot call anyone (local folders). */
  readonly hooks?: ConnectorHooks;
}
