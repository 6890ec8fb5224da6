/** What the tray shows, derived from the endpoints alone: its state, tooltip and menu. No Electron here. */
import type { EndpointSummary } from '../../src/contract/model.js';
import type { StatusSnapshot } from './statusFeed.js';

export type TrayState = 'idle' | 'syncing' | 'error' | 'paused';

/** The part of Electron's MenuItemConstructorOptions the tray uses. */
export interface TrayMenuItem {
  label?: string;
  type?: 'normal' | 'separator';
  enabled?: boolean;
  click?: () => void;
}

export interface TrayActions {
  open(): void;
  syncAll(): void;
  pauseAll(): void;
  resumeAll(): void;
  quit(): void;
}

/** Formats an ISO time for the menu ("14:05", or with the day when it is not today). */
export type TimeFormat = (iso: string) => string;

/** Most endpoint lines in the menu; the rest are counted in one line. */
export const MAX_ENDPOINT_LINES = 12;

const count = new Intl.NumberFormat('en-US');

/** Whether an endpoint needs the user: a failed sync, a failed health check, or a sign-in. */
export function needsAttention(e: EndpointSummary): boolean {
  return e.status === 'error' || e.signIn === 'needed' || Boolean(e.health && !e.health.ok);
}

/** Syncing wins (something is happening), then paused (the user chose it), then error, then idle. */
export function trayState(snapshot: StatusSnapshot): TrayState {
  if (snapshot.endpoints.some((e) => e.progress)) return 'syncing';
  if (snapshot.pausedAll) return 'paused';
  if (snapshot.endpoints.some(needsAttention)) return 'error';
  return 'idle';
}

/** The most recent finished sync over all endpoints, as an ISO time, or null. */
export function lastSyncAt(endpoints: EndpointSummary[]): string | null {
  let last: string | null = null;
  for (const e of endpoints) {
    const at = e.lastRun?.finishedAt;
    if (at && (!last || at > last)) last = at;
  }
  return last;
}

const items = (e: EndpointSummary) => (e.progress ? count.format(e.progress.seen) : '0');

/** The tooltip: what is syncing with its count, or why the tray is not idle. */
export function trayTooltip(snapshot: StatusSnapshot, format: TimeFormat): string {
  const syncing = snapshot.endpoints.filter((e) => e.progress);
  if (syncing.length > 0) {
    const [first] = syncing as [EndpointSummary];
    const more = syncing.length > 1 ? `, and ${syncing.length - 1} more` : '';
    return `Syncing ${first.name}: ${items(first)} items${more}`;
  }
  if (snapshot.pausedAll) return 'File Connector: syncing paused';
  const attention = snapshot.endpoints.filter(needsAttention);
  if (attention.length === 1) return `File Connector: ${attention[0]!.name} needs attention`;
  if (attention.length > 1) return `File Connector: ${attention.length} endpoints need attention`;
  const last = lastSyncAt(snapshot.endpoints);
  return last ? `File Connector: up to date (last sync ${format(last)})` : 'File Connector';
}

/** One endpoint's status line: "Tower A: syncing, 1,234 items", "Site: idle · next 14:30", "Drive: Sign in again". */
export function endpointLine(e: EndpointSummary, format: TimeFormat): string {
  let status: string;
  if (e.progress) status = `syncing, ${items(e)} items`;
  else if (e.health?.authFailed) status = 'Sign in again';
  else if (e.signIn === 'needed') status = 'needs sign-in';
  else if (e.paused || e.scheduleState === 'paused') status = 'paused';
  else if (e.health && !e.health.ok) status = `error: ${shorten(e.health.message, 60)}`;
  else if (e.status === 'error') status = 'last sync failed';
  else status = 'idle';
  const waiting = !e.progress && !e.paused && e.signIn !== 'needed' && !e.health?.authFailed;
  if (waiting && e.nextRunAt) {
    status += e.scheduleState === 'backing-off' ? ` · retry ${format(e.nextRunAt)}` : ` · next ${format(e.nextRunAt)}`;
  }
  return `${e.name}: ${status}`;
}

/** The whole menu; Linux ignores clicks on the icon, so everything is reachable from here. */
export function trayMenu(snapshot: StatusSnapshot, actions: TrayActions, format: TimeFormat): TrayMenuItem[] {
  const last = lastSyncAt(snapshot.endpoints);
  const shown = snapshot.endpoints.slice(0, MAX_ENDPOINT_LINES);
  const hidden = snapshot.endpoints.length - shown.length;
  return [
    { label: 'Open File Connector', click: actions.open },
    { label: 'Sync all now', enabled: snapshot.endpoints.length > 0, click: actions.syncAll },
    snapshot.pausedAll
      ? { label: 'Resume syncing', click: actions.resumeAll }
      : { label: 'Pause syncing', click: actions.pauseAll },
    { type: 'separator' },
    { label: `Last sync: ${last ? format(last) : 'never'}`, enabled: false },
    ...shown.map((e): TrayMenuItem => ({ label: endpointLine(e, format), enabled: false })),
    ...(hidden > 0 ? [{ label: `…and ${hidden} more`, enabled: false }] : []),
    { type: 'separator' },
    { label: 'Quit', click: actions.quit },
  ];
}

/** "14:05" today, "Mar 2, 14:05" on another day, in the user's locale and time zone. */
export function localTimeFormat(now: () => Date = () => new Date()): TimeFormat {
  const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
  const dayTime = new Intl.DateTimeFormat(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (iso) => {
    const at = new Date(iso);
    return at.toDateString() === now().toDateString() ? time.format(at) : dayTime.format(at);
  };
}

function shorten(text: string, max: number): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
