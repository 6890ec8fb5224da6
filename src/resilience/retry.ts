/**
 * The retry policy: exponential backoff with jitter for transient failures, the full Retry-After for a 429,
 * a bounded number of attempts, and every other error passed through at once. Built on `cockatiel`.
 */
import { DelegateBackoff, handleWhen, retry, type IRetryBackoffContext } from 'cockatiel';
import { isConnectionError, TransientError } from './errors.js';

/** Retry settings; the defaults suit Autodesk's and Google's published guidance. */
export interface RetryOptions {
  /** Attempts in all, the first included. Default 6. */
  maxAttempts?: number;
  /** First backoff in ms, doubled at each retry. Default 1000. */
  baseDelayMs?: number;
  /** Longest backoff in ms (not applied to Retry-After). Default 32000. */
  maxDelayMs?: number;
  /** A Retry-After longer than this fails the request instead of stalling the run. Default 5 minutes. */
  maxRetryAfterMs?: number;
  /**
   * Additive jitter: each backoff is the full exponential delay plus up to this many ms at random (Google's
   * recommendation: 1 s, 2 s, 4 s, ... plus up to 1 s). Unset: "equal jitter", between half and all of the
   * exponential delay.
   */
  jitterMs?: number;
}

/** What the policy tells its caller before each retry. */
export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  /** The error that caused the retry. */
  error: Error;
  /** The server's Retry-After in ms, when the delay honours one. */
  retryAfterMs: number | null;
}

/** Runs a call with retries. */
export interface RetryPolicy {
  execute<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/** True for the errors the policy retries: `TransientError` and dropped connections. */
export function isRetryable(error: unknown): boolean {
  return error instanceof TransientError || isConnectionError(error);
}

/** Thrown when a server asks for a longer wait than the policy accepts. */
export class RetryAfterTooLongError extends Error {
  constructor(
    readonly retryAfterMs: number,
    options?: ErrorOptions,
  ) {
    super(
      `The server asked to wait ${Math.ceil(retryAfterMs / 1000)} s before trying again; try again later.`,
      options,
    );
    this.name = 'RetryAfterTooLongError';
  }
}

/**
 * The wait before retry number `attempt` (1 for the first): the full Retry-After when the server sent one (plus a
 * little jitter, so that held requests do not all return at the same instant), else capped exponential backoff
 * with jitter.
 */
export function backoffDelay(options: RetryOptions, attempt: number, retryAfterMs: number | null): number {
  const base = options.baseDelayMs ?? 1000;
  if (retryAfterMs !== null) return retryAfterMs + Math.random() * Math.min(250, base);
  const exp = Math.min(options.maxDelayMs ?? 32_000, base * 2 ** (attempt - 1));
  if (options.jitterMs !== undefined) return exp + Math.random() * Math.max(0, options.jitterMs);
  // "Equal jitter": at least half the exponential delay, so retries still back off.
  return exp / 2 + (Math.random() * exp) / 2;
}

/**
 * Builds a retry policy. `onRetry` runs before each backoff (the caller counts retries and holds its pacer for
 * a Retry-After there).
 */
export function createRetryPolicy(options: RetryOptions = {}, onRetry?: (info: RetryInfo) => void): RetryPolicy {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 6);
  const maxRetryAfter = options.maxRetryAfterMs ?? 300_000;
  const delayOf = (attempt: number, error: unknown): number =>
    backoffDelay(options, attempt, error instanceof TransientError ? error.retryAfterMs : null);
  const policy = retry(handleWhen(isRetryable), {
    // cockatiel counts retries, not attempts.
    maxAttempts: maxAttempts - 1,
    backoff: new DelegateBackoff((ctx: IRetryBackoffContext<unknown>) =>
      delayOf(ctx.attempt, 'error' in ctx.result ? ctx.result.error : undefined),
    ),
  });
  policy.onRetry((event) => {
    if (!('error' in event)) return;
    const retryAfterMs = event.error instanceof TransientError ? event.error.retryAfterMs : null;
    onRetry?.({ attempt: event.attempt, delayMs: event.delay, error: event.error, retryAfterMs });
  });
  return {
    execute: <T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
      const run = policy.execute(async () => {
        try {
          return await fn();
        } catch (error) {
          if (error instanceof TransientError && error.retryAfterMs !== null && error.retryAfterMs > maxRetryAfter) {
            throw new RetryAfterTooLongError(error.retryAfterMs, { cause: error });
          }
          throw error;
        }
      }, signal);
      return signal ? abortable(run, signal) : run;
    },
  };
}

/** `promise`, or its signal's reason as soon as it aborts (cockatiel does not cut a backoff short). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
