/**
 * Drive requests through one door: paced by the token bucket, retried with backoff on transient errors,
 * re-authorised once on 401, counted into the run's metrics, and failing with errors that say what went wrong
 * (never with a token in them). The generated client's own retry is off so retries are not doubled.
 */
import { drive, type drive_v3 } from '@googleapis/drive';
import type { ConnectorLogger } from '../types.js';
import type { AccessTokenSource } from './auth.js';
import { backoffDelay, parseRetryAfter, sleep, type RetryPolicy, type TokenBucket } from './pacing.js';

const RATE_LIMIT_REASONS = new Set(['userRateLimitExceeded', 'rateLimitExceeded']);
const RESET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'EAI_AGAIN']);

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

/** Reads status, Drive's error reason and Retry-After from whatever the client threw. */
export function classify(err: unknown): Classified {
  const e = err as {
    status?: number;
    code?: string | number;
    cause?: { code?: string };
    response?: { status?: number; headers?: unknown; data?: unknown };
    message?: string;
  };
  const status = e.response?.status ?? (typeof e.status === 'number' ? e.status : null);
  const data = e.response?.data as { error?: { message?: string; errors?: { reason?: string }[] } } | undefined;
  const reason = data?.error?.errors?.[0]?.reason ?? null;
  const headers = e.response?.headers;
  // Duck-typed: the client's Headers class need not be this realm's global one.
  const retryAfter =
    typeof (headers as Headers | undefined)?.get === 'function'
      ? (headers as Headers).get('retry-after')
      : (headers as Record<string, string> | undefined)?.['retry-after'];
  const code = String(e.cause?.code ?? e.code ?? '');
  const network =
    status === null && (RESET_CODES.has(code) || /socket|ECONNRESET|terminated|fetch failed/i.test(e.message ?? ''));
  const transient =
    network ||
    status === 429 ||
    status === 408 ||
    (status !== null && status >= 500) ||
    (status === 403 && RATE_LIMIT_REASONS.has(reason ?? ''));
  const detail =
    data?.error?.message ?? (network ? `connection failed (${code || 'reset'})` : (e.message ?? String(err)));
  return { status, reason, detail, retryAfterMs: parseRetryAfter(retryAfter), transient };
}

/** The parts of a run a client works with. */
export interface DriveClientOptions {
  apiBaseUrl: string;
  auth: AccessTokenSource;
  bucket: TokenBucket;
  retry: RetryPolicy;
  signal: AbortSignal;
  log: ConnectorLogger;
  countRequest(): void;
  countRetry(): void;
}

/** The Drive API as the connector uses it. */
export class DriveClient {
  private readonly api: drive_v3.Drive;
  private readonly rootUrl: string;

  constructor(private readonly o: DriveClientOptions) {
    this.rootUrl = o.apiBaseUrl.endsWith('/') ? o.apiBaseUrl : `${o.apiBaseUrl}/`;
    this.api = drive({ version: 'v3' });
  }

  /** Time this client's requests waited for the pacing budget, in ms. */
  get waitedMs(): number {
    return Math.round(this.o.bucket.waitedMs);
  }

  /** Runs one Drive call under the pacing and retry policy. */
  async call<T>(label: string, run: (api: drive_v3.Drive, options: object) => Promise<{ data: T }>): Promise<T> {
    const { retry, signal, log } = this.o;
    let reauthorised = false;
    for (let attempt = 0; ; attempt++) {
      await this.o.bucket.take(signal);
      signal.throwIfAborted();
      let token: string | null = null;
      try {
        token = await this.o.auth.token();
        this.o.countRequest();
        // A per-call rootUrl keeps a proxy's path prefix (a client-level one would drop it).
        const options = { rootUrl: this.rootUrl, retry: false, signal, headers: { Authorization: `Bearer ${token}` } };
        return (await run(this.api, options)).data;
      } catch (err) {
        if (signal.aborted) throw signal.reason as Error;
        const c = classify(err);
        if (c.status === 401 && !reauthorised) {
          // The token died before its stated expiry (revoked, server restarted): fetch a fresh one once.
          reauthorised = true;
          if (token) this.o.auth.reset(token);
          this.o.countRetry();
          log.warn(`Drive refused the access token for ${label}; signing in again`);
          continue;
        }
        if (c.transient && attempt < retry.maxRetries) {
          const delay = backoffDelay(retry, attempt, c.retryAfterMs);
          this.o.countRetry();
          log.warn(`Drive ${label} failed (${c.status ?? 'network'}${c.reason ? ` ${c.reason}` : ''}); retrying`, {
            attempt: attempt + 1,
            delayMs: Math.round(delay),
          });
          await sleep(delay, signal);
          continue;
        }
        throw this.failure(label, c, attempt);
      }
    }
  }

  private failure(label: string, c: Classified, attempt: number): DriveApiError {
    const what = `Drive ${label} failed`;
    if (c.status === 403 && !c.transient) {
      return new DriveApiError(`${what}: permission denied (${c.reason ?? 'forbidden'}): ${c.detail}`, 403, c.reason);
    }
    if (c.status === 401)
      return new DriveApiError(`${what}: Google refused the sign-in (401): ${c.detail}`, 401, c.reason);
    const tries = attempt > 0 ? ` after ${attempt + 1} attempts` : '';
    const status = c.status === null ? '' : ` (HTTP ${c.status}${c.reason ? ` ${c.reason}` : ''})`;
    return new DriveApiError(`${what}${tries}${status}: ${c.detail}`, c.status, c.reason);
  }
}
