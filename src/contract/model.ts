/** The shapes the core hands to every front end. Browser-safe. */
import type { EndpointType, Filters, Schedule } from './schemas.js';

export type RunTrigger = 'manual' | 'schedule' | 'startup' | 'webhook';
export type RunKind = 'full' | 'incremental';
export type RunStatus = 'running' | 'success' | 'partial' | 'failed' | 'cancelled';
export type EndpointStatus = 'idle' | 'syncing' | 'error' | 'paused';
export type ChangeKind = 'added' | 'modified' | 'moved' | 'deleted';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Endpoint {
  id: number;
  name: string;
  type: EndpointType;
  settings: Record<string, unknown>;
  filters: Filters;
  schedule: Schedule;
  paused: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * Whether an endpoint needs a person to sign in: `not-needed` (folders, service accounts,
 * headless token files), `signed-in`, or `needed` before it can sync.
 */
export type SignInState = 'not-needed' | 'signed-in' | 'needed';

/**
 * What a person gives the app so an endpoint can sync: `browser` (they sign in with the provider), `secret` (they
 * type the app's client secret, kept OS-encrypted: `auth.setSecret`), or null (nothing from a person).
 */
export type SignInKind = 'browser' | 'secret';

/**
 * How an endpoint syncs by itself: `manual` (only when asked), `scheduled` (interval, cron, startup),
 * `waiting-for-hook` (webhook), `paused` (the endpoint or all syncing), `backing-off` (it kept failing:
 * the next automatic try waits longer each time).
 */
export type ScheduleState = 'manual' | 'scheduled' | 'waiting-for-hook' | 'paused' | 'backing-off';

export interface EndpointSummary extends Endpoint {
  status: EndpointStatus;
  scheduleState: ScheduleState;
  /** ISO time of the next automatic run or retry; null when none is planned. */
  nextRunAt: string | null;
  /** Failed runs in a row; above 0 the endpoint is flagged. */
  consecutiveFailures: number;
  /** A run waits for a free slot or for the endpoint's current run to end. */
  queued: boolean;
  signIn: SignInState;
  /** How `signIn` is satisfied; null when nothing is asked of a person. */
  signInKind: SignInKind | null;
  fileCount: number;
  folderCount: number;
  totalSize: number;
  lastRun: SyncRun | null;
  progress: SyncProgress | null;
  /** The last periodic health check, or null before the first one (and in a reader). */
  health: EndpointHealth | null;
}

/** What the periodic health check found about an endpoint. */
export interface EndpointHealth {
  ok: boolean;
  message: string;
  /** ISO time of the check. */
  checkedAt: string;
  /**
   * The credentials were refused (by the check or by a sync): the endpoint says "Sign in again" and its
   * schedule is held until a sign-in or a sync succeeds.
   */
  authFailed: boolean;
  /** Storage space where the source has a limit, from the last check that could tell; absent where none. */
  quota?: StorageQuota;
}

/** Storage space of a source: a Google account's Drive quota, or the disk volume a local folder is on. */
export interface StorageQuota {
  /** `account`: the signed-in account's storage; `volume`: the disk or share holding the folder. */
  kind: 'account' | 'volume';
  usedBytes: number;
  /** Null when the account has no limit. */
  totalBytes: number | null;
  /** What is left to use; null when unlimited. */
  freeBytes: number | null;
}

/** What the catalog stores about one file or folder, whatever its source. */
export interface FileFields {
  name: string;
  /** Slash-separated path relative to the endpoint's root, including the name. */
  path: string;
  /** The parent's source id, or null at the root. */
  parentId: string | null;
  isFolder: boolean;
  mimeType: string | null;
  /** Lower-case extension without the dot, or null. */
  extension: string | null;
  /** Bytes, or null when the source has no size (folders, Google Docs). */
  size: number | null;
  checksum: string | null;
  version: string | null;
  /** ISO 8601 UTC. */
  createdTime: string | null;
  modifiedTime: string | null;
  createdBy: string | null;
  modifiedBy: string | null;
  webUrl: string | null;
  downloadUrl: string | null;
  trashed: boolean;
  /** Source-specific fields kept as JSON. */
  extras: Record<string, unknown> | null;
}

export interface CatalogFile extends FileFields {
  /** Catalog row id. */
  rowId: number;
  endpointId: number;
  endpointName: string;
  /** The source's own id. */
  id: string;
  deleted: boolean;
  firstSeenAt: string;
  updatedAt: string;
}

export interface FilesPage {
  rows: CatalogFile[];
  /** Entries matching the query; an upper-bound estimate while `totalExact` is false (ask `files.count`). */
  total: number;
  totalExact: boolean;
  offset: number;
}

/** One value of a column and how many live entries have it. */
export interface FacetValue {
  value: string;
  count: number;
}

/** What the file browser offers to filter by (`files.facets`), most common first. */
export interface FileFacets {
  extensions: FacetValue[];
  /** Names in `modifiedBy`, for the "Modified by" filter (which matches a name exactly). */
  modifiers: FacetValue[];
}

/** One version of a file as its source keeps it (`files.versions`; ACC keeps every upload). */
export interface FileVersion {
  /** The source's id of the version. */
  id: string;
  /** 1 for the first upload; null where the source does not number versions. */
  number: number | null;
  /** The file's name in this version. */
  name: string;
  /** ISO 8601 UTC: when this version was made. */
  createdTime: string | null;
  createdBy: string | null;
  /** Bytes, or null when unknown. */
  size: number | null;
  /** Opens this version at the source. */
  webUrl: string | null;
}

export interface SyncCounts {
  added: number;
  updated: number;
  deleted: number;
  unchanged: number;
  moved: number;
}

export interface SyncRun extends SyncCounts {
  id: number;
  endpointId: number;
  endpointName: string;
  trigger: RunTrigger;
  kind: RunKind;
  status: RunStatus;
  requests: number;
  retries: number;
  /** Time requests waited for the connector's own pacing budget. */
  pacingWaitMs: number;
  /** Time requests waited because the service asked (429 / Retry-After). */
  rateLimitWaitMs: number;
  /** Bytes of response bodies the connector received (as decoded). */
  bytesReceived: number;
  /** Entries (files and folders) the connector reported, changed or not. */
  entriesSeen: number;
  /** `entriesSeen` per second of the run's duration; null while it runs. */
  filesPerSecond: number | null;
  /**
   * Where the time went, in ms: the connector's phases one after another (e.g. `listing`, `changes`), plus
   * `writing` (catalog transactions, overlapping the listing) and `sweeping` (the run's last transaction).
   */
  phaseMs: Record<string, number>;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

export interface SyncProgress extends SyncCounts {
  runId: number;
  endpointId: number;
  phase: 'listing' | 'sweeping' | 'done';
  seen: number;
  requests: number;
  elapsedMs: number;
}

export interface ChangeEvent {
  id: number;
  runId: number;
  endpointId: number;
  sourceId: string;
  kind: ChangeKind;
  name: string;
  path: string;
  oldPath: string | null;
  at: string;
}

/** A page of one run's changes (`runs.changes`), with the run's count of each kind whatever the filter. */
export interface RunChangesPage {
  changes: ChangeEvent[];
  /** Changes matching the request's `kind` (all of the run's when none). */
  total: number;
  offset: number;
  counts: Record<ChangeKind, number>;
}

/** What importing a configuration file did (or, for a preview, would do), by endpoint name. */
export interface ConfigImportResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

export interface LogEntry {
  id: number;
  at: string;
  level: LogLevel;
  message: string;
  endpointId: number | null;
  runId: number | null;
  data: Record<string, unknown> | null;
}

export interface CatalogStats {
  databasePath: string;
  databaseBytes: number;
  endpoints: number;
  files: number;
  folders: number;
  deletedFiles: number;
  runs: number;
  changeEvents: number;
  logEntries: number;
  schemaVersion: number;
}

/** What an endpoint's credentials can see, for choosing its scope (`endpoints.browse`; ACC only for now). */
export interface BrowseResult {
  hubs: BrowseHub[];
}

/** An ACC / BIM 360 hub (an account) and its projects. */
export interface BrowseHub {
  id: string;
  name: string;
  region: string | null;
  projects: BrowseProject[];
}

export interface BrowseProject {
  id: string;
  name: string;
  /** The endpoint's `scope.projects` names this project (by id or name). */
  selected: boolean;
}

export interface HealthReport {
  ok: boolean;
  message: string;
  details?: Record<string, unknown>;
  quota?: StorageQuota;
}

/** The scheduler as a whole. */
export interface SchedulerStatus {
  /** Automatic syncing is paused everywhere ("Pause syncing"). */
  pausedAll: boolean;
  /** Most syncs running at once. */
  maxConcurrentSyncs: number;
  /** Syncs running now. */
  running: number;
  /** Endpoints waiting for a free slot, in the order they will run. */
  queued: number[];
  /** Whether automatic syncing runs in this process (the desktop app and `serve`, not the one-shot command). */
  active: boolean;
}

/** Steps of a desktop sign-in, in order. */
export type SignInStep = 'opening-browser' | 'waiting-for-consent' | 'exchanging-code' | 'done' | 'failed';

export interface SignInProgress {
  endpointId: number;
  step: SignInStep;
  /**
   * The provider's consent page. The desktop app opens it in the system browser itself; a browser
   * front end (through `serve`) opens it in a new tab.
   */
  authorizeUrl: string | null;
  /** For `failed`: what went wrong and what to do. */
  message: string | null;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  databasePath: string;
  /** Where this front end is hosted: the desktop window or a browser through `serve`. */
  host: 'desktop' | 'browser';
  /** A native folder picker exists (desktop only). */
  canPickFolder: boolean;
  /** `system.openDataFolder` can show the data folder in the file manager (desktop only). */
  canOpenDataFolder: boolean;
  /**
   * How sign-in secrets are kept: `os-encrypted` (desktop keychain), `weak` (Linux without a keyring:
   * the UI warns), `unavailable` (headless: sign-ins last until the process stops; use token files).
   */
  secretProtection: 'os-encrypted' | 'weak' | 'unavailable';
}
