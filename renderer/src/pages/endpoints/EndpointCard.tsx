/** One endpoint: what it is, how big, how its last sync went, and its actions. */
import { useId } from 'react';
import type { EndpointStatus, EndpointSummary } from '../../../../src/contract/model';
import { EditIcon, StopIcon, SyncIcon, TrashIcon } from '../../components/Icons';
import { formatBytes, formatCount } from '../../lib/format';
import { useEndpointsStore } from '../../store/endpoints';
import { endpointLocation, TypeIcon, typeLabels } from './endpointTypes';
import { RunOutcome } from './RunOutcome';
import { progressText, SyncProgressBar } from './SyncProgressBar';

const statusLabels: Record<EndpointStatus, string> = {
  idle: 'Idle',
  syncing: 'Syncing',
  error: 'Error',
  paused: 'Paused',
};

/** A card on the Endpoints page. */
export function EndpointCard({
  endpoint,
  now,
  onEdit,
  onRemove,
}: {
  endpoint: EndpointSummary;
  now: number;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const nameId = useId();
  const progress = useEndpointsStore((s) => s.progress[endpoint.id] ?? null);
  const starting = useEndpointsStore((s) => s.starting[endpoint.id] ?? false);
  const actionError = useEndpointsStore((s) => s.actionErrors[endpoint.id]);
  const sync = useEndpointsStore((s) => s.sync);
  const cancel = useEndpointsStore((s) => s.cancel);

  const syncing = starting || progress !== null || endpoint.status === 'syncing';
  const status: EndpointStatus = syncing ? 'syncing' : endpoint.status;
  const location = endpointLocation(endpoint.type, endpoint.settings);
  const lastError =
    endpoint.lastRun && (endpoint.lastRun.status === 'failed' || endpoint.lastRun.status === 'partial')
      ? endpoint.lastRun.error
      : null;

  return (
    <article className={`card endpoint-card status-${status}`} aria-labelledby={nameId}>
      <header className="endpoint-head">
        <span className="endpoint-type-icon" aria-hidden="true">
          <TypeIcon type={endpoint.type} />
        </span>
        <div className="endpoint-title">
          <h3 id={nameId} className="endpoint-name">
            {endpoint.name}
          </h3>
          <span className="endpoint-type">{typeLabels[endpoint.type]}</span>
        </div>
        <span className={`badge badge-${status}`}>{statusLabels[status]}</span>
      </header>

      {location && (
        <p className="endpoint-path" title={location}>
          <bdi dir="ltr">{location}</bdi>
        </p>
      )}

      <dl className="endpoint-stats">
        <div>
          <dt>Files</dt>
          <dd>{formatCount(endpoint.fileCount)}</dd>
        </div>
        <div>
          <dt>Folders</dt>
          <dd>{formatCount(endpoint.folderCount)}</dd>
        </div>
        <div>
          <dt>Total size</dt>
          <dd>{formatBytes(endpoint.totalSize)}</dd>
        </div>
        <div>
          <dt>Schedule</dt>
          <dd>
            {endpoint.schedule.type === 'interval' ? `Every ${endpoint.schedule.minutes} min` : scheduleLabel(endpoint)}
          </dd>
        </div>
      </dl>

      <div className="endpoint-sync">
        {syncing && <SyncProgressBar progress={progress} name={endpoint.name} />}
        <p className="endpoint-run" aria-live="polite">
          {syncing ? progressText(progress) : <RunOutcome run={endpoint.lastRun} now={now} />}
        </p>
        {!syncing && lastError && (
          <p className="endpoint-error" role="alert">
            {lastError}
          </p>
        )}
        {actionError && (
          <p className="endpoint-error" role="alert">
            {actionError}
          </p>
        )}
      </div>

      <footer className="endpoint-actions">
        <button
          type="button"
          className="btn btn-primary"
          aria-describedby={nameId}
          title={`Sync ${endpoint.name} now`}
          disabled={syncing}
          onClick={() => void sync(endpoint.id).catch(() => undefined)}
        >
          <SyncIcon className={syncing ? 'spin' : undefined} />
          Sync now
        </button>
        {syncing && !starting && (
          <button
            type="button"
            className="btn"
            aria-describedby={nameId}
            title={`Stop syncing ${endpoint.name}`}
            onClick={() => void cancel(endpoint.id)}
          >
            <StopIcon />
            Cancel sync
          </button>
        )}
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-ghost"
          aria-describedby={nameId}
          title={endpoint.type === 'local_folder' ? `Edit ${endpoint.name}` : 'Editing this type is not available yet'}
          disabled={endpoint.type !== 'local_folder'}
          onClick={onEdit}
        >
          <EditIcon />
          Edit
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-danger-text"
          aria-describedby={nameId}
          title={`Remove ${endpoint.name}`}
          disabled={syncing}
          onClick={onRemove}
        >
          <TrashIcon />
          Remove
        </button>
      </footer>
    </article>
  );
}

function scheduleLabel(endpoint: EndpointSummary): string {
  switch (endpoint.schedule.type) {
    case 'manual':
      return 'Manual';
    case 'cron':
      return endpoint.schedule.expression;
    case 'startup':
      return 'On start-up';
    case 'webhook':
      return 'On change';
    default:
      return '—';
  }
}
