/**
 * The one contract between the core and every front end (Electron IPC, loopback
 * HTTP, the renderer). Each request names its input schema and its result type;
 * each event names its payload. Browser-safe.
 */
import { z } from 'zod';
import type {
  AppInfo,
  BrowseResult,
  CatalogFile,
  CatalogStats,
  ChangeEvent,
  ConfigImportResult,
  EndpointSummary,
  FileFacets,
  FilesPage,
  FileVersion,
  HealthReport,
  LogEntry,
  RunChangesPage,
  SchedulerStatus,
  SignInProgress,
  SyncProgress,
  SyncRun,
} from './model.js';
import { publicUrlSchema, type HookRegistration } from './hooks.js';
import { metricsSeriesSchema, type MetricsSample, type MetricsSeries } from './metrics.js';
import { endpointInputSchema, filesCountSchema, filesQuerySchema } from './schemas.js';
import { appSettingsUpdateSchema, type AppSettings, type NavigateTarget } from './settings.js';
import type { Envelope } from './wire.js';

const id = z.number().int().positive();
const empty = z.strictObject({}).default({});

/** Declares a request: `request<Result>()(inputSchema)`. */
function request<O>() {
  return <I extends z.ZodType>(input: I) => ({ input, output: undefined as unknown as O });
}

const page = (max: number, fallback: number) => ({
  limit: z.number().int().min(1).max(max).default(fallback),
  offset: z.number().int().nonnegative().default(0),
});

export const requests = {
  'app.info': request<AppInfo>()(empty),
  'endpoints.list': request<EndpointSummary[]>()(empty),
  'endpoints.get': request<EndpointSummary>()(z.strictObject({ id })),
  'endpoints.create': request<EndpointSummary>()(endpointInputSchema),
  'endpoints.update': request<EndpointSummary>()(z.strictObject({ id, endpoint: endpointInputSchema })),
  'endpoints.remove': request<{ removed: true }>()(z.strictObject({ id })),
  'endpoints.test': request<HealthReport>()(z.strictObject({ id })),
  /** Stops automatic syncs of one endpoint (kept); a running sync finishes. */
  'endpoints.pause': request<EndpointSummary>()(z.strictObject({ id })),
  /** Lets an endpoint sync on its schedule again; a run it missed while paused happens once. */
  'endpoints.resume': request<EndpointSummary>()(z.strictObject({ id })),
  /**
   * Runs now, or as soon as the endpoint and a slot are free (`queued` lists those waiting). A run
   * asked for while the endpoint syncs is folded into one follow-up run.
   */
  'sync.start': request<{ runIds: number[]; queued: number[] }>()(
    z.strictObject({ endpointId: id.optional(), full: z.boolean().default(false) }),
  ),
  'sync.cancel': request<{ cancelled: boolean }>()(z.strictObject({ endpointId: id })),
  'scheduler.status': request<SchedulerStatus>()(empty),
  /** Pauses every automatic sync ("Pause syncing"); kept across restarts. */
  'scheduler.pauseAll': request<SchedulerStatus>()(empty),
  /** Resumes automatic syncing; each schedule that missed a run runs once. */
  'scheduler.resumeAll': request<SchedulerStatus>()(empty),
  'scheduler.configure': request<SchedulerStatus>()(
    z.strictObject({ maxConcurrentSyncs: z.number().int().min(1, 'must be at least 1').max(16, 'must be at most 16') }),
  ),
  'files.query': request<FilesPage>()(filesQuerySchema),
  /** The exact number of entries matching a query's filters and search (a broad search's page only estimates it). */
  'files.count': request<{ total: number }>()(filesCountSchema),
  'files.get': request<{ file: CatalogFile; history: ChangeEvent[] }>()(z.strictObject({ rowId: id })),
  /** The most common extensions and modifiers of live entries (of some endpoints), for the file browser's filters. */
  'files.facets': request<FileFacets>()(z.strictObject({ endpointIds: z.array(id).max(1000).optional() })),
  /** The versions the source keeps of a file, newest first, read live (ACC); `unauthorized` when a sign-in is due. */
  'files.versions': request<FileVersion[]>()(z.strictObject({ rowId: id })),
  /** Shows a local folder entry's folder in the file manager (desktop only, like `system.openDataFolder`). */
  'files.showInFolder': request<{ opened: true }>()(z.strictObject({ rowId: id })),
  'runs.list': request<SyncRun[]>()(z.strictObject({ endpointId: id.optional(), ...page(1000, 50) })),
  /** A page of a run's changes, oldest first, optionally of one kind. */
  'runs.changes': request<RunChangesPage>()(
    z.strictObject({
      runId: id,
      kind: z.enum(['added', 'modified', 'moved', 'deleted']).optional(),
      ...page(5000, 200),
    }),
  ),
  'logs.recent': request<LogEntry[]>()(
    z.strictObject({
      limit: z.number().int().min(1).max(5000).default(200),
      level: z.enum(['debug', 'info', 'warn', 'error']).optional(),
      endpointId: id.optional(),
      search: z.string().max(200).optional(),
    }),
  ),
  'catalog.stats': request<CatalogStats>()(empty),
  /** The app's sampled CPU, memory, event-loop delay, disk use and catalog size, downsampled to `maxPoints`. */
  'metrics.series': request<MetricsSeries>()(metricsSeriesSchema),
  /** Starts "Sign in with …" for an endpoint; resolves when signed in. Progress comes as `auth.progress`. */
  'auth.signIn': request<{ signedIn: true }>()(z.strictObject({ endpointId: id })),
  'auth.cancel': request<{ cancelled: boolean }>()(z.strictObject({ endpointId: id })),
  /** Forgets the endpoint's saved sign-in (or saved client secret). */
  'auth.signOut': request<{ signedOut: true }>()(z.strictObject({ endpointId: id })),
  /**
   * Keeps the client secret of an endpoint whose `signInKind` is `secret` (OS-encrypted in the desktop app).
   * The secret is never logged and never sent back.
   */
  'auth.setSecret': request<{ saved: true }>()(
    z.strictObject({
      endpointId: id,
      secret: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
    }),
  ),
  /** What the endpoint's credentials can see, to choose its scope: ACC hubs and their projects. */
  'endpoints.browse': request<BrowseResult>()(z.strictObject({ endpointId: id })),
  /** Webhook registrations with Autodesk or Google (of one endpoint, or all). Nothing secret. */
  'hooks.list': request<HookRegistration[]>()(z.strictObject({ endpointId: id.optional() })),
  /**
   * Registers a `webhook` endpoint with its service (Autodesk hooks on each top folder, Drive watch channels
   * on each drive) to call `url` (a public base address; `/hooks/<endpoint id>` is appended). Idempotent.
   */
  'hooks.register': request<HookRegistration>()(z.strictObject({ endpointId: id, url: publicUrlSchema })),
  /** Removes exactly the hooks or channels File Connector registered for the endpoint. */
  'hooks.remove': request<{ removed: number }>()(z.strictObject({ endpointId: id })),
  'system.pickFolder': request<{ path: string | null }>()(empty),
  /** Shows the data folder in the file manager (desktop only: `app.info` says `canOpenDataFolder`). */
  'system.openDataFolder': request<{ opened: true }>()(empty),
  /** The endpoints as a configuration file the CLI reads (`sync --config`), without secrets. */
  'config.export': request<{ yaml: string }>()(empty),
  /**
   * Creates and updates endpoints by name from a configuration file, all or nothing; problems come back as
   * `invalid_request` issues whose path starts with `line:column`. `dryRun` only says what would change.
   */
  'config.import': request<ConfigImportResult>()(
    z.strictObject({
      text: z.string().max(512 * 1024, 'must be at most 512 KB: a configuration file is a few kilobytes'),
      format: z.enum(['yaml', 'json']).default('yaml'),
      dryRun: z.boolean().default(false),
    }),
  ),
  'settings.get': request<AppSettings>()(empty),
  /** Changes some settings and returns them all; the desktop app applies `startAtLogin` at once. */
  'settings.update': request<AppSettings>()(appSettingsUpdateSchema),
} as const;

export type RequestName = keyof typeof requests;
export type RequestInput<K extends RequestName> = z.input<(typeof requests)[K]['input']>;
export type ParsedInput<K extends RequestName> = z.output<(typeof requests)[K]['input']>;
export type RequestOutput<K extends RequestName> = (typeof requests)[K]['output'];

export interface Events {
  'sync.progress': SyncProgress;
  'sync.finished': SyncRun;
  'endpoints.changed': { endpointId: number | null };
  'log.entry': LogEntry;
  'auth.progress': SignInProgress;
  'settings.changed': AppSettings;
  /** The desktop app asks the window to show a page (a notification or the tray was clicked). */
  'app.navigate': NavigateTarget;
  /** A round of the app's metrics was sampled (about every 10 seconds while the core runs). */
  'metrics.sampled': MetricsSample;
}
export type EventName = keyof Events;
export const eventNames: readonly EventName[] = [
  'sync.progress',
  'sync.finished',
  'endpoints.changed',
  'log.entry',
  'auth.progress',
  'settings.changed',
  'app.navigate',
  'metrics.sampled',
];

export const requestNames = Object.keys(requests) as RequestName[];

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requests, name);
}

/** What a front end holds: call a request, listen to an event. */
export interface FileConnectorApi {
  invoke<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

/**
 * What the Electron preload exposes as `window.fileConnector`. contextBridge copies only the
 * message of a thrown error, so the page unwraps `invokeEnvelope` itself to keep codes and issues.
 */
export interface DesktopBridge extends FileConnectorApi {
  invokeEnvelope(name: RequestName, input: unknown): Promise<Envelope<unknown>>;
}

/** The core's side: one function per request, taking the parsed input. */
export type Handlers = { [K in RequestName]: (input: ParsedInput<K>) => Promise<RequestOutput<K>> };
