/** One line about how the last sync ended. */
import type { SyncRun } from '../../../../src/contract/model';
import { formatCount, formatDateTime, formatDuration, formatRelative } from '../../lib/format';

const statusLabels: Record<SyncRun['status'], string> = {
  running: 'Running',
  success: 'Succeeded',
  partial: 'Partly failed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Human label for a run status. */
export function runStatusLabel(status: SyncRun['status']): string {
  return statusLabels[status];
}

/** "Last sync 3 minutes ago · Succeeded · 1.2 s" over "12 added · 3 updated · 0 deleted". */
export function RunOutcome({ run, now }: { run: SyncRun | null; now: number }) {
  if (!run) return <span className="muted">Never synced. Press Sync now to build the catalog.</span>;
  const at = run.finishedAt ?? run.startedAt;
  return (
    <span className="run-outcome">
      <span>
        Last sync{' '}
        <time dateTime={at} title={formatDateTime(at, true)}>
          {formatRelative(at, now)}
        </time>{' '}
        · <span className={`run-status run-${run.status}`}>{runStatusLabel(run.status)}</span>
        {run.durationMs !== null && <> · {formatDuration(run.durationMs)}</>}
      </span>
      <span className="run-counts">
        {formatCount(run.added)} added · {formatCount(run.updated)} updated · {formatCount(run.deleted)} deleted ·{' '}
        {formatCount(run.unchanged)} unchanged
      </span>
    </span>
  );
}
