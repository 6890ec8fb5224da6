/**
 * A circuit breaker per service (built on cockatiel's): after a run of server errors and dropped or timed-out
 * connections, every request to that service fails at once for a cooldown, instead of each one spending its
 * retries on a service that is down; then one request probes whether it is back, and the others wait for its
 * answer. One breaker serves every endpoint and run of the process that talks to the same service.
 */
import { BrokenCircuitError, circuitBreaker, CircuitState, ConsecutiveBreaker, handleWhen } from 'cockatiel';
import { isConnectionError, TransientError } from './errors.js';

/** When a breaker opens and how long it stays open. */
export interface BreakerOptions {
  /** Outage failures in a row that open the circuit. Default 5. */
  threshold?: number;
  /** How long an open circuit refuses requests before one probe may go through, in ms. Default 30 s. */
  halfOpenAfterMs?: number;
}

export const DEFAULT_BREAKER: Required<BreakerOptions> = { threshold: 5, halfOpenAfterMs: 30_000 };

/** A request was refused without being sent: the service is down and its circuit is open. */
export class ServiceUnavailableError extends Error {
  constructor(
    /** The service as people know it, with its host, e.g. "Autodesk (developer.api.autodesk.com)". */
    readonly service: string,
    /** When a probe request may go out again. */
    readonly retryAt: Date,
    failures: number,
    lastFailure: string,
  ) {
    const seconds = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000));
    super(
      `${service} is unavailable: ${failures} requests in a row failed (last: ${lastFailure}). ` +
        `It will be tried again from ${retryAt.toISOString()} (in ${seconds} s).`,
    );
    this.name = 'ServiceUnavailableError';
  }
}

/** Failures that say the service itself is in trouble: 5xx, dropped or timed-out connections, cut-off answers. */
export function isOutage(error: unknown): boolean {
  if (error instanceof TransientError) return error.status === null || error.status >= 500;
  return isConnectionError(error);
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** The breaker of one service. */
export class ServiceBreaker {
  private readonly policy;
  private openedAt = 0;
  private lastFailure = 'unknown error';

  constructor(
    readonly service: string,
    readonly options: Required<BreakerOptions>,
  ) {
    this.policy = circuitBreaker(handleWhen(isOutage), {
      halfOpenAfter: options.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.threshold),
    });
    this.policy.onBreak((reason) => {
      this.openedAt = Date.now();
      if ('error' in reason) this.lastFailure = reason.error.message;
    });
  }

  get state(): BreakerState {
    const state = this.policy.state;
    if (state === CircuitState.Closed) return 'closed';
    return state === CircuitState.HalfOpen ? 'half-open' : 'open';
  }

  /** When an open circuit lets a probe through; null while closed. */
  get retryAt(): Date | null {
    return this.state === 'closed' ? null : new Date(this.openedAt + this.options.halfOpenAfterMs);
  }

  /** Runs one request, or throws `ServiceUnavailableError` at once while the circuit is open. */
  async execute<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    try {
      return await this.policy.execute(() => fn(), signal);
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new ServiceUnavailableError(
          this.service,
          this.retryAt ?? new Date(),
          this.options.threshold,
          this.lastFailure,
        );
      }
      throw error;
    }
  }
}

const breakers = new Map<string, ServiceBreaker>();

/**
 * The breaker shared by every caller of `service` at `origin` in this process (the first caller's options
 * apply). `service` names it for people ("Google Drive"); the origin tells two servers of one kind apart.
 */
export function serviceBreaker(service: string, origin: string, options: BreakerOptions = {}): ServiceBreaker {
  const key = `${service}|${origin}`;
  let breaker = breakers.get(key);
  if (!breaker) {
    const host = URL.canParse(origin) ? new URL(origin).host : origin;
    breaker = new ServiceBreaker(`${service} (${host})`, { ...DEFAULT_BREAKER, ...options });
    breakers.set(key, breaker);
  }
  return breaker;
}
