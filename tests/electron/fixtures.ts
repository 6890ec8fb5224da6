/** Endpoint summaries and runs for the tray and notification tests. */
import type { EndpointSummary, SyncRun } from '../../src/contract/model.js';

export function summary(id: number, name: string, change: Partial<EndpointSummary> = {}): EndpointSummary {
  return {
    id,
    name,
    type: 'local_folder',
    settings: { path: `/mnt/${name}` },
    filters: {},
    schedule: { type: 'interval', minutes: 30 },
    paused: false,
    createdAt: '2026-03-02T07:00:00.000Z',
    updatedAt: '2026-03-02T07:00:00.000Z',
    status: 'idle',
    scheduleState: 'scheduled',
    nextRunAt: null,
    consecutiveFailures: 0,
    queued: false,
    signIn: 'not-needed',
    fileCount: 0,
    folderCount: 0,
    totalSize: 0,
    lastRun: null,
    progress: null,
    health: null,
    ...change,
  } as EndpointSummary;
}

export function run(endpointId: number, endpointName: string, change: Partial<SyncRun> = {}): SyncRun {
  return {
    id: 1,
    endpointId,
    endpointName,
    trigger: 'schedule',
    kind: 'incremental',
    status: 'success',
    requests: 1,
    retries: 0,
    pacingWaitMs: 0,
    rateLimitWaitMs: 0,
    bytesReceived: 0,
    entriesSeen: 0,
    filesPerSecond: null,
    phaseMs: {},
    error: null,
    startedAt: '2026-03-02T08:00:00.000Z',
    finishedAt: '2026-03-02T08:00:05.000Z',
    durationMs: 5000,
    added: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    moved: 0,
    ...change,
  };
}

export function progress(endpointId: number, seen: number) {
  return {
    runId: 1,
    endpointId,
    phase: 'listing' as const,
    seen,
    requests: 1,
    elapsedMs: 100,
    added: seen,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    moved: 0,
  };
}

/** A deterministic time format for menus: "HH:MM" in UTC. */
export const utcTime = (iso: string) => iso.slice(11, 16);
