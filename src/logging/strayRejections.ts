/**
 * A long-running process (`serve`, the desktop app) logs a promise rejection nobody handled and keeps going:
 * Node would otherwise end it, and with it every sync and the tray. The log line is what to report.
 */
import type { Logger } from './logger.js';

/** The part of `process` this needs. */
export interface RejectionSource {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/** Logs unhandled rejections instead of ending the process; returns how to stop. */
export function logStrayRejections(source: RejectionSource, logger: Pick<Logger, 'error'>): () => void {
  const listener = (reason: unknown) => {
    const error = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
    logger.error('An operation failed and nothing handled its error; File Connector keeps running', { error });
  };
  source.on('unhandledRejection', listener);
  return () => void source.off('unhandledRejection', listener);
}
