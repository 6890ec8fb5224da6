/** Database statistics and retention clean-up. */
import fs from 'node:fs';
import type { CatalogStats } from '../contract/model.js';
import type { Db } from './database.js';
import { schemaVersion } from './database.js';

export interface RetentionPolicy {
  /** Keep at most this many runs per endpoint (their change events go with them). */
  runsPerEndpoint: number;
  /** Delete log entries and metric samples older than this many days. */
  logDays: number;
}

export const defaultRetention: RetentionPolicy = { runsPerEndpoint: 200, logDays: 30 };

/** Counts and sizes for the stats page and `catalog.stats`. */
export function catalogStats(db: Db, databasePath: string): CatalogStats {
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  let databaseBytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      databaseBytes += fs.statSync(databasePath + suffix).size;
    } catch {
      // the WAL file may not exist
    }
  }
  return {
    databasePath,
    databaseBytes,
    endpoints: count('SELECT COUNT(*) AS n FROM endpoints'),
    files: count('SELECT COUNT(*) AS n FROM files WHERE deleted_at IS NULL AND is_folder = 0'),
    folders: count('SELECT COUNT(*) AS n FROM files WHERE deleted_at IS NULL AND is_folder = 1'),
    deletedFiles: count('SELECT COUNT(*) AS n FROM files WHERE deleted_at IS NOT NULL'),
    runs: count('SELECT COUNT(*) AS n FROM sync_runs'),
    changeEvents: count('SELECT COUNT(*) AS n FROM change_events'),
    logEntries: count('SELECT COUNT(*) AS n FROM log_entries'),
    schemaVersion: schemaVersion(db),
  };
}

/** Deletes old runs (with their change events), logs and metric samples. Returns what went. */
export function applyRetention(
  db: Db,
  policy: RetentionPolicy = defaultRetention,
  now = new Date(),
): { runs: number; logEntries: number; metricSamples: number } {
  const cutoff = new Date(now.getTime() - policy.logDays * 86_400_000).toISOString();
  return db.transaction(() => {
    const runs = db
      .prepare(
        `DELETE FROM sync_runs WHERE status != 'running' AND id IN (
           SELECT id FROM (
             SELECT id, ROW_NUMBER() OVER (PARTITION BY endpoint_id ORDER BY id DESC) AS n FROM sync_runs
           ) WHERE n > ?)`,
      )
      .run(policy.runsPerEndpoint).changes;
    const logEntries = db.prepare('DELETE FROM log_entries WHERE at < ?').run(cutoff).changes;
    const metricSamples = db.prepare('DELETE FROM metric_samples WHERE at < ?').run(cutoff).changes;
    return { runs, logEntries, metricSamples };
  })();
}
