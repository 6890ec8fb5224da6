import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startBackground } from '../../electron/main/background.js';
import type { NotificationContent } from '../../electron/main/notifications.js';
import type { TrayMenuItem } from '../../electron/main/trayModel.js';
import type { EndpointSummary } from '../../src/contract/model.js';
import type { NavigateTarget } from '../../src/contract/settings.js';
import { unwrap } from '../../src/contract/wire.js';
import { nextEvent, testCore } from '../helpers/core.js';
import { tempDir } from '../helpers/tempDir.js';

/** The desktop background on a real core, with a fake tray and fake notifications. */
async function setup() {
  const core = await testCore();
  const menus: TrayMenuItem[][] = [];
  const tooltips: string[] = [];
  const notifications: (NotificationContent & { click(): void })[] = [];
  const showWindow = vi.fn(async () => undefined);
  const quit = vi.fn();
  const background = startBackground<string, TrayMenuItem[]>({
    core,
    tray: {
      createTray: () => ({
        setToolTip: (text) => tooltips.push(text),
        setContextMenu: (menu) => menus.push(menu),
        setImage: () => undefined,
        on: () => undefined,
        destroy: () => undefined,
      }),
      buildMenu: (template) => template,
      loadIcon: (state, variant) => `${state}-${variant}`,
      theme: { shouldUseDarkColors: false, on: () => undefined, removeListener: () => undefined },
    },
    createNotification: (content) => {
      const listeners: Record<string, () => void> = {};
      return {
        on: (event, listener) => (listeners[event] = listener),
        show: () => notifications.push({ ...content, click: () => listeners.click?.() }),
      };
    },
    showWindow,
    quit,
    warn: (message) => {
      throw new Error(message);
    },
    throttleMs: 0,
    coalesceMs: 0,
  });
  const folder = tempDir('fc-bg-');
  fs.writeFileSync(path.join(folder, 'A-101.pdf'), 'plan');
  const endpoint = unwrap(
    await core.dispatch('endpoints.create', { name: 'Tower A', type: 'local_folder', settings: { path: folder } }),
  ) as EndpointSummary;
  await background.feed.reload();
  const item = (label: string) => menus.at(-1)!.find((i) => i.label === label);
  const labels = () => menus.at(-1)!.map((i) => i.label);
  return { core, background, menus, tooltips, notifications, showWindow, quit, endpoint, folder, item, labels };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

describe('desktop background (tray and notifications on a real core)', () => {
  it('lists the endpoint in the tray menu, and "Sync all now" syncs it', async () => {
    const t = await setup();
    expect(t.labels()).toContain('Tower A: idle');
    expect(t.labels()).toContain('Last sync: never');
    const finished = nextEvent(t.core, 'sync.finished');
    t.item('Sync all now')!.click!();
    expect((await finished).status).toBe('success');
    await until(() => !t.labels().includes('Last sync: never'));
    expect(t.tooltips.at(-1)).toMatch(/^File Connector: up to date/);
    t.background.stop();
  });

  it('"Pause syncing" pauses everything, and the menu then offers "Resume syncing"', async () => {
    const t = await setup();
    t.item('Pause syncing')!.click!();
    await until(() => t.labels().includes('Resume syncing'));
    expect(t.core.scheduler!.pausedAll).toBe(true);
    expect(t.tooltips.at(-1)).toBe('File Connector: syncing paused');
    t.item('Resume syncing')!.click!();
    await until(() => t.labels().includes('Pause syncing'));
    t.item('Quit')!.click!();
    expect(t.quit).toHaveBeenCalledOnce();
    t.background.stop();
  });

  it('notifies a failed sync; a click shows the window and asks it for the activity page', async () => {
    const t = await setup();
    fs.rmSync(t.folder, { recursive: true });
    const navigations: NavigateTarget[] = [];
    t.core.subscribe((m) => m.event === 'app.navigate' && navigations.push(m.payload as NavigateTarget));
    unwrap(await t.core.dispatch('sync.start', { endpointId: t.endpoint.id }));
    await until(() => t.notifications.length > 0);
    expect(t.notifications[0]).toMatchObject({ title: 'Sync failed: Tower A' });
    await until(() => t.labels().some((l) => l?.startsWith('Tower A: last sync failed')));

    t.notifications[0]!.click();
    await until(() => navigations.length > 0);
    expect(t.showWindow).toHaveBeenCalledOnce();
    expect(navigations).toEqual([{ page: 'activity', endpointId: t.endpoint.id }]);
    t.background.stop();
  });
});
