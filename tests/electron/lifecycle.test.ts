import { describe, expect, it, vi } from 'vitest';
import { createCloseToTray, createQuitGuard, onAllWindowsClosed } from '../../electron/main/lifecycle.js';
import { createPickFolder } from '../../electron/main/pickFolder.js';
import type { PickFolderOptions } from '../../electron/main/pickFolder.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('quit guard', () => {
  it('holds the first quit, closes the core once, then lets the second quit through', async () => {
    let finishClose!: () => void;
    const close = vi.fn(() => new Promise<void>((resolve) => (finishClose = resolve)));
    const app = { quit: vi.fn() };
    const guard = createQuitGuard(app, close);

    const first = { preventDefault: vi.fn() };
    guard(first);
    expect(first.preventDefault).toHaveBeenCalledOnce();
    // A second Cmd+Q while closing is held back too, without closing twice.
    const again = { preventDefault: vi.fn() };
    guard(again);
    expect(again.preventDefault).toHaveBeenCalledOnce();
    expect(close).toHaveBeenCalledOnce();
    expect(app.quit).not.toHaveBeenCalled();

    finishClose();
    await tick();
    expect(app.quit).toHaveBeenCalledOnce();
    const last = { preventDefault: vi.fn() };
    guard(last);
    expect(last.preventDefault).not.toHaveBeenCalled();
    expect(close).toHaveBeenCalledOnce();
  });

  it('still quits when closing fails', async () => {
    const app = { quit: vi.fn() };
    const logError = vi.fn();
    createQuitGuard(app, () => Promise.reject(new Error('disk gone')), logError)({ preventDefault: vi.fn() });
    await tick();
    expect(logError).toHaveBeenCalledOnce();
    expect(app.quit).toHaveBeenCalledOnce();
  });
});

describe('window-all-closed', () => {
  it('quits except on macOS, and stays when the tray keeps the app running', () => {
    expect(onAllWindowsClosed('linux')).toBe('quit');
    expect(onAllWindowsClosed('win32')).toBe('quit');
    expect(onAllWindowsClosed('darwin')).toBe('stay');
    expect(onAllWindowsClosed('linux', true)).toBe('stay');
  });
});

describe('closing the window', () => {
  const close = (platform: NodeJS.Platform, tray: boolean, quitting: boolean) => {
    const handler = createCloseToTray({ platform, keepRunning: () => tray, isQuitting: () => quitting });
    const event = { preventDefault: vi.fn() };
    const window = { hide: vi.fn() };
    handler(event, window);
    return { prevented: event.preventDefault.mock.calls.length > 0, hidden: window.hide.mock.calls.length > 0 };
  };

  it('hides the window instead while a tray keeps the app (and its scheduler) running', () => {
    expect(close('linux', true, false)).toEqual({ prevented: true, hidden: true });
    expect(close('win32', true, false)).toEqual({ prevented: true, hidden: true });
  });

  it('keeps the macOS dock behaviour: the app stays, the window comes back from the dock', () => {
    expect(close('darwin', false, false)).toEqual({ prevented: true, hidden: true });
  });

  it('really closes once a quit is under way, or where there is no tray to come back from', () => {
    expect(close('linux', true, true)).toEqual({ prevented: false, hidden: false });
    expect(close('darwin', true, true)).toEqual({ prevented: false, hidden: false });
    expect(close('linux', false, false)).toEqual({ prevented: false, hidden: false });
  });
});

describe('pickFolder', () => {
  it('returns the chosen folder or null', async () => {
    const show = vi.fn(async (_options: PickFolderOptions) => ({ canceled: false, filePaths: ['/home/me/Projects'] }));
    await expect(createPickFolder(show)()).resolves.toBe('/home/me/Projects');
    expect(show.mock.calls[0]?.[0]).toMatchObject({ properties: ['openDirectory', 'createDirectory'] });
    await expect(createPickFolder(async () => ({ canceled: true, filePaths: [] }))()).resolves.toBeNull();
    await expect(createPickFolder(async () => ({ canceled: false, filePaths: [] }))()).resolves.toBeNull();
  });
});
