/** Database statistics and retention clean-up. */
import fs from 'node:fs';
import type { CatalogStats } from '../contract/model.js';
import type { Db } from './database.js';
import { schemaVersion } from './database.js';

export interface RetentionPolicy {
  /** Delete log entries and metric samples older than this many days. */
  logDays: number;
  /**
   * Delete finished runs (their change events go with them) that started more than this many days ago, except each
   * endpoint's latest finished run, which its card and status still show.
   */
  runDays?: number;
  /** Keep at most this many runs per endpoint. */
  runsPerEndpoint?: number;
}

/** What `applyRetention` removed. */
export interface RetentionResult {
  runs: number;
  logEntries: number;
  metricSamples: number;
}

export const defaultRetention: RetentionPolicy = { logDays: 30, runDays: 90 };

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

const DAY_MS = 86_400_000;

/** Deletes old runs (with their change events), logs and metric samples. Returns what went. */
export function applyRetention(db: Db, policy: RetentionPolicy = defaultRetention, now = new Date()): RetentionResult {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  return db.transaction(() => {
    let runs = 0;
    if (policy.runDays !== undefined) {
      runs += db
        .prepare(
          `DELETE FROM sync_runs WHERE status != 'running' AND started_at < ?
             AND id NOT IN (SELECT MAX(id) FROM sync_runs WHERE status != 'running' GROUP BY endpoint_id)`,
        )
        .run(before(policy.runDays)).changes;
    }
    if (policy.runsPerEndpoint !== undefined) {
      runs += db
        .prepare(
          `DELETE FROM sync_runs WHERE status != 'running' AND id IN (
             SELECT id FROM (
               SELECT id, ROW_NUMBER() OVER (PARTITION BY endpoint_id ORDER BY id DESC) AS n FROM sync_runs
             ) WHERE n > ?)`,
        )
        .run(policy.runsPerEndpoint).changes;
    }
    const cutoff = before(policy.logDays);
    const logEntries = db.prepare('DELETE FROM log_entries WHERE at < ?').run(cutoff).changes;
    const metricSamples = db.prepare('DELETE FROM metric_samples WHERE at < ?').run(cutoff).changes;
    return { runs, logEntries, metricSamples };
  })();
}
