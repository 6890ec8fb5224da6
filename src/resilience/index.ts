/**
 * Resilient calls for cloud connectors: a pacer per endpoint family in front of every request, and one retry
 * policy around it, reporting requests, retries and waiting through callbacks (the sync context's counters).
 */
import { Pacer, type RateLimit, type WaitCause } from './pacer.js';
import { createRetryPolicy, type RetryInfo, type RetryOptions, type RetryPolicy } from './retry.js';

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

/** What a caller is told about its traffic; every callback is optional. */
export interface ResilienceHooks<F extends string> {
  /** One request is about to be sent (first attempts and retries alike). */
  onRequest?(family: F): void;
  /** A failed request will be retried after `info.delayMs`. */
  onRetry?(family: F, info: RetryInfo): void;
  /** A request waited `ms` for its pacer (`pace`) or for a 429's Retry-After (`retryAfter`). */
  onWait?(family: F, ms: number, cause: WaitCause): void;
}

/** Paced, retried calls per endpoint family. */
export interface ResilientCaller<F extends string> {
  /** Runs `fn` (one request) through the family's pacer, retrying transient failures. */
  call<T>(family: F, fn: () => Promise<T>, signal?: AbortSignal): Promise<T>;
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
): ResilientCaller<F> {
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
    call<T>(family: F, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      const pacer = pacers.get(family);
      const policy = policies.get(family);
      if (!pacer || !policy) throw new Error(`No rate limit is configured for "${family}" requests.`);
      return policy.execute(
        () =>
          pacer.schedule(() => {
            hooks.onRequest?.(family);
            return fn();
          }, signal),
        signal,
      );
    },
  };
}
