/** App lifecycle decisions kept free of Electron so they are tested under Node. */

/** The part of `app` the quit guard drives. */
export interface QuitTarget {
  quit(): void;
}

/**
 * `before-quit` handler that closes the core exactly once before the app exits: the first quit is
 * held back (preventDefault), the core closes, then quit is called again and let through.
 */
export function createQuitGuard(
  app: QuitTarget,
  close: () => Promise<void>,
  logError: (message: string, error: unknown) => void = (m, e) => console.error(m, e),
): (event: { preventDefault(): void }) => void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  return (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    close()
      .catch((error: unknown) => logError('Closing the core failed', error))
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  };
}

/** What to do when the last window closes. */
export type AllClosedAction = 'quit' | 'stay';

/**
 * Decides the `window-all-closed` outcome. macOS apps stay in the dock; elsewhere the app quits, unless the
 * tray keeps it running in the background (`keepRunningInBackground`).
 */
export function onAllWindowsClosed(platform: NodeJS.Platform, keepRunningInBackground = false): AllClosedAction {
  if (keepRunningInBackground || platform === 'darwin') return 'stay';
  return 'quit';
}

/** The part of a BrowserWindow that closing to the tray needs. */
export interface HideableWindow {
  hide(): void;
}

/**
 * The main window's `close` handler: while the app keeps running in the background (a tray exists, or on
 * macOS) closing only hides the window, so the scheduler keeps going and reopening is instant. Once a quit
 * is under way the window closes for real.
 */
export function createCloseToTray(options: {
  platform: NodeJS.Platform;
  keepRunning: () => boolean;
  isQuitting: () => boolean;
}): (event: { preventDefault(): void }, window: HideableWindow) => void {
  return (event, window) => {
    if (options.isQuitting()) return;
    if (onAllWindowsClosed(options.platform, options.keepRunning()) === 'quit') return;
    event.preventDefault();
    window.hide();
  };
}
