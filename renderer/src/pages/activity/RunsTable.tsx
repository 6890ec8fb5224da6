/** Recent sync runs as a plain table (a hundred rows need no virtualization). */
import type { SyncRun } from '../../../../src/contract/model';
import { formatCount, formatDateTime, formatDuration } from '../../lib/format';
import { runStatusLabel } from '../endpoints/RunOutcome';

const triggerLabels: Record<SyncRun['trigger'], string> = {
  manual: 'Manual',
  schedule: 'Schedule',
  startup: 'Start-up',
  webhook: 'Webhook',
};

/** The runs table. */
export function RunsTable({ runs }: { runs: SyncRun[] }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Sync runs">
        <thead>
          <tr>
            <th scope="col">Endpoint</th>
            <th scope="col">Trigger</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="num">
              Added
            </th>
            <th scope="col" className="num">
              Updated
            </th>
            <th scope="col" className="num">
              Deleted
            </th>
            <th scope="col" className="num">
              Unchanged
            </th>
            <th scope="col" className="num">
              Requests
            </th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td className="strong">{r.endpointName}</td>
              <td>{triggerLabels[r.trigger]}</td>
              <td>{r.kind === 'full' ? 'Full' : 'Incremental'}</td>
              <td>
                <span className={`badge badge-run-${r.status}`}>{runStatusLabel(r.status)}</span>
              </td>
              <td>
                <time dateTime={r.startedAt} title={formatDateTime(r.startedAt, true)}>
                  {formatDateTime(r.startedAt)}
                </time>
              </td>
              <td className="num">{r.status === 'running' ? '…' : formatDuration(r.durationMs)}</td>
              <td className="num">{formatCount(r.added)}</td>
              <td className="num">{formatCount(r.updated)}</td>
              <td className="num">{formatCount(r.deleted)}</td>
              <td className="num">{formatCount(r.unchanged)}</td>
              <td className="num">
                {formatCount(r.requests)}
                {r.retries > 0 && <span className="muted"> ({formatCount(r.retries)} retried)</span>}
              </td>
              <td className="error-cell" title={r.error ?? undefined}>
                {r.error ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
