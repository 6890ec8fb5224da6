/**
 * A pacer per endpoint family: requests start no faster than a published per-minute limit (with headroom),
 * optionally after an initial burst, and no more than `maxConcurrent` at once. Built on `bottleneck`.
 */
import Bottleneck from 'bottleneck';

/** The limit of one endpoint family, as the service publishes it. */
export interface RateLimit {
  /** Requests per minute the service allows. */
  perMinute: number;
  /**
   * Requests that may start at once before pacing applies (a token bucket of this size). Default 1: an even
   * stream, which never trips a sliding-window limit whatever its window length.
   */
  burst?: number;
  /** Share of the limit actually used, so clock skew and network jitter do not provoke a 429. Default 0.9. */
  headroom?: number;
  /** Requests in flight at once. Default: one second's worth of the limit, at least 8. */
  maxConcurrent?: number;
}

/** Why a caller waited before its request could start. */
export type WaitCause = 'pace' | 'retryAfter';

/** Called with each wait before a request started; lets a run total the time lost to rate limits. */
export type WaitListener = (ms: number, cause: WaitCause) => void;

/** The slowest a pacer gets after repeated 429s: one request a minute. */
const MAX_SPACING_MS = 60_000;
/** Shortest refill period of a token bucket, so that its heartbeat (5 ms at the fastest) keeps up. */
const MIN_REFILL_MS = 10;
/** Successful requests in a row after which a slowed pacer speeds up again by `RECOVERY_FACTOR`. */
const RECOVER_AFTER = 10;
const RECOVERY_FACTOR = 0.75;

// `heartbeatInterval` is a documented local-store option that the bundled typings leave out.
type LimiterOptions = Bottleneck.ConstructorOptions & { heartbeatInterval?: number };

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

/** Milliseconds between two request starts for a limit. */
export function spacingMs(limit: RateLimit): number {
  const headroom = limit.headroom ?? 0.9;
  if (!(limit.perMinute > 0) || !(headroom > 0 && headroom <= 1)) {
    throw new RangeError(`Invalid rate limit ${JSON.stringify(limit)}: perMinute > 0 and 0 < headroom <= 1`);
  }
  return 60_000 / (limit.perMinute * headroom);
}

/** Paces the requests of one endpoint family. */
export class Pacer {
  private readonly limiter: Bottleneck;
  /** Until when a 429's Retry-After holds every request of the family. */
  private heldUntil = 0;
  private minTime: number;
  /** The least spacing as configured, which a slowed pacer returns to. */
  private readonly baseMinTime: number;
  /** Requests that succeeded since the last slow-down or speed-up. */
  private successes = 0;

  constructor(
    readonly limit: RateLimit,
    private readonly onWait: WaitListener = () => undefined,
  ) {
    const spacing = spacingMs(limit);
    const burst = Math.max(1, Math.floor(limit.burst ?? 1));
    // A fast limit over slow answers needs that many in flight to be reached at all (100/s at 100 ms: 10).
    const maxConcurrent = Math.max(1, limit.maxConcurrent ?? Math.max(8, Math.ceil(limit.perMinute / 60)));
    // Bottleneck refills a bucket on its heartbeat, at most once a tick: a fast rate adds several tokens a tick.
    const perTick = Math.max(1, Math.ceil(MIN_REFILL_MS / spacing));
    const refillMs = Math.ceil(spacing * perTick);
    // An even stream keeps its fractional spacing: bottleneck adds `minTime` to the next start exactly, so 11.1 ms
    // averages 90/s where whole milliseconds (12 ms) would give 83/s.
    const options: LimiterOptions =
      burst === 1
        ? { maxConcurrent, minTime: spacing }
        : {
            // A token bucket: `burst` tokens, `perTick` more every `refillMs`; the heartbeat ticks twice as often.
            maxConcurrent,
            reservoir: burst,
            reservoirIncreaseAmount: perTick,
            reservoirIncreaseMaximum: burst,
            reservoirIncreaseInterval: refillMs,
            heartbeatInterval: Math.max(5, Math.min(250, Math.floor(refillMs / 2))),
          };
    this.minTime = options.minTime ?? 0;
    this.baseMinTime = this.minTime;
    this.limiter = new Bottleneck(options);
  }

  /**
   * Holds every request of this family for `ms` (a 429's Retry-After), including those already queued. The
   * first 429 of a hold also halves the pace for the rest of the run: the server's limit is lower than
   * configured (Autodesk lowers limits under load), and full speed would only earn more 429s. Every
   * `RECOVER_AFTER` successes in a row take a quarter of the slow-down back, so occasional 429s (a server's
   * hiccup, not its limit) cannot compound into a crawl.
   */
  holdFor(ms: number): void {
    const now = Date.now();
    if (now >= this.heldUntil) {
      this.setMinTime(Math.min(MAX_SPACING_MS, Math.max(this.minTime * 2, Math.ceil(spacingMs(this.limit) * 2))));
    }
    this.heldUntil = Math.max(this.heldUntil, now + ms);
  }

  private setMinTime(minTime: number): void {
    this.successes = 0;
    this.minTime = minTime;
    this.limiter.updateSettings({ minTime });
  }

  /** One request of the family succeeded: a slowed pacer earns its speed back step by step. */
  private succeeded(): void {
    if (this.minTime <= this.baseMinTime || ++this.successes < RECOVER_AFTER) return;
    const faster = Math.floor(this.minTime * RECOVERY_FACTOR);
    // Below the configured pace the bucket (or the base spacing) governs again.
    this.setMinTime(faster <= Math.max(this.baseMinTime, Math.ceil(spacingMs(this.limit))) ? this.baseMinTime : faster);
  }

  /** Current least time between two request starts, in ms (fractional at the configured pace). */
  get spacing(): number {
    return this.minTime;
  }

  /** Runs `fn` when the pace allows; rejects at once with the signal's reason when it aborts. */
  async schedule<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const queued = Date.now();
    const job = this.limiter.schedule(async () => {
      const paced = Date.now() - queued;
      if (paced > 0) this.onWait(paced, 'pace');
      // A held family waits inside its slot, so nothing else of the family starts before the hold ends.
      for (let held = this.heldUntil - Date.now(); held > 0; held = this.heldUntil - Date.now()) {
        this.onWait(held, 'retryAfter');
        await sleep(held, signal);
      }
      signal?.throwIfAborted();
      const result = await fn();
      this.succeeded();
      return result;
    });
    if (!signal) return job;
    job.catch(() => undefined);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
      job.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /** Requests waiting for their turn. */
  queued(): number {
    return this.limiter.queued();
  }

  /** Stops the bucket's refill timer, which otherwise runs as long as the process; call when done with the pacer. */
  close(): Promise<void> {
    return this.limiter.disconnect();
  }
}
