import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { StatusFeed, type StatusSnapshot } from '../../electron/main/statusFeed.js';
import { createTrayController, trayIconFile, type ThemeLike } from '../../electron/main/tray.js';
import {
  endpointLine,
  trayMenu,
  trayState,
  trayTooltip,
  type TrayActions,
  type TrayMenuItem,
} from '../../electron/main/trayModel.js';
import type { EndpointSummary } from '../../src/contract/model.js';
import { progress, run, summary, utcTime } from './fixtures.js';

const snap = (endpoints: EndpointSummary[], pausedAll = false): StatusSnapshot => ({ endpoints, pausedAll });
const actions = (): Record<keyof TrayActions, Mock<() => void>> => ({
  open: vi.fn<() => void>(),
  syncAll: vi.fn<() => void>(),
  pauseAll: vi.fn<() => void>(),
  resumeAll: vi.fn<() => void>(),
  quit: vi.fn<() => void>(),
});
const labels = (menu: TrayMenuItem[]) => menu.map((i) => (i.type === 'separator' ? '---' : i.label));

describe('tray state and tooltip', () => {
  const idle = summary(1, 'Tower A', { lastRun: run(1, 'Tower A', { finishedAt: '2026-03-02T08:15:00.000Z' }) });

  it('is idle when everything is fine, with the last sync in the tooltip', () => {
    expect(trayState(snap([idle]))).toBe('idle');
    expect(trayTooltip(snap([idle]), utcTime)).toBe('File Connector: up to date (last sync 08:15)');
    expect(trayTooltip(snap([]), utcTime)).toBe('File Connector');
  });

  it('is syncing while any endpoint syncs, with its progress in the tooltip', () => {
    const syncing = summary(2, 'Tower B', { status: 'syncing', progress: progress(2, 1234) });
    expect(trayState(snap([idle, syncing], true))).toBe('syncing');
    expect(trayTooltip(snap([idle, syncing]), utcTime)).toBe('Syncing Tower B: 1,234 items');
    const other = summary(3, 'Site', { progress: progress(3, 5) });
    expect(trayTooltip(snap([syncing, other]), utcTime)).toBe('Syncing Tower B: 1,234 items, and 1 more');
  });

  it('is paused when syncing is paused everywhere, before any error', () => {
    const failed = summary(2, 'Drive', { status: 'error' });
    expect(trayState(snap([failed], true))).toBe('paused');
    expect(trayTooltip(snap([failed], true), utcTime)).toBe('File Connector: syncing paused');
  });

  it('is error when a sync failed, a health check failed, or a sign-in is needed', () => {
    expect(trayState(snap([summary(1, 'A', { status: 'error' })]))).toBe('error');
    expect(
      trayState(snap([summary(1, 'A', { health: { ok: false, message: 'gone', checkedAt: '', authFailed: false } })])),
    ).toBe('error');
    expect(trayState(snap([summary(1, 'A', { signIn: 'needed' })]))).toBe('error');
    expect(trayTooltip(snap([summary(1, 'A', { status: 'error' })]), utcTime)).toBe(
      'File Connector: A needs attention',
    );
    expect(
      trayTooltip(snap([summary(1, 'A', { status: 'error' }), summary(2, 'B', { signIn: 'needed' })]), utcTime),
    ).toBe('File Connector: 2 endpoints need attention');
  });
});

describe('tray menu', () => {
  it('offers open, sync all, pause, the last sync, a line per endpoint and quit', () => {
    const a = actions();
    const endpoints = [
      summary(1, 'Tower A', {
        nextRunAt: '2026-03-02T09:00:00.000Z',
        lastRun: run(1, 'Tower A', { finishedAt: '2026-03-02T08:30:00.000Z' }),
      }),
      summary(2, 'Tower B', { status: 'syncing', progress: progress(2, 1234) }),
      summary(3, 'Drive', {
        signIn: 'needed',
        health: { ok: false, message: 'invalid_grant', checkedAt: '', authFailed: true },
      }),
      summary(4, 'ACC', { signIn: 'needed' }),
      summary(5, 'Archive', { paused: true, scheduleState: 'paused' }),
      summary(6, 'Share', { status: 'error', scheduleState: 'backing-off', nextRunAt: '2026-03-02T08:34:00.000Z' }),
      summary(7, 'NAS', {
        health: { ok: false, message: 'Folder "/mnt/nas" does not exist', checkedAt: '', authFailed: false },
      }),
    ];
    const menu = trayMenu(snap(endpoints), a, utcTime);
    expect(labels(menu)).toEqual([
      'Open File Connector',
      'Sync all now',
      'Pause syncing',
      '---',
      'Last sync: 08:30',
      'Tower A: idle · next 09:00',
      'Tower B: syncing, 1,234 items',
      'Drive: Sign in again',
      'ACC: needs sign-in',
      'Archive: paused',
      'Share: last sync failed · retry 08:34',
      'NAS: error: Folder "/mnt/nas" does not exist',
      '---',
      'Quit',
    ]);
    // Status lines are information, not buttons.
    expect(menu.filter((i) => i.enabled === false).map((i) => i.label)).toHaveLength(8);

    menu.find((i) => i.label === 'Open File Connector')!.click!();
    menu.find((i) => i.label === 'Sync all now')!.click!();
    menu.find((i) => i.label === 'Pause syncing')!.click!();
    menu.find((i) => i.label === 'Quit')!.click!();
    expect([a.open, a.syncAll, a.pauseAll, a.quit].map((f) => f.mock.calls.length)).toEqual([1, 1, 1, 1]);
  });

  it('offers "Resume syncing" while paused, says "never" before any sync, and disables sync all without endpoints', () => {
    const a = actions();
    const menu = trayMenu(snap([], true), a, utcTime);
    expect(labels(menu)).toContain('Resume syncing');
    expect(labels(menu)).toContain('Last sync: never');
    expect(menu.find((i) => i.label === 'Sync all now')?.enabled).toBe(false);
    menu.find((i) => i.label === 'Resume syncing')!.click!();
    expect(a.resumeAll).toHaveBeenCalledOnce();
  });

  it('keeps the menu short with many endpoints', () => {
    const many = Array.from({ length: 20 }, (_, i) => summary(i + 1, `Site ${i + 1}`));
    const menu = labels(trayMenu(snap(many), actions(), utcTime));
    expect(menu).toContain('Site 12: idle');
    expect(menu).not.toContain('Site 13: idle');
    expect(menu).toContain('…and 8 more');
  });

  it('shows no next run for an endpoint that waits for a sign-in', () => {
    const line = endpointLine(
      summary(1, 'Drive', { signIn: 'needed', nextRunAt: '2026-03-02T09:00:00.000Z' }),
      utcTime,
    );
    expect(line).toBe('Drive: needs sign-in');
  });
});

/** A fake Electron Tray that records what it was given. */
function fakeTray() {
  const calls: { tooltip: string[]; menus: TrayMenuItem[][]; images: string[]; listeners: Record<string, () => void> } =
    { tooltip: [], menus: [], images: [], listeners: {} };
  let destroyed = false;
  const theme = Object.assign(
    new (class {
      shouldUseDarkColors = false;
      private listener: (() => void) | null = null;
      on(_event: 'updated', listener: () => void) {
        this.listener = listener;
      }
      removeListener() {
        this.listener = null;
      }
      emit() {
        this.listener?.();
      }
    })(),
    {},
  ) as ThemeLike & { shouldUseDarkColors: boolean; emit(): void };
  return {
    calls,
    theme,
    destroyed: () => destroyed,
    deps: {
      createTray: (image: string) => {
        calls.images.push(image);
        return {
          setToolTip: (text: string) => calls.tooltip.push(text),
          setContextMenu: (menu: TrayMenuItem[]) => calls.menus.push(menu),
          setImage: (image: string) => calls.images.push(image),
          on: (event: string, listener: () => void) => (calls.listeners[event] = listener),
          destroy: () => (destroyed = true),
        };
      },
      buildMenu: (template: TrayMenuItem[]) => template,
      loadIcon: (state: string, variant: string) => trayIconFile(state as 'idle', variant as 'light'),
      theme,
    },
  };
}

describe('tray controller', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function setup() {
    let endpoints = [summary(1, 'Tower A')];
    let pausedAll = false;
    const feed = new StatusFeed({ list: async () => endpoints, pausedAll: () => pausedAll });
    await feed.reload();
    const fake = fakeTray();
    const a = actions();
    const tray = createTrayController({ ...fake.deps, feed, actions: a, format: utcTime, throttleMs: 500 });
    return {
      feed,
      fake,
      tray,
      actions: a,
      set: (next: EndpointSummary[], paused = pausedAll) => {
        endpoints = next;
        pausedAll = paused;
      },
    };
  }

  it('starts idle with its menu, and opens the window on a click (Windows, macOS)', async () => {
    const t = await setup();
    expect(t.fake.calls.images).toEqual(['idle-light.png']);
    expect(t.fake.calls.tooltip).toEqual(['File Connector']);
    expect(labels(t.fake.calls.menus.at(-1)!)).toContain('Tower A: idle');
    t.fake.calls.listeners.click!();
    expect(t.actions.open).toHaveBeenCalledOnce();
  });

  it('follows the events: syncing with its count, then idle again, rebuilding the menu each time', async () => {
    const t = await setup();
    const menus = t.fake.calls.menus.length;
    t.feed.handle({ event: 'sync.progress', payload: progress(1, 10) });
    expect(t.fake.calls.images.at(-1)).toBe('syncing-light.png');
    expect(t.fake.calls.tooltip.at(-1)).toBe('Syncing Tower A: 10 items');
    expect(t.fake.calls.menus.length).toBe(menus + 1);

    t.set([summary(1, 'Tower A', { lastRun: run(1, 'Tower A') })]);
    t.feed.handle({ event: 'sync.finished', payload: run(1, 'Tower A') });
    await t.feed.reload();
    expect(t.fake.calls.images.at(-1)).toBe('idle-light.png');
    expect(t.fake.calls.tooltip.at(-1)).toBe('File Connector: up to date (last sync 08:00)');
    expect(labels(t.fake.calls.menus.at(-1)!)).toContain('Last sync: 08:00');
  });

  it('rebuilds at most every 500 ms while counts stream in, and always shows the last count', async () => {
    const t = await setup();
    const before = t.fake.calls.menus.length;
    vi.advanceTimersByTime(1000);
    for (let seen = 1; seen <= 50; seen++) {
      t.feed.handle({ event: 'sync.progress', payload: progress(1, seen * 100) });
      vi.advanceTimersByTime(20);
    }
    // 50 updates over 1 s: the first at once, then one per 500 ms.
    expect(t.fake.calls.menus.length - before).toBeLessThanOrEqual(3);
    vi.advanceTimersByTime(500);
    expect(t.fake.calls.tooltip.at(-1)).toBe('Syncing Tower A: 5,000 items');
  });

  it('shows error and paused icons, and switches icons with the menu bar theme', async () => {
    const t = await setup();
    t.set([summary(1, 'Tower A', { status: 'error' })]);
    await t.feed.reload();
    expect(t.fake.calls.images.at(-1)).toBe('error-light.png');
    t.fake.theme.shouldUseDarkColors = true;
    t.fake.theme.emit();
    expect(t.fake.calls.images.at(-1)).toBe('error-dark.png');
    t.set([summary(1, 'Tower A')], true);
    t.feed.handle({ event: 'endpoints.changed', payload: { endpointId: null } });
    await t.feed.reload();
    expect(t.fake.calls.images.at(-1)).toBe('paused-dark.png');
    expect(labels(t.fake.calls.menus.at(-1)!)).toContain('Resume syncing');
  });

  it('stops following the feed once destroyed', async () => {
    const t = await setup();
    t.tray.destroy();
    expect(t.fake.destroyed()).toBe(true);
    const menus = t.fake.calls.menus.length;
    t.feed.handle({ event: 'sync.progress', payload: progress(1, 10) });
    expect(t.fake.calls.menus.length).toBe(menus);
  });
});

describe('status feed', () => {
  it('loads once more, not once per event, when events arrive during a load', async () => {
    let loads = 0;
    let release!: () => void;
    const feed = new StatusFeed({
      list: async () => {
        loads++;
        if (loads === 1) await new Promise<void>((resolve) => (release = resolve));
        return [];
      },
      pausedAll: () => false,
    });
    const first = feed.reload();
    for (let i = 0; i < 5; i++) feed.handle({ event: 'endpoints.changed', payload: { endpointId: 1 } });
    release();
    await first;
    expect(loads).toBe(2);
  });

  it('reports a failed load instead of throwing', async () => {
    const warn = vi.fn();
    const feed = new StatusFeed({ list: () => Promise.reject(new Error('closed')), pausedAll: () => false }, warn);
    await feed.reload();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('closed'));
  });
});
