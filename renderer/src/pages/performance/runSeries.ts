/** Per-run figures for the Performance page's run charts, from `runs.list`, in chart columns. */
import type { SyncRun } from '../../../../src/contract/model';

/** Finished runs in the range (and of one endpoint, when given), oldest first. */
export function runsInRange(runs: SyncRun[], since: number, until: number, endpointId: number | null): SyncRun[] {
  return runs
    .filter((r) => r.status !== 'running' && r.durationMs !== null)
    .filter((r) => endpointId === null || r.endpointId === endpointId)
    .filter((r) => {
      const at = Date.parse(r.startedAt);
      return at >= since && at <= until;
    })
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
}

/** Entries a run went through: everything it listed, whether it changed or not. */
export function entriesOf(run: SyncRun): number {
  return run.added + run.updated + run.moved + run.unchanged;
}

/** Entries per second over the run's whole duration; null for a run too short to measure. */
export function filesPerSecond(run: SyncRun): number | null {
  if (!run.durationMs || run.durationMs <= 0) return null;
  // The core's figure counts every entry the connector reported; runs recorded before it did use their counts.
  if (run.entriesSeen > 0 && run.filesPerSecond !== null) return run.filesPerSecond;
  return entriesOf(run) / (run.durationMs / 1000);
}

export interface RunColumns {
  at: number[];
  filesPerSecond: (number | null)[];
  durationSeconds: number[];
  requests: number[];
  retries: number[];
  pacingWaitSeconds: number[];
  rateLimitWaitSeconds: number[];
}

/** The run charts' data: one point per run at its start. */
export function runColumns(runs: SyncRun[]): RunColumns {
  return {
    at: runs.map((r) => Date.parse(r.startedAt)),
    filesPerSecond: runs.map(filesPerSecond),
    durationSeconds: runs.map((r) => (r.durationMs ?? 0) / 1000),
    requests: runs.map((r) => r.requests),
    retries: runs.map((r) => r.retries),
    pacingWaitSeconds: runs.map((r) => r.pacingWaitMs / 1000),
    rateLimitWaitSeconds: runs.map((r) => r.rateLimitWaitMs / 1000),
  };
}
