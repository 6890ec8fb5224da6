/**
 * Structured logging: JSON lines to rotating files in the data folder, readable
 * lines on the console, and entries at info and above handed to a sink (the
 * catalog and the contract's `log.entry` event). Secrets are redacted.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import pinoRoll from 'pino-roll';
import type { LogLevel } from '../contract/model.js';

export interface LogContext {
  endpointId?: number;
  runId?: number;
}

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
  /** A logger whose entries carry this endpoint / run. */
  child(context: LogContext): Logger;
}

export interface LoggerOptions {
  /** Folder for rotating JSON log files; none when omitted. */
  logDir?: string;
  console?: boolean;
  level?: LogLevel;
  /** Receives entries at info level and above. */
  sink?: (entry: { level: LogLevel; message: string; data: Record<string, unknown> | null } & LogContext) => void;
}

/** Keys whose values never reach a log, at any depth we redact. */
export const SECRET_KEYS = [
  'token',
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'clientSecret',
  'client_secret',
  'password',
  'authorization',
  'privateKey',
  'private_key',
];

const secretPattern = new RegExp(`^(${SECRET_KEYS.join('|')})$`, 'i');

/** Copies `data` with secret-looking keys replaced, so a mistake in a caller cannot leak a token. */
export function redact(data: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (secretPattern.test(key)) out[key] = '[redacted]';
    else if (value && typeof value === 'object' && !Array.isArray(value) && depth < 4)
      out[key] = redact(value as Record<string, unknown>, depth + 1);
    else out[key] = value;
  }
  return out;
}

function consoleStream(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      try {
        const { level, time, msg, endpointId, runId, ...rest } = JSON.parse(chunk.toString()) as Record<
          string,
          unknown
        >;
        const label = pino.levels.labels[level as number]?.toUpperCase() ?? 'LOG';
        const clock = typeof time === 'string' ? time.slice(11, 19) : '';
        const where = endpointId ? ` [endpoint ${endpointId}${runId ? `, run ${runId}` : ''}]` : '';
        const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
        process.stderr.write(`${clock} ${label.padEnd(5)}${where} ${String(msg)}${extra}\n`);
      } catch {
        process.stderr.write(chunk);
      }
      done();
    },
  });
}

/** Builds the application logger. */
export async function createLogger(options: LoggerOptions = {}): Promise<{ logger: Logger; close(): Promise<void> }> {
  const level = options.level ?? 'info';
  const streams: pino.StreamEntry[] = [];
  let file: Awaited<ReturnType<typeof pinoRoll>> | undefined;
  if (options.logDir) {
    file = await pinoRoll({
      file: path.join(options.logDir, 'file-connector'),
      extension: '.log',
      frequency: 'daily',
      size: '10m',
      mkdir: true,
      limit: { count: 10 },
    });
    streams.push({ level, stream: file });
  }
  if (options.console) streams.push({ level, stream: consoleStream() });
  const base = pino(
    { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
    streams.length ? pino.multistream(streams) : new Writable({ write: (_c, _e, done) => done() }),
  );

  const make = (context: LogContext): Logger => {
    const log = (lvl: LogLevel, message: string, data?: Record<string, unknown>) => {
      const safe = data ? redact(data) : null;
      base[lvl]({ ...context, ...(safe ?? {}) }, message);
      if (lvl !== 'debug' && options.sink) options.sink({ level: lvl, message, data: safe, ...context });
    };
    return {
      debug: (m, d) => log('debug', m, d),
      info: (m, d) => log('info', m, d),
      warn: (m, d) => log('warn', m, d),
      error: (m, d) => log('error', m, d),
      child: (more) => make({ ...context, ...more }),
    };
  };
  return {
    logger: make({}),
    close: async () => {
      if (!file) return;
      const stream = file as unknown as NodeJS.EventEmitter & { end(): void; destroyed?: boolean };
      // Ends the file stream (flushing what is buffered) before the data folder may go away.
      await new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        stream.once('error', () => resolve());
        stream.end();
      });
    },
  };
}
