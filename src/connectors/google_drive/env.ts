/** What one sync run's parts share. */
import type { Filters, GoogleDriveSettings } from '../../contract/schemas.js';
import type { ConnectorLogger, SyncContext } from '../types.js';
import type { DriveClient } from './client.js';
import type { DriveFile } from './records.js';

/** The settings, client and context one run works with. */
export interface SyncEnv {
  client: DriveClient;
  settings: GoogleDriveSettings;
  filters: Filters;
  /** Whether the filters keep a file (folders are always kept). */
  keep(file: DriveFile): boolean;
  /** The `files(...)` field list. */
  fields: string;
  /** Ids of the selected folders, or null for whole drives. */
  scopeRoots: ReadonlySet<string> | null;
  fingerprint: string;
  batchSize: number;
  /** Clock, in ms since the epoch (tests move it). */
  now(): number;
  /** How often an incremental run lists the shared drives again to notice added, removed or renamed ones. */
  driveListIntervalMs: number;
  log: ConnectorLogger;
  ctx: SyncContext;
}
