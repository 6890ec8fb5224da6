/** What the Overview says about one endpoint: one state, the problem to show, and when it syncs next. */
import type { EndpointSummary } from '../../../../src/contract/model';
import { formatUntil } from '../../lib/schedule';

export type OverviewState = 'syncing' | 'signin' | 'error' | 'queued' | 'paused' | 'idle';

export const stateLabels: Record<OverviewState, string> = {
  syncing: 'Syncing',
  signin: 'Needs sign-in',
  error: 'Error',
  queued: 'Queued',
  paused: 'Paused',
  idle: 'Idle',
};

/** The one state a card shows, most urgent first; `syncing` wins while a run is under way or starting. */
export function overviewState(endpoint: EndpointSummary, syncing: boolean): OverviewState {
  if (syncing) return 'syncing';
  if (endpoint.signIn === 'needed') return 'signin';
  if (endpoint.status === 'error' || endpoint.health?.ok === false) return 'error';
  if (endpoint.queued) return 'queued';
  if (endpoint.paused || endpoint.scheduleState === 'paused') return 'paused';
  return 'idle';
}

/** The problem to show on an endpoint in error: its last run's error, else what the health check found. */
export function problemOf(endpoint: EndpointSummary): string | null {
  const run = endpoint.lastRun;
  if (run && (run.status === 'failed' || run.status === 'partial') && run.error) return run.error;
  if (endpoint.health && !endpoint.health.ok) return endpoint.health.message;
  return run?.status === 'failed' ? 'The last sync failed.' : null;
}

/** Whether an endpoint wants a person's attention: an error, a sign-in, or failures it keeps retrying. */
export function needsAttention(endpoint: EndpointSummary): boolean {
  const state = overviewState(endpoint, false);
  return state === 'error' || state === 'signin' || endpoint.scheduleState === 'backing-off';
}

/** "in 12 minutes", "Manual only", "On a webhook call", "Paused"… */
export function nextSyncText(endpoint: EndpointSummary, now: number, pausedAll: boolean): string {
  if (endpoint.paused || (pausedAll && endpoint.schedule.type !== 'manual')) return 'Paused';
  if (endpoint.scheduleState === 'waiting-for-hook') return 'On a webhook call';
  if (endpoint.nextRunAt) {
    const when = formatUntil(endpoint.nextRunAt, now);
    return endpoint.scheduleState === 'backing-off' ? `Retry ${when}` : when;
  }
  return endpoint.schedule.type === 'manual' ? 'Manual only' : 'Not planned';
}
