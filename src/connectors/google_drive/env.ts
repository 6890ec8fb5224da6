/** What one sync run's parts share. */
import type { Filters, GoogleDriveSettings } from '../../contract/schemas.js';
import type { ConnectorLogger, FileRecord, SyncContext } from '../types.js';
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
  /** Entries skipped so far because Drive described them without a field a record needs. */
  skipped: number;
}

/**
 * Skips an entry Drive described without a field a record needs, with a warning naming it; returns what the
 * catalog has of it (to keep as it is), if anything.
 */
export function skipMalformed(env: SyncEnv, file: DriveFile, problem: string, where: string): FileRecord | undefined {
  env.skipped++;
  const id = typeof file.id === 'string' && file.id ? file.id : null;
  env.log.warn(`Skipped an entry of ${where} that Drive sent with ${problem} (id ${id ?? 'unknown'})`);
  return id === null ? undefined : env.ctx.known(id);
}
