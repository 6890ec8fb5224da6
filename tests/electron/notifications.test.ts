import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNotifier, type NotificationContent } from '../../electron/main/notifications.js';
import type { AppSettings, NavigateTarget } from '../../src/contract/settings.js';
import { run, summary } from './fixtures.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(change: Partial<AppSettings> = {}) {
  const settings: AppSettings = {
    startAtLogin: false,
    notifyOnFailure: true,
    notifyOnChanges: false,
    watchedEndpointIds: [],
    webhookListener: { enabled: false, port: 4320 },
    theme: 'system',
    retention: { logDays: 30, runDays: 90 },
    ...change,
  };
  const shown: (NotificationContent & { click(): void })[] = [];
  const clicks: NavigateTarget[] = [];
  const notifier = createNotifier({
    createNotification: (content) => {
      const listeners: Record<string, () => void> = {};
      return {
        on: (event, listener) => (listeners[event] = listener),
        show: () => shown.push({ ...content, click: () => listeners.click?.() }),
      };
    },
    settings: () => settings,
    onClick: (target) => clicks.push(target),
    coalesceMs: 3000,
  });
  return { notifier, shown, clicks, settings };
}

describe('notifications', () => {
  it('tells about a failed sync, and a click opens the activity of that endpoint', () => {
    const t = setup();
    t.notifier.runFinished(run(1, 'Tower A', { status: 'failed', error: 'Folder "/mnt/a" does not exist' }));
    expect(t.shown).toHaveLength(0);
    vi.advanceTimersByTime(3000);
    expect(t.shown).toMatchObject([{ title: 'Sync failed: Tower A', body: 'Folder "/mnt/a" does not exist' }]);
    t.shown[0]!.click();
    expect(t.clicks).toEqual([{ page: 'activity', endpointId: 1 }]);
  });

  it('folds a burst of failures into one notification, and repeats none until the endpoint syncs again', () => {
    const t = setup();
    for (const [id, name] of [
      [1, 'A'],
      [2, 'B'],
      [3, 'C'],
    ] as const) {
      t.notifier.runFinished(run(id, name, { status: 'failed', error: 'offline' }));
    }
    t.notifier.runFinished(run(1, 'A', { status: 'failed', error: 'offline' }));
    vi.advanceTimersByTime(3000);
    expect(t.shown).toMatchObject([{ title: '3 syncs failed', body: 'A, B, C' }]);
    t.shown[0]!.click();
    expect(t.clicks).toEqual([{ page: 'activity' }]);

    // A's backoff retry fails again: already said.
    t.notifier.runFinished(run(1, 'A', { status: 'failed', error: 'offline' }));
    vi.advanceTimersByTime(3000);
    expect(t.shown).toHaveLength(1);
    t.notifier.runFinished(run(1, 'A', { status: 'success' }));
    t.notifier.runFinished(run(1, 'A', { status: 'failed', error: 'offline again' }));
    vi.advanceTimersByTime(3000);
    expect(t.shown.at(-1)).toMatchObject({ title: 'Sync failed: A' });
  });

  it('says nothing about cancelled runs, nor about failures when that is turned off', () => {
    const t = setup({ notifyOnFailure: false });
    t.notifier.runFinished(run(1, 'A', { status: 'cancelled' }));
    t.notifier.runFinished(run(2, 'B', { status: 'failed', error: 'offline' }));
    const on = setup();
    on.notifier.runFinished(run(1, 'A', { status: 'cancelled', error: 'Cancelled' }));
    vi.advanceTimersByTime(3000);
    expect(t.shown).toEqual([]);
    expect(on.shown).toEqual([]);
  });

  it('asks for a new sign-in once (not as a failure) when a sync is refused for its credentials', () => {
    const t = setup();
    const refused = run(1, 'Drive', {
      status: 'failed',
      error: 'The sign-in server refused the request (invalid_grant). Sign in again.',
    });
    t.notifier.runFinished(refused);
    t.notifier.endpointsChanged([summary(1, 'Drive', { signIn: 'signed-in' })]);
    t.notifier.endpointsChanged([summary(1, 'Drive', { signIn: 'needed' })]);
    t.notifier.runFinished(refused);
    vi.advanceTimersByTime(3000);
    expect(t.shown).toMatchObject([{ title: 'Sign in again: Drive' }]);
    t.shown[0]!.click();
    expect(t.clicks).toEqual([{ page: 'endpoints', endpointId: 1 }]);
  });

  it('notices a sign-in that was lost, but not an endpoint that was never signed in', () => {
    const t = setup();
    t.notifier.endpointsChanged([
      summary(1, 'Drive', { signIn: 'signed-in' }),
      summary(2, 'New', { signIn: 'needed' }),
    ]);
    t.notifier.endpointsChanged([summary(1, 'Drive', { signIn: 'needed' }), summary(2, 'New', { signIn: 'needed' })]);
    vi.advanceTimersByTime(3000);
    expect(t.shown.map((n) => n.title)).toEqual(['Sign in again: Drive']);

    // Signed in again, then lost again: a new notice.
    t.notifier.endpointsChanged([summary(1, 'Drive', { signIn: 'signed-in' })]);
    t.notifier.endpointsChanged([summary(1, 'Drive', { signIn: 'needed' })]);
    // A service account whose key was refused (no sign-in from the app) is flagged by its health.
    t.notifier.endpointsChanged([summary(3, 'Robot', { signIn: 'not-needed' })]);
    t.notifier.endpointsChanged([
      summary(3, 'Robot', { health: { ok: false, message: '(401)', checkedAt: '', authFailed: true } }),
    ]);
    vi.advanceTimersByTime(3000);
    expect(t.shown.at(-1)).toMatchObject({ title: '2 endpoints need a new sign-in', body: 'Drive, Robot' });
  });

  it('tells about changed files only in watched endpoints, when turned on, summed over a burst', () => {
    const off = setup({ watchedEndpointIds: [1] });
    off.notifier.runFinished(run(1, 'Tower A', { added: 3 }));
    const t = setup({ notifyOnChanges: true, watchedEndpointIds: [1, 2] });
    t.notifier.runFinished(run(1, 'Tower A', { added: 3, updated: 1 }));
    t.notifier.runFinished(run(1, 'Tower A', { deleted: 1 }));
    t.notifier.runFinished(run(3, 'Unwatched', { added: 9 }));
    t.notifier.runFinished(run(2, 'Quiet', { unchanged: 40 }));
    vi.advanceTimersByTime(3000);
    expect(off.shown).toEqual([]);
    expect(t.shown).toMatchObject([{ title: 'Tower A: 5 files changed', body: '3 added, 1 updated, 1 deleted' }]);
    t.shown[0]!.click();
    expect(t.clicks).toEqual([{ page: 'files', endpointId: 1 }]);

    t.notifier.runFinished(run(1, 'Tower A', { added: 1 }));
    t.notifier.runFinished(run(2, 'Quiet', { moved: 2 }));
    vi.advanceTimersByTime(3000);
    expect(t.shown.at(-1)).toMatchObject({ title: 'Files changed in 2 endpoints', body: 'Tower A: 1, Quiet: 2' });
  });
});
