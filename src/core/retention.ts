/**
 * Keeps the catalog's history within the retention the user chose (`settings.retention`): old log entries and sync
 * runs are removed when the core opens, once a day after that, and at once when the setting changes.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { RetentionResult } from '../catalog/maintenance.js';
import type { AppSettings } from '../contract/settings.js';
import type { EventMessage } from '../contract/wire.js';
import type { Logger } from '../logging/logger.js';

export const RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface RetentionOptions {
  catalog: Catalog;
  /** The retention in force now (read again before every clean-up). */
  retention(): AppSettings['retention'];
  /** Subscribes to the core's events, to notice a changed setting. */
  subscribe(listener: (message: EventMessage) => void): () => void;
  logger: Logger;
  intervalMs?: number;
}

export interface RetentionKeeper {
  /** Removes what is older than the retention now; returns what went. */
  run(): RetentionResult;
  stop(): void;
}

function describe(result: RetentionResult, retention: AppSettings['retention']): string | null {
  const parts: string[] = [];
  if (result.runs > 0)
    parts.push(`${result.runs} sync run(s) older than ${retention.runDays} days, with their changes`);
  if (result.logEntries > 0) parts.push(`${result.logEntries} log entries older than ${retention.logDays} days`);
  return parts.length > 0 ? `Removed ${parts.join(' and ')}` : null;
}

/** Cleans up now and keeps doing so; `stop()` before the catalog closes. */
export function startRetention(options: RetentionOptions): RetentionKeeper {
  const { catalog, logger } = options;
  let applied = JSON.stringify(options.retention());

  const run = (): RetentionResult => {
    const retention = options.retention();
    applied = JSON.stringify(retention);
    const result = catalog.applyRetention({ logDays: retention.logDays, runDays: retention.runDays });
    const summary = describe(result, retention);
    if (summary) logger.info(summary, { ...result });
    return result;
  };
  const runSafely = () => {
    if (!catalog.db.open) return;
    try {
      run();
    } catch (error) {
      logger.error(`Could not remove old history: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  runSafely();
  const timer = setInterval(runSafely, options.intervalMs ?? RETENTION_INTERVAL_MS);
  // A daily chore must not keep a finished CLI command alive.
  timer.unref();
  const unsubscribe = options.subscribe((message) => {
    if (message.event !== 'settings.changed') return;
    const retention = (message.payload as AppSettings).retention;
    if (JSON.stringify(retention) !== applied) runSafely();
  });

  return {
    run,
    stop: () => {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
