/**
 * Resilient calls for cloud connectors: a pacer per endpoint family in front of every request, a time limit on
 * each attempt, the service's circuit breaker and one retry policy around it all, reporting requests, retries,
 * waiting and bytes through callbacks (the sync context's counters).
 */
import type { ServiceBreaker } from './breaker.js';
import { TransientError } from './errors.js';
import { Pacer, type RateLimit, type WaitCause } from './pacer.js';
import { createRetryPolicy, type RetryInfo, type RetryOptions, type RetryPolicy } from './retry.js';

export {
  DEFAULT_BREAKER,
  isOutage,
  serviceBreaker,
  ServiceBreaker,
  ServiceUnavailableError,
  type BreakerOptions,
  type BreakerState,
} from './breaker.js';

export { Pacer, sleep, spacingMs, type RateLimit, type WaitCause } from './pacer.js';
export {
  backoffDelay,
  createRetryPolicy,
  isRetryable,
  RetryAfterTooLongError,
  type RetryInfo,
  type RetryOptions,
} from './retry.js';
export { isConnectionError, isTransientStatus, parseRetryAfter, TransientError } from './errors.js';

/** How long one attempt may take unless the caller says otherwise. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** What a caller is told about its traffic; every callback is optional. */
export interface ResilienceHooks<F extends string> {
  /** One request is about to be sent (first attempts and retries alike). */
  onRequest?(family: F): void;
  /** A failed request will be retried after `info.delayMs`. */
  onRetry?(family: F, info: RetryInfo): void;
  /** A request waited `ms` for its pacer (`pace`) or for a 429's Retry-After (`retryAfter`). */
  onWait?(family: F, ms: number, cause: WaitCause): void;
  /** A response body of `bytes` bytes arrived. */
  onBytes?(family: F, bytes: number): void;
}

/** What a caller does besides pacing and retrying. */
export interface CallerOptions {
  /** The service as people know it, for messages ("Autodesk"). */
  service?: string;
  /** Longest one attempt may take once it is sent, in ms; then it is retried as a dropped connection. Default 60 s. */
  timeoutMs?: number;
  /** The service's circuit breaker: every attempt passes it, so an outage fails calls at once. */
  breaker?: ServiceBreaker;
}

/** Paced, retried calls per endpoint family. */
export interface ResilientCaller<F extends string> {
  /**
   * Runs `fn` (one request) through the family's pacer, retrying transient failures. `fn` gets the attempt's
   * signal: aborted when `signal` aborts or the attempt runs out of time (which then counts as a transient
   * failure). With a breaker, an outage fails the call at once (`ServiceUnavailableError`).
   */
  call<T>(family: F, fn: (attemptSignal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Reports a response body of `bytes` bytes, for the run's metrics. */
  received(family: F, bytes: number): void;
  /** Total ms spent waiting, by cause, since the caller was made. */
  readonly waited: Record<WaitCause, number>;
  /** Releases the pacers' timers; call when the caller is no longer needed (e.g. at the end of a run). */
  close(): Promise<void>;
}

/** Builds a caller with one pacer per family in `limits` and one retry policy shared by all. */
export function createResilientCaller<F extends string>(
  limits: Record<F, RateLimit>,
  retry: RetryOptions = {},
  hooks: ResilienceHooks<F> = {},
  options: CallerOptions = {},
): ResilientCaller<F> {
  const { breaker, service = 'The service' } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const waited: Record<WaitCause, number> = { pace: 0, retryAfter: 0 };
  const pacers = new Map<F, Pacer>();
  for (const family of Object.keys(limits) as F[]) {
    pacers.set(
      family,
      new Pacer(limits[family], (ms, cause) => {
        waited[cause] += ms;
        hooks.onWait?.(family, ms, cause);
      }),
    );
  }
  const policies = new Map<F, RetryPolicy>();
  for (const [family, pacer] of pacers) {
    policies.set(
      family,
      createRetryPolicy(retry, (info) => {
        // A 429 means the whole family is over its limit: hold all of it, not just this request.
        if (info.retryAfterMs !== null) {
          pacer.holdFor(info.retryAfterMs);
          waited.retryAfter += info.delayMs;
          hooks.onWait?.(family, info.delayMs, 'retryAfter');
        }
        hooks.onRetry?.(family, info);
      }),
    );
  }
  return {
    waited,
    async close() {
      await Promise.all([...pacers.values()].map((pacer) => pacer.close()));
    },
    received(family: F, bytes: number) {
      hooks.onBytes?.(family, bytes);
    },
    call<T>(family: F, fn: (attemptSignal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
      const pacer = pacers.get(family);
      const policy = policies.get(family);
      if (!pacer || !policy) throw new Error(`No rate limit is configured for "${family}" requests.`);
      const timed = async () => {
        hooks.onRequest?.(family);
        // The clock starts once the pacer lets the request go: waiting for a turn is not the server's fault.
        const timeout = AbortSignal.timeout(timeoutMs);
        try {
          return await fn(signal ? AbortSignal.any([signal, timeout]) : timeout);
        } catch (error) {
          if (timeout.aborted && !signal?.aborted) {
            throw new TransientError(`${service} gave no answer within ${timeoutMs / 1000} s`, null);
          }
          throw error;
        }
      };
      // The breaker is asked when the pacer gives the request its turn: one that waited while the circuit opened
      // is refused then instead of being sent.
      const guarded = breaker ? () => breaker.execute(timed, signal) : timed;
      return policy.execute(() => pacer.schedule(guarded, signal), signal);
    },
  };
}
