/**
 * Drive requests through one door: the shared resilience layer paces them (a token bucket) and retries
 * transient failures with backoff; this client classifies Drive's errors, re-authorises once on 401, counts
 * requests and retries into the run's metrics, and fails with errors that say what went wrong (never with a
 * token in them). The generated client's own retry is off so retries are not doubled.
 */
import { drive, type drive_v3 } from '@googleapis/drive';
import {
  createResilientCaller,
  isConnectionError,
  type ServiceBreaker,
  isTransientStatus,
  parseRetryAfter,
  RetryAfterTooLongError,
  TransientError,
  type RateLimit,
  type ResilientCaller,
  type RetryOptions,
} from '../../resilience/index.js';
import type { ConnectorLogger } from '../types.js';
import type { AccessTokenSource } from './auth.js';

const RATE_LIMIT_REASONS = new Set(['userRateLimitExceeded', 'rateLimitExceeded']);

/** Google's recommendation: 1 s, 2 s, 4 s, ... plus up to 1 s of jitter, capped; six retries. */
export const DRIVE_RETRY: RetryOptions = {
  maxAttempts: 7,
  baseDelayMs: 1000,
  maxDelayMs: 64_000,
  jitterMs: 1000,
};

/** The pacer of an endpoint's `pacing` settings: a token bucket of `burst`, refilled at `requestsPerSecond`. */
export function drivePacing(pacing: { requestsPerSecond: number; burst: number }): RateLimit {
  // The settings are the budget itself (well under Google's published quota), so no headroom is taken off.
  return { perMinute: pacing.requestsPerSecond * 60, burst: pacing.burst, headroom: 1 };
}

/** A Drive request that failed for good; `status` and `reason` as Drive reported them. */
export class DriveApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly reason: string | null,
  ) {
    super(message);
    this.name = 'DriveApiError';
  }
}

interface Classified {
  status: number | null;
  reason: string | null;
  detail: string;
  retryAfterMs: number | null;
  transient: boolean;
}

/** True when `err` (or one of its causes) is a timeout of ours (`AbortSignal.timeout`) or of the HTTP client. */
export function isTimeout(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { name?: unknown }).name === 'TimeoutError') return true;
  }
  return false;
}

/** A JSON body as text (how the connector asks for answers, to count and check them), else the value itself. */
function parsedBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads status, Drive's error reason and Retry-After from whatever the client threw. */
export function classify(err: unknown): Classified {
  if (err instanceof TransientError) {
    return { status: err.status, reason: null, detail: err.message, retryAfterMs: err.retryAfterMs, transient: true };
  }
  const e = err as {
    status?: number;
    code?: string | number;
    cause?: { code?: string };
    response?: { status?: number; headers?: unknown; data?: unknown };
    message?: string;
  };
  const status = e.response?.status ?? (typeof e.status === 'number' ? e.status : null);
  const data = parsedBody(e.response?.data) as
    { error?: { message?: string; errors?: { reason?: string }[] } } | undefined;
  const reason = data?.error?.errors?.[0]?.reason ?? null;
  const headers = e.response?.headers;
  // Duck-typed: the client's Headers class need not be this realm's global one.
  const retryAfter =
    typeof (headers as Headers | undefined)?.get === 'function'
      ? (headers as Headers).get('retry-after')
      : (headers as Record<string, string> | undefined)?.['retry-after'];
  const code = String(e.cause?.code ?? e.code ?? '');
  const network =
    status === null &&
    (isConnectionError(err) || isTimeout(err) || /socket|ECONNRESET|terminated|fetch failed/i.test(e.message ?? ''));
  const transient =
    network ||
    (status !== null && isTransientStatus(status)) ||
    (status === 403 && RATE_LIMIT_REASONS.has(reason ?? ''));
  const detail =
    data?.error?.message ?? (network ? `connection failed (${code || 'reset'})` : (e.message ?? String(err)));
  return { status, reason, detail, retryAfterMs: parseRetryAfter(retryAfter), transient };
}

/** The parts of a run a client works with. */
export interface DriveClientOptions {
  apiBaseUrl: string;
  auth: AccessTokenSource;
  pacing: RateLimit;
  retry: RetryOptions;
  /** Longest one request may take once sent; default 60 s. */
  timeoutMs?: number;
  /** The service's circuit breaker, shared with every other client of the same Drive API root. */
  breaker?: ServiceBreaker;
  signal: AbortSignal;
  log: ConnectorLogger;
  countRequest(): void;
  countRetry(): void;
  countWait?(ms: number, cause: 'pace' | 'rateLimit'): void;
  countBytes?(bytes: number): void;
}

/** Drive refused the sign-in (401); carries the refused token, if one was issued, so the source can drop it. */
class RefusedToken extends Error {
  constructor(
    readonly token: string | null,
    readonly classified: Classified,
  ) {
    super('Drive refused the access token');
  }
}

/** The Drive API as the connector uses it. */
export class DriveClient {
  private readonly api: drive_v3.Drive;
  private readonly rootUrl: string;
  private readonly caller: ResilientCaller<'drive'>;

  constructor(private readonly o: DriveClientOptions) {
    this.rootUrl = o.apiBaseUrl.endsWith('/') ? o.apiBaseUrl : `${o.apiBaseUrl}/`;
    this.api = drive({ version: 'v3' });
    this.caller = createResilientCaller(
      { drive: o.pacing },
      o.retry,
      {
        onWait: (_family, ms, cause) => o.countWait?.(ms, cause === 'pace' ? 'pace' : 'rateLimit'),
        onBytes: (_family, bytes) => o.countBytes?.(bytes),
        onRetry: (_family, info) => {
          o.countRetry();
          o.log.warn(`${info.error.message}; retrying`, { attempt: info.attempt, delayMs: Math.round(info.delayMs) });
        },
      },
      { service: 'Google Drive', timeoutMs: o.timeoutMs, breaker: o.breaker },
    );
  }

  /** Time this client's requests waited for the pacing budget, in ms. */
  get waitedMs(): number {
    return Math.round(this.caller.waited.pace);
  }

  /** Time this client's requests were held by the server's Retry-After, in ms. */
  get heldMs(): number {
    return Math.round(this.caller.waited.retryAfter);
  }

  /** Releases the pacer; the client takes no more calls afterwards. */
  close(): Promise<void> {
    return this.caller.close();
  }

  /**
   * Runs one Drive call under the pacing and retry policy. The answer is read as text, so that its size is
   * counted and a body cut off mid-way is retried like a dropped connection instead of read as an empty page.
   */
  async call<T>(label: string, run: (api: drive_v3.Drive, options: object) => Promise<{ data: T }>): Promise<T> {
    const { signal, log } = this.o;
    let attempts = 0;
    const attempt = async (attemptSignal: AbortSignal): Promise<T> => {
      attempts++;
      let token: string | null = null;
      try {
        token = await this.o.auth.token();
        this.o.countRequest();
        // A per-call rootUrl keeps a proxy's path prefix (a client-level one would drop it).
        const options = {
          rootUrl: this.rootUrl,
          retry: false,
          responseType: 'text',
          signal: attemptSignal,
          headers: { Authorization: `Bearer ${token}` },
        };
        const text = (await run(this.api, options)).data as unknown;
        if (typeof text !== 'string') return text as T;
        this.caller.received('drive', Buffer.byteLength(text));
        const body = parsedBody(text);
        if (typeof body !== 'object' || body === null) {
          throw new TransientError(`Drive ${label} answered with a cut-off or unreadable body`, null);
        }
        return body as T;
      } catch (err) {
        if (signal.aborted) throw signal.reason as Error;
        // An error answer's body arrived too.
        const data = (err as { response?: { data?: unknown } }).response?.data;
        if (typeof data === 'string') this.caller.received('drive', Buffer.byteLength(data));
        // Ours (a cut-off body), or the time limit's: the caller says which.
        if (err instanceof TransientError || attemptSignal.aborted) throw err;
        const c = classify(err);
        if (c.status === 401) throw new RefusedToken(token, c);
        if (c.transient) {
          const why = `${c.status ?? 'network'}${c.reason ? ` ${c.reason}` : ''}`;
          throw new TransientError(`Drive ${label} failed (${why})`, c.status, c.retryAfterMs, { cause: err });
        }
        throw this.failure(label, c, attempts);
      }
    };
    for (let reauthorised = false; ;) {
      try {
        return await this.caller.call('drive', attempt, signal);
      } catch (err) {
        if (signal.aborted) throw signal.reason as Error;
        if (err instanceof RefusedToken) {
          if (reauthorised) throw this.failure(label, err.classified, attempts);
          // The token died before its stated expiry (revoked, server restarted): fetch a fresh one once.
          reauthorised = true;
          if (err.token) this.o.auth.reset(err.token);
          this.o.countRetry();
          log.warn(`Drive refused the access token for ${label}; signing in again`);
          continue;
        }
        // The HTTP client's error says most (Drive's own message); errors of ours say it themselves.
        if (err instanceof TransientError) throw this.failure(label, classify(err.cause ?? err), attempts);
        if (err instanceof RetryAfterTooLongError) {
          const c = classify(err.cause instanceof TransientError ? err.cause.cause : undefined);
          throw new DriveApiError(`Drive ${label} failed: ${err.message}`, c.status, c.reason);
        }
        throw err;
      }
    }
  }

  private failure(label: string, c: Classified, attempts: number): DriveApiError {
    const what = `Drive ${label} failed`;
    if (c.status === 403 && !c.transient) {
      return new DriveApiError(`${what}: permission denied (${c.reason ?? 'forbidden'}): ${c.detail}`, 403, c.reason);
    }
    if (c.status === 401)
      return new DriveApiError(`${what}: Google refused the sign-in (401): ${c.detail}`, 401, c.reason);
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    const status = c.status === null ? '' : ` (HTTP ${c.status}${c.reason ? ` ${c.reason}` : ''})`;
    return new DriveApiError(`${what}${tries}${status}: ${c.detail}`, c.status, c.reason);
  }
}
