/** How long an endpoint that keeps failing waits before its next automatic attempt. */

export interface BackoffPolicy {
  /** Wait after the first failure. */
  baseMs: number;
  /** Longest wait, however many failures. */
  maxMs: number;
}

/** One minute after the first failure, doubling up to six hours. */
export const defaultBackoff: BackoffPolicy = { baseMs: 60_000, maxMs: 6 * 3_600_000 };

/** The wait after `failures` consecutive failures (1 or more): base × 2^(failures−1), capped. */
export function backoffDelayMs(failures: number, policy: BackoffPolicy = defaultBackoff): number {
  if (failures < 1) return 0;
  // Capping the exponent first keeps the number finite for endpoints that failed thousands of times.
  return Math.min(policy.baseMs * 2 ** Math.min(failures - 1, 40), policy.maxMs);
}
