import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Endpoint } from '../../src/contract/model.js';
import { jitterMs } from '../../src/scheduler/timing.js';
import { schedulerHarness } from './harness.js';

const MINUTE = 60_000;

beforeEach(() => {
  // Timers and the clock are fake; file system work and setImmediate stay real so syncs really run.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('scheduler: schedules fire', () => {
  it('runs an interval endpoint that never synced at once, then every period, with trigger "schedule"', async () => {
    const t = await schedulerHarness();
    const { endpoint } = t.addFolder('Site', { type: 'interval', minutes: 30 });
    t.scheduler.start();
    await t.flush();
    await t.scheduler.idle();
    expect(t.runsOf(endpoint.id)).toHaveLength(1);
    expect(t.scheduler.info(t.catalog.endpoints.get(endpoint.id)!)).toMatchObject({
      scheduleState: 'scheduled',
      nextRunAt: '2026-03-02T08:30:00.000Z',
    });

    await vi.advanceTimersByTimeAsync(29 * MINUTE);
    expect(t.runsOf(endpoint.id)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(MINUTE);
    await t.flush();
    await t.scheduler.idle();
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    await t.flush();
    await t.scheduler.idle();
    expect(t.runsOf(endpoint.id).map((r) => [r.trigger, r.status])).toEqual([
      ['schedule', 'success'],
      ['schedule', 'success'],
      ['schedule', 'success'],
    ]);
  });

  it('adds a small random jitter to intervals so endpoints do not all fire together', async () => {
    expect(jitterMs(30 * MINUTE, () => 0.999)).toBeLessThan(60_000);
    expect(jitterMs(30 * MINUTE, () => 0.5)).toBe(30_000);
    expect(jitterMs(10 * MINUTE, () => 0.999)).toBeLessThan(30_000);
  });

  it('fires a six-field cron schedule on its seconds, in its time zone', async () => {
    const t = await schedulerHarness();
    const { endpoint } = t.addFolder('Site', { type: 'cron', expression: '*/10 * * * * *', timezone: 'Europe/Berlin' });
    // It synced just now, so nothing is overdue at start.
    await t.engine.run(endpoint.id, { trigger: 'manual' });
    t.scheduler.start();
    expect(t.scheduler.info(endpoint).nextRunAt).toBe('2026-03-02T08:00:10.000Z');
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(10_000);
      await t.flush();
      await t.scheduler.idle();
    }
    expect(t.runsOf(endpoint.id).map((r) => r.trigger)).toEqual(['manual', 'schedule', 'schedule', 'schedule']);
  });

  it('runs a startup schedule once when the scheduler starts, and never on a timer', async () => {
    const t = await schedulerHarness();
    const { endpoint } = t.addFolder('Site', { type: 'startup' });
    t.scheduler.start();
    t.scheduler.start();
    await t.flush();
    await t.scheduler.idle();
    await vi.advanceTimersByTimeAsync(24 * 60 * MINUTE);
    await t.flush();
    expect(t.runsOf(endpoint.id).map((r) => r.trigger)).toEqual(['startup']);
  });

  it('runs an overdue cron schedule once at start, not once per missed slot', async () => {
    const t = await schedulerHarness();
    const { endpoint } = t.addFolder('Site', { type: 'cron', expression: '0 * * * *' });
    await t.engine.run(endpoint.id, { trigger: 'manual' });
    vi.setSystemTime(new Date('2026-03-02T13:30:00Z')); // five hourly slots missed while the app was closed
    t.scheduler.start();
    await t.flush();
    await t.scheduler.idle();
    expect(t.runsOf(endpoint.id).map((r) => r.trigger)).toEqual(['manual', 'schedule']);
    expect(t.scheduler.info(endpoint).nextRunAt).toBe('2026-03-02T14:00:00.000Z');
  });
});

describe('scheduler: one run per endpoint, a global limit, a fair queue', () => {
  it('coalesces every trigger during a run into exactly one follow-up run', async () => {
    const t = await schedulerHarness();
    const { endpoint } = t.addFolder('Site');
    t.hold();
    const first = t.scheduler.request(endpoint.id, 'manual');
    expect(first).toMatchObject({ queued: false, coalesced: false });
    expect(first.runId).toBeGreaterThan(0);
    expect(t.scheduler.request(endpoint.id, 'schedule')).toEqual({ runId: null, queued: true, coalesced: false });
    expect(t.scheduler.request(endpoint.id, 'webhook')).toEqual({ runId: null, queued: true, coalesced: true });
    expect(t.scheduler.request(endpoint.id, 'schedule', { full: true })).toMatchObject({ coalesced: true });
    expect(t.scheduler.info(endpoint).queued).toBe(true);
    t.release();
    await t.flush();
    await t.scheduler.idle();
    await t.flush();
    const runs = t.runsOf(endpoint.id);
    expect(runs.map((r) => [r.trigger, r.kind])).toEqual([
      ['manual', 'full'],
      // The follow-up keeps the first waiting trigger and carries the request for a full listing.
      ['schedule', 'full'],
    ]);
    expect(t.mostAtOnce()).toBe(1);
  });

  it('never runs more syncs at once than the limit, and serves endpoints in the order they asked', async () => {
    const t = await schedulerHarness({ settings: { maxConcurrentSyncs: 2 } });
    const ids = ['A', 'B', 'C', 'D', 'E'].map((n) => t.addFolder(n).endpoint.id);
    t.hold();
    for (const id of ids) t.scheduler.request(id, 'schedule');
    await t.flush();
    expect(t.scheduler.running).toBe(2);
    expect(t.scheduler.queue).toEqual(ids.slice(2));
    t.release();
    await t.flush(20);
    await t.scheduler.idle();
    expect(t.finished).toHaveLength(5);
    expect(t.started).toEqual(ids);
    expect(t.mostAtOnce()).toBe(2);
  });

  it('sends an endpoint that asks again to the back of the queue, behind those already waiting', async () => {
    const t = await schedulerHarness({ settings: { maxConcurrentSyncs: 1 } });
    const [a, b, c] = ['A', 'B', 'C'].map((n) => t.addFolder(n).endpoint.id) as [number, number, number];
    t.hold();
    t.scheduler.request(a, 'schedule');
    t.scheduler.request(b, 'schedule');
    t.scheduler.request(c, 'schedule');
    t.scheduler.request(a, 'schedule');
    t.release();
    await t.flush(20);
    await t.scheduler.idle();
    expect(t.started).toEqual([a, b, c, a]);
  });

  it('applies a new limit to the next run that starts', async () => {
    const t = await schedulerHarness({ settings: { maxConcurrentSyncs: 1 } });
    const ids = ['A', 'B', 'C'].map((n) => t.addFolder(n).endpoint.id);
    t.hold();
    for (const id of ids) t.scheduler.request(id, 'manual');
    expect(t.scheduler.running).toBe(1);
    t.scheduler.setMaxConcurrentSyncs(3);
    expect(t.scheduler.running).toBe(3);
    expect(t.saved.at(-1)).toEqual({ pausedAll: false, maxConcurrentSyncs: 3 });
    t.release();
    await t.flush();
    await t.scheduler.idle();
  });
});

describe('scheduler: pause, resume and catching up', () => {
  it('holds a paused endpoint and catches it up once when it is resumed', async () => {
    const t = await schedulerHarness();
    const { endpoint } = t.addFolder('Site', { type: 'interval', minutes: 5 }, true);
    t.scheduler.start();
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    await t.flush();
    expect(t.finished).toHaveLength(0);
    expect(t.scheduler.info(endpoint)).toMatchObject({ scheduleState: 'paused', nextRunAt: null });

    const resumed = t.catalog.endpoints.update(endpoint.id, { ...definition(endpoint), paused: false });
    t.scheduler.reload(endpoint.id);
    await t.flush();
    await t.scheduler.idle();
    expect(t.runsOf(endpoint.id)).toHaveLength(1);
    expect(t.scheduler.info(resumed)).toMatchObject({ scheduleState: 'scheduled' });
    expect(t.changes).toContain(endpoint.id);
  });

  it('pauses everything at once, keeps that setting, and resumes with one catch-up run per endpoint', async () => {
    const t = await schedulerHarness();
    const a = t.addFolder('A', { type: 'interval', minutes: 10 }).endpoint;
    const b = t.addFolder('B', { type: 'cron', expression: '0 */15 * * * *' }).endpoint;
    t.scheduler.start();
    await t.flush();
    await t.scheduler.idle();
    expect(t.finished).toHaveLength(2);

    t.scheduler.pauseAll();
    expect(t.saved.at(-1)).toMatchObject({ pausedAll: true });
    expect(t.scheduler.info(a).scheduleState).toBe('paused');
    await vi.advanceTimersByTimeAsync(120 * MINUTE);
    await t.flush();
    expect(t.finished).toHaveLength(2);

    t.scheduler.resumeAll();
    await t.flush();
    await t.scheduler.idle();
    expect(t.runsOf(a.id)).toHaveLength(2);
    expect(t.runsOf(b.id)).toHaveLength(2);
    expect(t.saved.at(-1)).toMatchObject({ pausedAll: false });
  });

  it('after a simulated sleep, runs each missed schedule once, and the stale timer does not run it again', async () => {
    const t = await schedulerHarness();
    const a = t.addFolder('A', { type: 'interval', minutes: 60 }).endpoint;
    const b = t.addFolder('B', { type: 'cron', expression: '0 0 * * * *', timezone: 'UTC' }).endpoint;
    const c = t.addFolder('C', { type: 'interval', minutes: 600 }).endpoint;
    t.scheduler.start();
    await t.flush();
    await t.scheduler.idle();
    expect(t.finished).toHaveLength(3);

    // The laptop sleeps five hours: the wall clock jumps, but no timer fires during the sleep.
    vi.setSystemTime(Date.now() + 5 * 60 * MINUTE);
    expect(t.scheduler.catchUp()).toBe(2);
    await t.flush();
    await t.scheduler.idle();
    expect(t.runsOf(a.id)).toHaveLength(2);
    expect(t.runsOf(b.id)).toHaveLength(2);
    expect(t.runsOf(c.id)).toHaveLength(1);

    // The timers that slept would have fired now; they were re-armed from the wake-up instead.
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    await t.flush();
    expect(t.finished).toHaveLength(5);
    expect(t.scheduler.catchUp()).toBe(0);
  });
});

describe('scheduler: failures back off', () => {
  it('retries a failing endpoint later and later, flags it, and clears the flag once it works again', async () => {
    const t = await schedulerHarness({ backoff: { baseMs: 10_000, maxMs: 40_000 } });
    const { endpoint, folder } = t.addFolder('Share', { type: 'interval', minutes: 1 });
    fs.renameSync(folder, `${folder}-offline`); // the network share is gone
    const attempts: number[] = [];
    const settle = async () => {
      await t.flush();
      await t.scheduler.idle();
      attempts.splice(0, attempts.length, ...t.runsOf(endpoint.id).map((r) => Date.parse(r.startedAt)));
    };
    t.scheduler.start();
    await settle();
    for (let i = 0; i < 12; i++) {
      await vi.advanceTimersByTimeAsync(10_000);
      await settle();
    }
    const gaps = attempts.slice(1).map((at, i) => (at - attempts[i]!) / 1000);
    expect(gaps).toEqual([10, 20, 40, 40]);
    expect(t.runsOf(endpoint.id).every((r) => r.status === 'failed')).toBe(true);
    expect(t.scheduler.info(endpoint)).toMatchObject({ scheduleState: 'backing-off', consecutiveFailures: 5 });

    // A person may still ask: "Sync now" is not held back.
    fs.renameSync(`${folder}-offline`, folder);
    t.scheduler.request(endpoint.id, 'manual');
    await settle();
    expect(t.runsOf(endpoint.id).at(-1)).toMatchObject({ trigger: 'manual', status: 'success' });
    expect(t.scheduler.info(endpoint)).toMatchObject({ scheduleState: 'scheduled', consecutiveFailures: 0 });
  });
});

describe('scheduler: schedule changes take effect without a restart', () => {
  it('follows an endpoint switched from cron to manual, a new endpoint, and a removed one', async () => {
    const t = await schedulerHarness();
    const { endpoint } = t.addFolder('Site', { type: 'cron', expression: '*/5 * * * * *' });
    await t.engine.run(endpoint.id, { trigger: 'manual' });
    t.scheduler.start();
    await vi.advanceTimersByTimeAsync(5_000);
    await t.flush();
    await t.scheduler.idle();
    expect(t.runsOf(endpoint.id)).toHaveLength(2);

    t.catalog.endpoints.update(endpoint.id, { ...definition(endpoint), schedule: { type: 'manual' } });
    t.scheduler.reload(endpoint.id);
    const added = t.addFolder('New', { type: 'cron', expression: '*/5 * * * * *' }).endpoint;
    t.scheduler.reload(null);
    await vi.advanceTimersByTimeAsync(5_000);
    await t.flush();
    await t.scheduler.idle();
    expect(t.runsOf(endpoint.id)).toHaveLength(2);
    expect(t.runsOf(added.id)).toHaveLength(1);

    t.catalog.endpoints.remove(added.id);
    t.scheduler.reload(added.id);
    await vi.advanceTimersByTimeAsync(20_000);
    await t.flush();
    expect(t.runsOf(added.id)).toHaveLength(1);
  });
});

/** An endpoint's stored definition, to pass back to `update` with a change. */
function definition(e: Endpoint) {
  return {
    name: e.name,
    type: 'local_folder' as const,
    settings: e.settings as { path: string; recursive: boolean; followSymlinks: boolean },
    filters: e.filters,
    schedule: e.schedule,
    paused: e.paused,
  };
}
