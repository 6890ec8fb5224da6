/** The core as its hosts (Electron main, `serve`, the CLI) see it. */
import type { AppSettings } from '../contract/settings.js';
import type { EventMessage, Envelope } from '../contract/wire.js';
import type { HookAnswer, HookDelivery } from '../webhooks/receiver.js';
import type { SecretStore } from './secrets.js';

export interface CoreOptions {
  /** Folder holding the catalog database, logs and settings. */
  dataDir: string;
  /** Which front end this core serves; reported by `app.info`. */
  host: 'desktop' | 'browser';
  /** A native folder picker (the desktop app passes Electron's dialog). */
  pickFolder?: () => Promise<string | null>;
  /** Where sign-in secrets are kept; the desktop app passes its OS-encrypted store. Default: memory only. */
  secrets?: SecretStore;
  /** Opens a URL in the system browser (the desktop app); without it, the front end opens sign-in pages. */
  openExternal?: (url: string) => Promise<void>;
  /** Shows a folder in the system's file manager (the desktop app); a throw carries the reason it could not. */
  openPath?: (folder: string) => Promise<void>;
  /** Path of a better-sqlite3 native module built for this runtime (Electron uses its own build). */
  nativeBinding?: string;
  /** Where the catalog's write thread code is, for a bundled app whose modules do not sit beside it. */
  writeThreadUrl?: URL;
  /** Echo logs to the console in readable form (CLI and serve). */
  consoleLogs?: boolean;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /**
   * `owner` (default) runs syncs and recovers interrupted runs, holding the data
   * folder's lock; `reader` only reads, beside an owner in another process.
   */
  access?: 'owner' | 'reader';
  /** Where webhook secrets named by `secretEnv` are read (default: the process environment). */
  env?: NodeJS.ProcessEnv;
  /** Applies changed settings outside the core (the desktop app's login item); a throw refuses the change. */
  applySettings?: (settings: AppSettings) => void | Promise<void>;
  /** Time between two rounds of endpoint health checks (default 30 minutes). */
  healthIntervalMs?: number;
  /** Time between two rounds of metric samples in an owner core (default 10 seconds). */
  metricsIntervalMs?: number;
}

export interface CoreHost {
  readonly dataDir: string;
  /** Runs a contract request from an untrusted caller; never throws. */
  dispatch(name: string, input: unknown): Promise<Envelope<unknown>>;
  /** Every contract event, in order. Returns the unsubscribe function. */
  subscribe(listener: (message: EventMessage) => void): () => void;
  /**
   * A call to `POST /hooks/<target>` (owner cores): verified against the endpoint's secret and
   * answered at once; a valid one queues an incremental sync.
   */
  receiveHook?(target: string, delivery: HookDelivery): HookAnswer;
  /** Stops new syncs, lets running ones reach a safe point, closes the database. */
  close(): Promise<void>;
}
