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
 * Decides the `window-all-closed` outcome. macOS apps stay in the dock; elsewhere the app quits.
 * The tray (a later issue) will pass `keepRunningInBackground: true` to stay on every platform.
 */
export function onAllWindowsClosed(platform: NodeJS.Platform, keepRunningInBackground = false): AllClosedAction {
  if (keepRunningInBackground || platform === 'darwin') return 'stay';
  return 'quit';
}
