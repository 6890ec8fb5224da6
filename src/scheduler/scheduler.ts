/**
 * The scheduler: starts each endpoint's syncs on its schedule (interval, cron, startup, webhook),
 * at most one run per endpoint and at most `maxConcurrentSyncs` in all, in a fair first-come queue.
 * A trigger that arrives while its endpoint runs or waits is folded into one follow-up run. Manual
 * "Sync now" goes through the same queue, so the limit holds for every run the core starts.
 */
import nodeSchedule from 'node-schedule';
import type { Job } from 'node-schedule';
import type { Endpoint, EndpointSummary, RunTrigger, ScheduleState, SyncRun } from '../contract/model.js';
import { ContractError } from '../contract/wire.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Logger } from '../logging/logger.js';
import type { SyncEngine } from '../sync/engine.js';
import { backoffDelayMs, defaultBackoff, type BackoffPolicy } from './backoff.js';
import { schedulerSettingsSchema, type SchedulerSettings } from './settings.js';
import { cronProblem, intervalMs, isOverdue, jitterMs } from './timing.js';

/** An endpoint's schedule as front ends show it. */
export type EndpointScheduleInfo = Pick<
  EndpointSummary,
  'scheduleState' | 'nextRunAt' | 'consecutiveFailures' | 'queued'
>;

export interface SchedulerDeps {
  catalog: Catalog;
  engine: SyncEngine;
  logger: Logger;
  settings?: Partial<SchedulerSettings>;
  /** Called with the new settings whenever pause-all or the limit changes, to keep them. */
  saveSettings?: (settings: SchedulerSettings) => void;
  /** Whether an endpoint can sync unattended (false while it waits for a sign-in). */
  ready?: (endpoint: Endpoint) => Promise<boolean>;
  /** Something about these endpoints' schedules changed (null: all of them). */
  onChange?: (endpointId: number | null) => void;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** Timers that run only while the schedules are armed (renewing Drive watch channels). */
  companions?: { start(): void; stop(): void }[];
}

/** What became of a trigger. */
export interface TriggerResult {
  /** The run it started, or null when it waits in the queue or joined a waiting run. */
  runId: number | null;
  queued: boolean;
  /** It joined a run that was already waiting. */
  coalesced: boolean;
}

interface Slot {
  endpoint: Endpoint;
  /** The cron job, or the one-shot job of the next interval run. */
  timer: Job | null;
  intervalAt: Date | null;
  /** The one-shot job of a backoff retry. */
  retry: Job | null;
  failures: number;
  backoffUntil: Date | null;
  pending: { trigger: RunTrigger; full: boolean } | null;
  running: { runId: number; done: Promise<SyncRun> } | null;
  lastRunAt: Date | null;
  /** An automatic run skipped because the endpoint waited for a sign-in; it happens once the hold lifts. */
  missedWhileHeld: RunTrigger | null;
}

const definitionKey = (e: Endpoint) => JSON.stringify([e.schedule, e.paused, e.updatedAt]);

export class Scheduler {
  private readonly slots = new Map<number, Slot>();
  /** Endpoints with a pending run, first come first served; each at most once. */
  private order: number[] = [];
  private active = 0;
  private started = false;
  private stopped = false;
  private settings: SchedulerSettings;
  private idleWaiters: (() => void)[] = [];
  /** Triggers still deciding whether to run (waiting to hear whether the endpoint is signed in). */
  private deciding = 0;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;

  constructor(private readonly deps: SchedulerDeps) {
    this.settings = schedulerSettingsSchema.parse(deps.settings ?? {});
    this.backoff = deps.backoff ?? defaultBackoff;
    this.random = deps.random ?? Math.random;
  }

  /** Arms every schedule; runs `startup` schedules once, and each overdue interval or cron schedule once. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    for (const endpoint of this.deps.catalog.endpoints.list()) {
      if (!this.slots.has(endpoint.id)) this.slots.set(endpoint.id, this.newSlot(endpoint));
    }
    for (const slot of this.slots.values()) this.arm(slot);
    for (const slot of this.slots.values()) {
      if (slot.endpoint.schedule.type === 'startup') void this.fire(slot.endpoint.id, 'startup');
    }
    this.catchUp();
    for (const companion of this.deps.companions ?? []) companion.start();
    this.deps.logger.info(`Scheduler started: ${this.slots.size} endpoint(s), at most ${this.limit} syncs at once`);
  }

  /** Disarms every schedule and forgets waiting runs; running syncs are the engine's to stop. */
  stop(): void {
    this.stopped = true;
    for (const companion of this.deps.companions ?? []) companion.stop();
    for (const slot of this.slots.values()) this.disarm(slot);
    for (const slot of this.slots.values()) slot.pending = null;
    this.order = [];
    this.settle();
  }

  /**
   * Runs, once, every schedule that missed a run (the machine slept, or the app was closed), and
   * re-arms the timers from now. Call it when the system resumes. Returns how many it triggered.
   */
  catchUp(): number {
    if (!this.started || this.stopped) return 0;
    const now = new Date();
    let triggered = 0;
    for (const slot of this.slots.values()) {
      if (!this.automatic(slot)) continue;
      const retryDue = slot.backoffUntil !== null && slot.backoffUntil <= now;
      const missed = slot.backoffUntil === null && isOverdue(slot.endpoint.schedule, slot.lastRunAt, now);
      // Timers may have slept with the machine: arm them afresh so a stale one cannot fire a second run.
      this.arm(slot);
      if (retryDue) {
        // The retry happens now, not again a moment later from the freshly armed timer.
        slot.retry?.cancel();
        slot.retry = null;
      }
      if ((retryDue || missed) && !slot.running && !slot.pending) {
        void this.fire(slot.endpoint.id, 'schedule', { retry: retryDue });
        triggered++;
      }
    }
    if (triggered) this.deps.logger.info(`Catching up: ${triggered} endpoint(s) missed a scheduled sync`);
    return triggered;
  }

  /**
   * Asks for a run of an endpoint, now or as soon as the endpoint and a slot are free. Ignores
   * pauses and backoff: callers that must respect them (timers, hooks) use `fire`.
   */
  request(endpointId: number, trigger: RunTrigger, options: { full?: boolean } = {}): TriggerResult {
    if (this.stopped) throw new ContractError({ code: 'conflict', message: 'File Connector is shutting down.' });
    const slot = this.slotOf(endpointId);
    const full = options.full ?? false;
    if (slot.pending) {
      slot.pending.full ||= full;
      // A person asked: the follow-up is theirs, so it shows as manual.
      if (trigger === 'manual') slot.pending.trigger = 'manual';
      return { runId: null, queued: true, coalesced: true };
    }
    slot.pending = { trigger, full };
    this.order.push(endpointId);
    if (this.deps.engine.isRunning(endpointId) && !slot.running) {
      // Started outside the scheduler: go on once it is done.
      void this.deps.engine.settled(endpointId).then(() => this.pump());
    }
    this.pump();
    this.deps.onChange?.(endpointId);
    if (slot.pending) return { runId: null, queued: true, coalesced: false };
    return { runId: slot.running?.runId ?? null, queued: false, coalesced: false };
  }

  /**
   * An automatic trigger (timer, hook, catch-up): skipped while the endpoint or everything is
   * paused, held back while the endpoint backs off after failures, and when it waits for a sign-in.
   */
  async fire(
    endpointId: number,
    trigger: RunTrigger,
    options: { retry?: boolean } = {},
  ): Promise<TriggerResult | null> {
    const slot = this.slots.get(endpointId);
    if (!slot || this.stopped || !this.started) return null;
    const log = this.deps.logger.child({ endpointId });
    if (this.settings.pausedAll || slot.endpoint.paused) {
      log.debug(`Skipped a ${trigger} sync of "${slot.endpoint.name}": syncing is paused`);
      return null;
    }
    if (!options.retry && slot.backoffUntil && slot.backoffUntil > new Date()) {
      // The retry is already planned; the trigger is folded into it rather than hammering a failing source.
      log.debug(`Held back a ${trigger} sync of "${slot.endpoint.name}" until ${slot.backoffUntil.toISOString()}`);
      return null;
    }
    if (this.deps.ready) {
      this.deciding++;
      let ready: boolean;
      try {
        ready = await this.deps.ready(slot.endpoint);
      } finally {
        this.deciding--;
      }
      if (!ready) {
        log.warn(`Skipped a ${trigger} sync of "${slot.endpoint.name}": it needs a sign-in first`);
        slot.missedWhileHeld ??= trigger;
        this.settle();
        return null;
      }
    }
    if (!this.slots.has(endpointId) || this.stopped) {
      this.settle();
      return null;
    }
    const result = this.request(endpointId, trigger);
    this.settle();
    return result;
  }

  /** Brings one endpoint (or, with null, every endpoint) in line with the catalog; unchanged ones are left alone. */
  reload(endpointId: number | null = null): void {
    const ids =
      endpointId === null
        ? [...this.slots.keys(), ...this.deps.catalog.endpoints.list().map((e) => e.id)]
        : [endpointId];
    let changed = false;
    for (const id of new Set(ids)) {
      const endpoint = this.deps.catalog.endpoints.get(id);
      const slot = this.slots.get(id);
      if (!endpoint) {
        if (slot) {
          this.discard(id);
          this.disarm(slot);
          this.slots.delete(id);
          changed = true;
        }
        continue;
      }
      if (slot && definitionKey(slot.endpoint) === definitionKey(endpoint)) {
        slot.endpoint = endpoint;
        continue;
      }
      changed = true;
      const wasPaused = slot?.endpoint.paused ?? false;
      const next = slot ?? this.newSlot(endpoint);
      next.endpoint = endpoint;
      this.slots.set(id, next);
      if (endpoint.paused) this.dropAutomatic(next);
      if (this.started && !this.stopped) {
        this.arm(next);
        // Resuming an endpoint catches up what it missed while paused, once.
        if (wasPaused && !endpoint.paused && isOverdue(endpoint.schedule, next.lastRunAt, new Date())) {
          void this.fire(id, 'schedule');
        }
      }
    }
    if (changed) this.deps.onChange?.(endpointId);
  }

  /**
   * The endpoint's hold was lifted (a sign-in, or a check that passed after refused credentials): a run it
   * missed while held happens once now, as after a pause, instead of waiting for the next timer.
   */
  released(endpointId: number): void {
    const slot = this.slots.get(endpointId);
    const missed = slot?.missedWhileHeld;
    if (!slot || !missed || !this.started || this.stopped) return;
    slot.missedWhileHeld = null;
    if (slot.running || slot.pending) return;
    this.deps.logger.info(`"${slot.endpoint.name}" can sync again: running the sync it missed`, {
      endpointId,
    });
    void this.fire(endpointId, missed);
  }

  /** Forgets an endpoint's waiting run (before it is removed). */
  discard(endpointId: number): void {
    const slot = this.slots.get(endpointId);
    if (slot) slot.pending = null;
    this.order = this.order.filter((id) => id !== endpointId);
    this.settle();
  }

  /** Holds every automatic sync until `resumeAll`; kept across restarts. */
  pauseAll(): void {
    this.update({ pausedAll: true });
    for (const slot of this.slots.values()) {
      this.disarm(slot);
      this.dropAutomatic(slot);
    }
    this.deps.logger.info('Syncing paused');
    this.deps.onChange?.(null);
  }

  /** Lifts `pauseAll`, re-arms every schedule and catches up what was missed, once. */
  resumeAll(): void {
    this.update({ pausedAll: false });
    this.deps.logger.info('Syncing resumed');
    this.catchUp();
    this.deps.onChange?.(null);
  }

  /** Changes the global limit; takes effect for the next run to start. */
  setMaxConcurrentSyncs(limit: number): void {
    this.update({ maxConcurrentSyncs: limit });
    this.pump();
  }

  /** Timers are armed (the desktop app and `serve`); a scheduler that is not started still queues requests. */
  get isStarted(): boolean {
    return this.started && !this.stopped;
  }

  get pausedAll(): boolean {
    return this.settings.pausedAll;
  }

  get limit(): number {
    return this.settings.maxConcurrentSyncs;
  }

  /** Runs started by the scheduler that are still going. */
  get running(): number {
    return this.active;
  }

  /** Endpoints waiting for their turn, in order. */
  get queue(): number[] {
    return [...this.order];
  }

  /** The endpoint's schedule state, next run time and failure count. */
  info(endpoint: Endpoint): EndpointScheduleInfo {
    const slot = this.slots.get(endpoint.id);
    const base = { consecutiveFailures: slot?.failures ?? 0, queued: Boolean(slot?.pending) };
    if (endpoint.paused || this.settings.pausedAll) return { ...base, scheduleState: 'paused', nextRunAt: null };
    if (slot?.backoffUntil && endpoint.schedule.type !== 'manual') {
      return { ...base, scheduleState: 'backing-off', nextRunAt: slot.backoffUntil.toISOString() };
    }
    const next = slot?.intervalAt ?? (endpoint.schedule.type === 'cron' ? slot?.timer?.nextInvocation() : null);
    return {
      ...base,
      scheduleState: staticState(endpoint),
      nextRunAt: next ? new Date(next.getTime()).toISOString() : null,
    };
  }

  /** Resolves when nothing the scheduler started is running, waiting, or about to be queued. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private newSlot(endpoint: Endpoint): Slot {
    const recent = this.deps.catalog.runs.list({ endpointId: endpoint.id, limit: 50, offset: 0 });
    const failures = recent.findIndex((r) => r.status !== 'failed');
    const count = failures === -1 ? recent.length : failures;
    const lastFailed = count > 0 ? recent[0] : undefined;
    const failedAt = lastFailed ? Date.parse(lastFailed.finishedAt ?? lastFailed.startedAt) : 0;
    return {
      endpoint,
      timer: null,
      intervalAt: null,
      retry: null,
      failures: count,
      backoffUntil:
        count > 0 && endpoint.schedule.type !== 'manual'
          ? new Date(failedAt + backoffDelayMs(count, this.backoff))
          : null,
      pending: null,
      running: null,
      lastRunAt: recent[0] ? new Date(recent[0].startedAt) : null,
      missedWhileHeld: null,
    };
  }

  /** Whether the endpoint syncs by itself on a timer (interval or cron), now. */
  private automatic(slot: Slot): boolean {
    const type = slot.endpoint.schedule.type;
    return !this.settings.pausedAll && !slot.endpoint.paused && type !== 'manual';
  }

  private arm(slot: Slot): void {
    this.disarm(slot);
    if (!this.automatic(slot)) return;
    const { schedule, id } = slot.endpoint;
    if (schedule.type === 'cron') {
      const problem = cronProblem(schedule.expression, schedule.timezone);
      if (problem) {
        this.deps.logger.error(`"${slot.endpoint.name}" will not sync on its schedule: ${problem}`, { endpointId: id });
        return;
      }
      const spec = { rule: schedule.expression, ...(schedule.timezone ? { tz: schedule.timezone } : {}) };
      slot.timer = nodeSchedule.scheduleJob(spec, () => void this.fire(id, 'schedule'));
    } else if (schedule.type === 'interval') {
      const period = intervalMs(schedule);
      const due = slot.lastRunAt ? slot.lastRunAt.getTime() + period : Date.now();
      this.armInterval(slot, Math.max(due, Date.now()) + jitterMs(period, this.random));
    }
    if (slot.backoffUntil) this.armRetry(slot);
  }

  private armInterval(slot: Slot, at: number): void {
    slot.timer?.cancel();
    slot.intervalAt = new Date(at);
    slot.timer = nodeSchedule.scheduleJob(slot.intervalAt, () => {
      const schedule = slot.endpoint.schedule;
      // The next one is planned first, so a run that is skipped or fails cannot stop the cadence.
      if (schedule.type === 'interval') {
        const period = intervalMs(schedule);
        this.armInterval(slot, Date.now() + period + jitterMs(period, this.random));
      }
      void this.fire(slot.endpoint.id, 'schedule');
    });
  }

  private armRetry(slot: Slot): void {
    slot.retry?.cancel();
    slot.retry = null;
    if (!slot.backoffUntil || !this.automatic(slot) || !this.started) return;
    const at = new Date(Math.max(slot.backoffUntil.getTime(), Date.now() + 1));
    slot.retry = nodeSchedule.scheduleJob(at, () => {
      slot.retry = null;
      void this.fire(slot.endpoint.id, 'schedule', { retry: true });
    });
  }

  private disarm(slot: Slot): void {
    slot.timer?.cancel();
    slot.retry?.cancel();
    slot.timer = null;
    slot.retry = null;
    slot.intervalAt = null;
  }

  /** Drops a waiting automatic run (a paused endpoint keeps only what a person asked for). */
  private dropAutomatic(slot: Slot): void {
    if (slot.pending && slot.pending.trigger !== 'manual') this.discard(slot.endpoint.id);
  }

  private slotOf(endpointId: number): Slot {
    let slot = this.slots.get(endpointId);
    if (!slot) {
      const endpoint = this.deps.catalog.endpoints.get(endpointId);
      if (!endpoint) throw new ContractError({ code: 'not_found', message: `No endpoint with id ${endpointId}.` });
      slot = this.newSlot(endpoint);
      this.slots.set(endpointId, slot);
    }
    return slot;
  }

  /** Starts waiting runs, oldest first, while slots are free; an endpoint still running waits its turn. */
  private pump(): void {
    while (this.active < this.limit) {
      const index = this.order.findIndex((id) => !this.slots.get(id)?.running && !this.deps.engine.isRunning(id));
      if (index < 0) break;
      const [id] = this.order.splice(index, 1) as [number];
      const slot = this.slots.get(id)!;
      const pending = slot.pending!;
      slot.pending = null;
      this.launch(slot, pending);
    }
    this.settle();
  }

  private launch(slot: Slot, pending: { trigger: RunTrigger; full: boolean }): void {
    const { id, name } = slot.endpoint;
    let started: { runId: number; done: Promise<SyncRun> };
    try {
      started = this.deps.engine.start(id, pending);
    } catch (error) {
      this.deps.logger.warn(`Could not start a ${pending.trigger} sync of "${name}": ${String(error)}`, {
        endpointId: id,
      });
      return;
    }
    this.active++;
    slot.running = started;
    slot.lastRunAt = new Date();
    // Any run covers one missed while the endpoint was held.
    slot.missedWhileHeld = null;
    const schedule = slot.endpoint.schedule;
    if (schedule.type === 'interval' && this.automatic(slot) && this.started) {
      // Any run resets the cadence: the next automatic one is a full period after this one.
      const period = intervalMs(schedule);
      this.armInterval(slot, Date.now() + period + jitterMs(period, this.random));
    }
    void started.done
      .then((run) => this.finished(slot, run))
      .catch((error: unknown) => this.deps.logger.error(`Sync of "${name}" ended unexpectedly: ${String(error)}`))
      .finally(() => {
        this.active--;
        slot.running = null;
        if (!this.stopped) this.pump();
        this.settle();
      });
  }

  private finished(slot: Slot, run: SyncRun): void {
    const log = this.deps.logger.child({ endpointId: slot.endpoint.id, runId: run.id });
    if (run.status === 'failed') {
      slot.failures++;
      if (slot.endpoint.schedule.type !== 'manual') {
        const delay = backoffDelayMs(slot.failures, this.backoff);
        slot.backoffUntil = new Date(Date.now() + delay);
        this.armRetry(slot);
        // A trigger that came in during the failed run is folded into the retry instead of hammering the source.
        this.dropAutomatic(slot);
        log.warn(
          `"${slot.endpoint.name}" failed ${slot.failures} time(s) in a row; next automatic try in ${Math.round(delay / 1000)} s`,
        );
      }
    } else if (run.status === 'success' || run.status === 'partial') {
      slot.failures = 0;
      slot.backoffUntil = null;
      slot.retry?.cancel();
      slot.retry = null;
    }
    this.deps.onChange?.(slot.endpoint.id);
  }

  private update(change: Partial<SchedulerSettings>): void {
    this.settings = schedulerSettingsSchema.parse({ ...this.settings, ...change });
    this.deps.saveSettings?.(this.settings);
  }

  private isIdle(): boolean {
    return this.active === 0 && this.order.length === 0 && this.deciding === 0;
  }

  private settle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

/** What an endpoint's schedule type says by itself, before pauses and failures. */
export function staticState(endpoint: Endpoint): ScheduleState {
  if (endpoint.paused) return 'paused';
  if (endpoint.schedule.type === 'manual') return 'manual';
  if (endpoint.schedule.type === 'webhook') return 'waiting-for-hook';
  return 'scheduled';
}
