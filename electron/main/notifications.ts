/**
 * Native notifications: a sync failed, an endpoint needs a new sign-in, or (setting) files changed in a
 * watched endpoint. Bursts are folded into one notification per kind; a failing endpoint is announced once
 * until it syncs again, a sign-in once until it is signed in. Electron's Notification is passed in.
 */
import type { EndpointSummary, SyncRun } from '../../src/contract/model.js';
import type { AppSettings, NavigateTarget } from '../../src/contract/settings.js';
import { isAuthFailure } from '../../src/health/authErrors.js';

/** The part of Electron's Notification this needs. */
export interface NotificationLike {
  show(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
}

export interface NotificationContent {
  title: string;
  body: string;
}

export interface NotifierDeps {
  /** Like `new Notification(options)`. */
  createNotification(content: NotificationContent): NotificationLike;
  settings(): Pick<AppSettings, 'notifyOnFailure' | 'notifyOnChanges' | 'watchedEndpointIds'>;
  /** A notification was clicked: show the window on this page. */
  onClick(target: NavigateTarget): void;
  /** How long to gather a burst before showing it. */
  coalesceMs?: number;
}

type Item =
  | { kind: 'failed'; endpointId: number; name: string; error: string }
  | { kind: 'signIn'; endpointId: number; name: string }
  | {
      kind: 'changed';
      endpointId: number;
      name: string;
      added: number;
      updated: number;
      deleted: number;
      moved: number;
    };

export interface Notifier {
  /** A finished sync (`sync.finished`). */
  runFinished(run: SyncRun): void;
  /** A fresh endpoint list: sign-ins that were lost since the last one. */
  endpointsChanged(endpoints: EndpointSummary[]): void;
  /** Shows what is gathered now. */
  flush(): void;
  dispose(): void;
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const coalesceMs = deps.coalesceMs ?? 3000;
  let queue: Item[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Endpoints already announced as failing / needing a sign-in, until that is over. */
  const failing = new Set<number>();
  const signInAnnounced = new Set<number>();
  const lastSignIn = new Map<number, { signIn: EndpointSummary['signIn']; authFailed: boolean }>();
  // Electron drops the click handler of a notification that is garbage collected: keep them until closed.
  const live = new Set<NotificationLike>();

  const push = (item: Item) => {
    // The same notice for the same endpoint twice in one burst is one notice.
    if (item.kind === 'signIn' && queue.some((q) => q.kind === 'signIn' && q.endpointId === item.endpointId)) return;
    queue.push(item);
    timer ??= setTimeout(flush, coalesceMs);
  };

  const signInNeeded = (endpointId: number, name: string) => {
    if (signInAnnounced.has(endpointId)) return;
    signInAnnounced.add(endpointId);
    if (deps.settings().notifyOnFailure) push({ kind: 'signIn', endpointId, name });
  };

  const show = (content: NotificationContent, target: NavigateTarget) => {
    const notification = deps.createNotification(content);
    live.add(notification);
    notification.on('click', () => {
      live.delete(notification);
      deps.onClick(target);
    });
    notification.on('close', () => live.delete(notification));
    notification.show();
  };

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const items = queue;
    queue = [];
    const failed = items.filter((i) => i.kind === 'failed');
    // A sign-in notice says more than the failure it caused.
    const signIns = items.filter((i) => i.kind === 'signIn');
    const failures = failed.filter((f) => !signIns.some((s) => s.endpointId === f.endpointId));
    const changed = items.filter((i) => i.kind === 'changed');
    if (signIns.length === 1) {
      const [one] = signIns as [Item & { kind: 'signIn' }];
      show(
        {
          title: `Sign in again: ${one.name}`,
          body: `The saved sign-in no longer works. Open File Connector to sign in.`,
        },
        { page: 'endpoints', endpointId: one.endpointId },
      );
    } else if (signIns.length > 1) {
      show({ title: `${signIns.length} endpoints need a new sign-in`, body: names(signIns) }, { page: 'endpoints' });
    }
    if (failures.length === 1) {
      const [one] = failures as [Item & { kind: 'failed' }];
      show(
        { title: `Sync failed: ${one.name}`, body: shorten(one.error, 200) },
        { page: 'activity', endpointId: one.endpointId },
      );
    } else if (failures.length > 1) {
      show({ title: `${failures.length} syncs failed`, body: names(failures) }, { page: 'activity' });
    }
    const byEndpoint = sumChanges(changed as (Item & { kind: 'changed' })[]);
    if (byEndpoint.length === 1) {
      const [one] = byEndpoint as [Item & { kind: 'changed' }];
      show(
        { title: `${one.name}: ${plural(total(one), 'file')} changed`, body: changeSummary(one) },
        { page: 'files', endpointId: one.endpointId },
      );
    } else if (byEndpoint.length > 1) {
      show(
        {
          title: `Files changed in ${byEndpoint.length} endpoints`,
          body: byEndpoint.map((c) => `${c.name}: ${count(total(c))}`).join(', '),
        },
        { page: 'files' },
      );
    }
  }

  return {
    runFinished(run) {
      // Cancelled runs were someone's choice; running ones are not finished.
      if (run.status === 'cancelled' || run.status === 'running') return;
      if (run.status === 'failed') {
        if (isAuthFailure(run.error)) return signInNeeded(run.endpointId, run.endpointName);
        if (failing.has(run.endpointId)) return;
        failing.add(run.endpointId);
        if (deps.settings().notifyOnFailure) {
          push({
            kind: 'failed',
            endpointId: run.endpointId,
            name: run.endpointName,
            error: run.error ?? 'Unknown error',
          });
        }
        return;
      }
      failing.delete(run.endpointId);
      signInAnnounced.delete(run.endpointId);
      const settings = deps.settings();
      const changes = { added: run.added, updated: run.updated, deleted: run.deleted, moved: run.moved };
      if (settings.notifyOnChanges && settings.watchedEndpointIds.includes(run.endpointId) && total(changes) > 0) {
        push({ kind: 'changed', endpointId: run.endpointId, name: run.endpointName, ...changes });
      }
    },
    endpointsChanged(endpoints) {
      for (const e of endpoints) {
        const before = lastSignIn.get(e.id);
        const now = { signIn: e.signIn, authFailed: Boolean(e.health?.authFailed) };
        lastSignIn.set(e.id, now);
        if (now.signIn !== 'needed' && !now.authFailed) {
          signInAnnounced.delete(e.id);
          continue;
        }
        // Only a sign-in that was lost: a new endpoint that was never signed in is not news.
        const lost =
          before &&
          ((before.signIn === 'signed-in' && now.signIn === 'needed') || (!before.authFailed && now.authFailed));
        if (lost) signInNeeded(e.id, e.name);
      }
    },
    flush,
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
      queue = [];
      live.clear();
    },
  };
}

type Counts = { added: number; updated: number; deleted: number; moved: number };
const total = (c: Counts) => c.added + c.updated + c.deleted + c.moved;
const count = (n: number) => new Intl.NumberFormat('en-US').format(n);
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;
const names = (items: { name: string }[]) => [...new Set(items.map((i) => i.name))].join(', ');

function changeSummary(c: Counts): string {
  const parts = [
    c.added && `${count(c.added)} added`,
    c.updated && `${count(c.updated)} updated`,
    c.moved && `${count(c.moved)} moved`,
    c.deleted && `${count(c.deleted)} deleted`,
  ];
  return parts.filter(Boolean).join(', ');
}

/** Several syncs of one endpoint in a burst make one line. */
function sumChanges<T extends Item & { kind: 'changed' }>(items: T[]): T[] {
  const sums = new Map<number, T>();
  for (const item of items) {
    const sum = sums.get(item.endpointId);
    if (!sum) sums.set(item.endpointId, { ...item });
    else for (const key of ['added', 'updated', 'deleted', 'moved'] as const) sum[key] += item[key];
  }
  return [...sums.values()];
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
