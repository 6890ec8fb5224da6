/**
 * Health monitoring: checks every endpoint that is not paused (credentials valid, source reachable) at
 * start and then periodically, keeps the last result per endpoint, and holds the schedule of an endpoint
 * whose credentials were refused (by a check or by a sync) until a sign-in or a sync succeeds.
 */
import type { Endpoint, EndpointHealth, HealthReport, SyncRun } from '../contract/model.js';
import type { EventMessage } from '../contract/wire.js';
import type { Logger } from '../logging/logger.js';
import { isAuthFailure } from './authErrors.js';

/** Default time between two rounds of checks. */
export const DEFAULT_HEALTH_INTERVAL_MS = 30 * 60_000;

export interface HealthMonitorDeps {
  endpoints: { list(): Endpoint[]; get(id: number): Endpoint | undefined };
  /** Runs the connector's own check (`checkHealth`); a throw counts as unhealthy. */
  check(endpoint: Endpoint): Promise<HealthReport>;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** An endpoint's health changed (to announce as `endpoints.changed`). */
  onChange(endpointId: number): void;
  /** The endpoint's hold was lifted (a sign-in, or a check that passed after refused credentials). */
  onReleased?(endpointId: number): void;
  intervalMs?: number;
}

interface Entry extends EndpointHealth {
  /** The endpoint's `updatedAt` when this was found: an edited endpoint is checked again. */
  definition: string;
}

export class HealthMonitor {
  private readonly results = new Map<number, Entry>();
  private readonly inFlight = new Map<number, Promise<EndpointHealth | null>>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private round: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly deps: HealthMonitorDeps) {}

  /** Checks every endpoint now, then every `intervalMs` (default 30 minutes). */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.checkAll(), this.deps.intervalMs ?? DEFAULT_HEALTH_INTERVAL_MS);
    // The monitor alone must not keep a headless process alive.
    this.timer.unref?.();
    void this.checkAll();
  }

  /** Stops the periodic checks; results stay readable. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get isStarted(): boolean {
    return this.timer !== null;
  }

  /** One round: every endpoint that is not paused, one after the other (gentle on rate-limited services). */
  checkAll(): Promise<void> {
    // A round still going when the next is due (slow network) is not doubled.
    this.round ??= (async () => {
      try {
        const endpoints = this.deps.endpoints.list();
        const ids = new Set(endpoints.map((e) => e.id));
        for (const id of this.results.keys()) if (!ids.has(id)) this.results.delete(id);
        for (const endpoint of endpoints) {
          if (this.stopped) return;
          if (!endpoint.paused) await this.check(endpoint.id);
        }
      } finally {
        this.round = null;
      }
    })();
    return this.round;
  }

  /** Checks one endpoint now (joining a check already under way); null if it does not exist. */
  check(endpointId: number): Promise<EndpointHealth | null> {
    const running = this.inFlight.get(endpointId);
    if (running) return running;
    const endpoint = this.deps.endpoints.get(endpointId);
    if (!endpoint) return Promise.resolve(null);
    const done = this.runCheck(endpoint).finally(() => this.inFlight.delete(endpointId));
    this.inFlight.set(endpointId, done);
    return done;
  }

  /** The last result for an endpoint, or null before its first check. */
  get(endpointId: number): EndpointHealth | null {
    const entry = this.results.get(endpointId);
    if (!entry) return null;
    const { definition: _definition, ...health } = entry;
    return health;
  }

  /** Whether the endpoint's automatic syncs wait for a new sign-in (its credentials were refused). */
  held(endpoint: Endpoint): boolean {
    const entry = this.results.get(endpoint.id);
    // An edited endpoint (new credentials, say) gets its chance; its new check decides.
    return Boolean(entry?.authFailed && entry.definition === endpoint.updatedAt);
  }

  /** Follows the core's events: sync outcomes, finished sign-ins, new and edited endpoints. */
  handle(message: EventMessage): void {
    if (this.stopped) return;
    if (message.event === 'sync.finished') this.noteRun(message.payload as SyncRun);
    else if (message.event === 'auth.progress') {
      const { endpointId, step } = message.payload as { endpointId: number; step: string };
      if (step === 'done') this.signedIn(endpointId);
    } else if (message.event === 'endpoints.changed') {
      const { endpointId } = message.payload as { endpointId: number | null };
      if (endpointId !== null && this.isStarted) this.recheckIfEdited(endpointId);
    }
  }

  /** A finished sync says as much as a check: refused credentials flag the endpoint, success clears it. */
  noteRun(run: SyncRun): void {
    const endpoint = this.deps.endpoints.get(run.endpointId);
    if (!endpoint) return;
    const at = run.finishedAt ?? new Date().toISOString();
    const before = this.results.get(run.endpointId);
    if (run.status === 'failed' && isAuthFailure(run.error)) {
      this.record(endpoint, { ok: false, message: run.error ?? 'The credentials were refused.', checkedAt: at });
    } else if ((run.status === 'success' || run.status === 'partial') && before && !before.ok) {
      this.record(endpoint, { ok: true, message: 'The last sync succeeded.', checkedAt: at });
    }
  }

  /** A sign-in finished: the hold is lifted at once and the endpoint checked again. */
  signedIn(endpointId: number): void {
    const entry = this.results.get(endpointId);
    if (entry?.authFailed) {
      this.results.delete(endpointId);
      this.deps.onChange(endpointId);
    }
    // Also when it had never signed in: what it missed meanwhile may run now.
    this.deps.onReleased?.(endpointId);
    void this.check(endpointId);
  }

  private recheckIfEdited(endpointId: number): void {
    const endpoint = this.deps.endpoints.get(endpointId);
    if (!endpoint || endpoint.paused || this.inFlight.has(endpointId)) return;
    const entry = this.results.get(endpointId);
    // New endpoints are checked at once; edited ones again (a fixed path or new credentials).
    if (!entry || entry.definition !== endpoint.updatedAt) void this.check(endpointId);
  }

  private async runCheck(endpoint: Endpoint): Promise<EndpointHealth | null> {
    let report: HealthReport;
    try {
      report = await this.deps.check(endpoint);
    } catch (error) {
      report = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    // Stopped (the catalog may be closed) or removed while it was checked: nothing to keep.
    if (this.stopped) return null;
    const current = this.deps.endpoints.get(endpoint.id);
    if (!current) return null;
    return this.record(current, {
      ok: report.ok,
      message: report.message,
      checkedAt: new Date().toISOString(),
      ...(report.quota ? { quota: report.quota } : {}),
    });
  }

  private record(endpoint: Endpoint, result: Omit<EndpointHealth, 'authFailed'>): EndpointHealth {
    const before = this.results.get(endpoint.id);
    // A sync's outcome or a failed check says nothing about storage: the last known quota stays.
    const quota = result.quota ?? before?.quota;
    const health: EndpointHealth = {
      ...result,
      authFailed: !result.ok && isAuthFailure(result.message),
      ...(quota ? { quota } : {}),
    };
    this.results.set(endpoint.id, { ...health, definition: endpoint.updatedAt });
    if (before?.ok !== health.ok || before.authFailed !== health.authFailed || before.message !== health.message) {
      const context = { endpointId: endpoint.id };
      if (!health.ok) this.deps.logger.warn(`"${endpoint.name}" is not healthy: ${health.message}`, context);
      else if (before && !before.ok) this.deps.logger.info(`"${endpoint.name}" is healthy again`, context);
      this.deps.onChange(endpoint.id);
    }
    if (before?.authFailed && !health.authFailed) this.deps.onReleased?.(endpoint.id);
    return health;
  }
}
