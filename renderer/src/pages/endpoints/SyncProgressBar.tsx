/** The live bar shown while an endpoint syncs; the core does not know the total up front, so it is indeterminate. */
import type { SyncProgress } from '../../../../src/contract/model';
import { formatCount } from '../../lib/format';

/** An indeterminate progress bar whose value text carries the live counts. */
export function SyncProgressBar({ progress, name }: { progress: SyncProgress | null; name: string }) {
  const seen = progress?.seen ?? 0;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={`Sync progress for ${name}`}
      aria-valuetext={progress ? `${formatCount(seen)} items seen` : 'Starting'}
    >
      <div className="progress-track">
        <div className="progress-indeterminate" />
      </div>
    </div>
  );
}

/** "Syncing… 1,234 items · 12 added · 3 updated · 0 deleted". */
export function progressText(progress: SyncProgress | null): string {
  if (!progress) return 'Starting sync…';
  const phase = progress.phase === 'sweeping' ? 'Checking for deletions…' : 'Syncing…';
  return `${phase} ${formatCount(progress.seen)} items · ${formatCount(progress.added)} added · ${formatCount(progress.updated)} updated · ${formatCount(progress.deleted)} deleted`;
}
