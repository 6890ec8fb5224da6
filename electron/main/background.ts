/**
 * The app's life in the background: the tray and the notifications, fed by the core's events, and their
 * actions (open, sync all, pause/resume, quit). Electron's objects come in through `TrayDeps`-like factories.
 */
import type { EventMessage } from '../../src/contract/wire.js';
import type { NavigateTarget } from '../../src/contract/settings.js';
import type { EndpointSummary, SyncRun } from '../../src/contract/model.js';
import type { Core } from '../../src/core/core.js';
import { createNotifier, type NotificationContent, type NotificationLike } from './notifications.js';
import { StatusFeed } from './statusFeed.js';
import { createTrayController, type TrayDeps } from './tray.js';
import type { TimeFormat } from './trayModel.js';

/** The part of the core the background needs. */
export type BackgroundCore = Pick<Core, 'dispatch' | 'subscribe' | 'events' | 'settings'> & {
  scheduler: { readonly pausedAll: boolean } | null;
};

export interface BackgroundOptions<Image, Menu> {
  core: BackgroundCore;
  /** Tray factories, or null where there is no tray. */
  tray: Omit<TrayDeps<Image, Menu>, 'feed' | 'actions' | 'format' | 'throttleMs'> | null;
  /** Like `new Notification(...)`, or null where notifications are not supported. */
  createNotification: ((content: NotificationContent) => NotificationLike) | null;
  /** Shows (creating if needed) and focuses the main window; resolves once it can receive events. */
  showWindow(): Promise<void> | void;
  quit(): void;
  warn(message: string): void;
  format?: TimeFormat;
  throttleMs?: number;
  coalesceMs?: number;
}

export interface Background {
  /** A tray exists: closing the window keeps the app running. */
  readonly hasTray: boolean;
  readonly feed: StatusFeed;
  /** Opens the window on a page (a notification was clicked). */
  navigate(target: NavigateTarget): Promise<void>;
  stop(): void;
}

/** Starts the tray and the notifications; the tray is optional (a desktop without one still notifies). */
export function startBackground<Image, Menu>(options: BackgroundOptions<Image, Menu>): Background {
  const { core, warn } = options;
  const request = (name: 'sync.start' | 'scheduler.pauseAll' | 'scheduler.resumeAll') => {
    void core.dispatch(name, {}).then((answer) => {
      if (!answer.ok) warn(`${name} from the tray failed: ${answer.error.message}`);
    });
  };
  const feed = new StatusFeed(
    {
      list: async () => {
        const answer = await core.dispatch('endpoints.list', {});
        if (!answer.ok) throw new Error(answer.error.message);
        return answer.result as EndpointSummary[];
      },
      pausedAll: () => core.scheduler?.pausedAll ?? false,
    },
    warn,
  );

  const navigate = async (target: NavigateTarget) => {
    await options.showWindow();
    core.events.emit('app.navigate', target);
  };

  const notifier = options.createNotification
    ? createNotifier({
        createNotification: options.createNotification,
        settings: () => core.settings.get(),
        onClick: (target) => void navigate(target).catch((error: unknown) => warn(String(error))),
        coalesceMs: options.coalesceMs,
      })
    : null;

  let tray: { destroy(): void } | null = null;
  if (options.tray) {
    try {
      tray = createTrayController({
        ...options.tray,
        feed,
        format: options.format,
        throttleMs: options.throttleMs,
        actions: {
          open: () => void Promise.resolve(options.showWindow()).catch((error: unknown) => warn(String(error))),
          syncAll: () => request('sync.start'),
          pauseAll: () => request('scheduler.pauseAll'),
          resumeAll: () => request('scheduler.resumeAll'),
          quit: options.quit,
        },
      });
    } catch (error) {
      // Some Linux desktops have no tray: the app then behaves like a plain windowed app.
      warn(`No system tray: ${String(error)}`);
    }
  }

  const stopFeed = feed.onChange((snapshot, reason) => {
    if (reason === 'loaded') notifier?.endpointsChanged(snapshot.endpoints);
  });
  const unsubscribe = core.subscribe((message: EventMessage) => {
    feed.handle(message);
    if (message.event === 'sync.finished') notifier?.runFinished(message.payload as SyncRun);
  });
  void feed.reload();

  return {
    hasTray: tray !== null,
    feed,
    navigate,
    stop: () => {
      unsubscribe();
      stopFeed();
      notifier?.dispose();
      feed.close();
      tray?.destroy();
      tray = null;
    },
  };
}
