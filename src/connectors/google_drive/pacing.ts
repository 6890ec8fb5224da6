/**
 * The connector's one pacing and retry policy: a token bucket in front of every Drive request, and truncated
 * exponential backoff with jitter for the errors Drive documents as transient.
 */

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A token bucket: `burst` requests at once, then `ratePerSecond` sustained. Waiters are served in order. */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();
  private queue: Promise<void> = Promise.resolve();
  /** Total time callers spent waiting for a token, in ms. */
  waitedMs = 0;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }

  /** Waits until a request may be sent. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(async () => {
      this.refill();
      if (this.tokens < 1) {
        const wait = Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
        this.waitedMs += wait;
        await sleep(wait, signal);
        this.refill();
      }
      this.tokens -= 1;
    });
    // A cancelled waiter must not block those behind it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}

/** How often and how patiently transient failures are retried. */
export interface RetryPolicy {
  /** Retries after the first attempt, for transient errors. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxJitterMs: number;
}

/** Google's recommendation: 1 s, 2 s, 4 s, ... plus up to 1 s of jitter, capped. */
export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 6,
  baseDelayMs: 1000,
  maxDelayMs: 64_000,
  maxJitterMs: 1000,
};

/** How long to wait before retry number `attempt` (0-based), honouring a server's Retry-After. */
export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterMs: number | null): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, policy.maxDelayMs);
  const exp = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs);
  return exp + Math.random() * policy.maxJitterMs;
}

/** Reads a Retry-After header (seconds or an HTTP date) as milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
