/**
 * An opt-in model of a cloud service's traffic for the fakes: each answer takes `baseMs + perItemMs * items`
 * from the request's arrival, and a token bucket (rate, burst) rejects requests beyond the quota. Off unless a
 * fake is built with one, so the tests that do not ask see an instant, unlimited server.
 */

/** How long answers take. */
export interface LatencyModel {
  /** Every answer, whatever its size. */
  baseMs: number;
  /** Added for each entry the answer lists (files, changes, folder contents). */
  perItemMs?: number;
}

/** A request quota: `perSecond` sustained, `burst` at once. */
export interface QuotaModel {
  perSecond: number;
  burst: number;
}

/** A token bucket: full at start, refilled continuously. */
export class TokenBucket {
  private tokens: number;
  private at = performance.now();

  constructor(readonly quota: QuotaModel) {
    if (!(quota.perSecond > 0) || !(quota.burst >= 1)) {
      throw new RangeError(`Invalid quota ${JSON.stringify(quota)}: perSecond > 0 and burst >= 1`);
    }
    this.tokens = quota.burst;
  }

  /** Takes a token and returns 0, or returns the ms until one is available (and takes nothing). */
  take(now = performance.now()): number {
    this.tokens = Math.min(this.quota.burst, this.tokens + ((now - this.at) / 1000) * this.quota.perSecond);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return ((1 - this.tokens) / this.quota.perSecond) * 1000;
  }
}

/** What a fake with a model counts (requests it answered and those it refused for rate). */
export interface TrafficCounts {
  requests: number;
  rejected: number;
}

/** Milliseconds still to wait before answering, so that the answer leaves `latency` after `arrivedAt`. */
export function remainingLatency(latency: LatencyModel | undefined, items: number, arrivedAt: number): number {
  if (!latency) return 0;
  const due = arrivedAt + latency.baseMs + (latency.perItemMs ?? 0) * items;
  return Math.max(0, due - performance.now());
}

/** Resolves after `ms` (at once for 0). */
export function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
