/**
 * Recent sync runs as a plain table (a page of a hundred rows needs no virtualization). A running run's counts move
 * with its progress; choosing a run (its endpoint's name is a button) shows its changes below.
 */
import type { SyncRun } from '../../../../src/contract/model';
import { formatCount, formatDateTime, formatDuration } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import { runStatusLabel } from '../endpoints/RunOutcome';
import { formatWhen } from './when';

export const triggerLabels: Record<SyncRun['trigger'], string> = {
  manual: 'Manual',
  schedule: 'Schedule',
  startup: 'Start-up',
  webhook: 'Webhook',
};

// What changed; the unchanged count is in the chosen run's caption, to keep the table within the window.
const numeric: { key: 'added' | 'updated' | 'moved' | 'deleted'; label: string }[] = [
  { key: 'added', label: 'Added' },
  { key: 'updated', label: 'Modified' },
  { key: 'moved', label: 'Moved' },
  { key: 'deleted', label: 'Deleted' },
];

/** The runs table; `onSelect` receives the chosen run's id. */
export function RunsTable({
  runs,
  selectedRunId,
  onSelect,
}: {
  runs: SyncRun[];
  selectedRunId: number | null;
  onSelect: (runId: number) => void;
}) {
  // Today's runs show only their time: a minute's tick is enough to notice midnight.
  const now = useNow(60_000);
  return (
    <div className="table-wrap runs-wrap">
      <table className="table runs-table" aria-label="Sync runs">
        <thead>
          <tr>
            <th scope="col">Endpoint</th>
            <th scope="col">Started</th>
            <th scope="col">Trigger</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Duration
            </th>
            {numeric.map(({ key, label }) => (
              <th key={key} scope="col" className="num">
                {label}
              </th>
            ))}
            <th scope="col" className="num">
              Requests
            </th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const selected = r.id === selectedRunId;
            return (
              <tr key={r.id} className={selected ? 'is-selected' : undefined} onClick={() => onSelect(r.id)}>
                <td className="strong">
                  <button
                    type="button"
                    className="run-select"
                    aria-pressed={selected}
                    aria-label={`${r.endpointName}, sync started ${formatDateTime(r.startedAt, true)}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      onSelect(r.id);
                    }}
                  >
                    {r.endpointName}
                  </button>
                </td>
                <td>
                  <time dateTime={r.startedAt} title={formatDateTime(r.startedAt, true)}>
                    {formatWhen(r.startedAt, now)}
                  </time>
                </td>
                <td>{triggerLabels[r.trigger]}</td>
                <td>{r.kind === 'full' ? 'Full' : 'Incremental'}</td>
                <td>
                  <span className={`badge badge-run-${r.status}`}>{runStatusLabel(r.status)}</span>
                </td>
                <td className="num">
                  {r.status === 'running' && r.durationMs === null ? '…' : formatDuration(r.durationMs)}
                </td>
                {numeric.map(({ key }) => (
                  <td key={key} className={`num${r[key] === 0 ? ' zero' : ''}`}>
                    {formatCount(r[key])}
                  </td>
                ))}
                <td className="num">
                  {formatCount(r.requests)}
                  {r.retries > 0 && <span className="muted"> ({formatCount(r.retries)} retried)</span>}
                </td>
                <td title={r.error ?? undefined}>
                  <span className="run-error">{r.error ?? ''}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
