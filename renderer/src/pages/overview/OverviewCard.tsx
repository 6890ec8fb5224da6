/** One endpoint at a glance: state, live progress, size, last and next sync, storage, and "Sync now". */
import { useId } from 'react';
import type { EndpointSummary } from '../../../../src/contract/model';
import { AlertIcon, KeyIcon, SyncIcon } from '../../components/Icons';
import { formatBytes, formatCount, formatDateTime, formatRelative } from '../../lib/format';
import { useAppStore } from '../../store/app';
import { useEndpointsStore } from '../../store/endpoints';
import { endpointLocation, TypeIcon, typeLabels } from '../endpoints/endpointTypes';
import { runStatusLabel } from '../endpoints/RunOutcome';
import { progressText, SyncProgressBar } from '../endpoints/SyncProgressBar';
import { nextSyncText, overviewState, problemOf, stateLabels } from './endpointState';
import { QuotaBar } from './QuotaBar';

/** A card on the Overview page. */
export function OverviewCard({ endpoint, now }: { endpoint: EndpointSummary; now: number }) {
  const nameId = useId();
  const progress = useEndpointsStore((s) => s.progress[endpoint.id] ?? null);
  const starting = useEndpointsStore((s) => s.starting[endpoint.id] ?? false);
  const actionError = useEndpointsStore((s) => s.actionErrors[endpoint.id]);
  const pausedAll = useEndpointsStore((s) => s.scheduler?.pausedAll ?? false);
  const sync = useEndpointsStore((s) => s.sync);
  const navigate = useAppStore((s) => s.navigate);

  const state = overviewState(endpoint, starting || progress !== null || endpoint.status === 'syncing');
  const problem = state === 'error' ? problemOf(endpoint) : null;
  const run = endpoint.lastRun;
  const lastAt = run ? (run.finishedAt ?? run.startedAt) : null;
  const quota = endpoint.health?.quota;
  const location = endpointLocation(endpoint.type, endpoint.settings);
  const manage = () => navigate({ page: 'endpoints', endpointId: endpoint.id });

  return (
    <article className={`card overview-card overview-${state}`} aria-labelledby={nameId}>
      <header className="overview-card-head">
        <span className="endpoint-type-icon" aria-hidden="true">
          <TypeIcon type={endpoint.type} size={20} />
        </span>
        <div className="overview-card-title">
          <h2 id={nameId} className="overview-card-name">
            {endpoint.name}
          </h2>
          <span className="overview-card-where" title={location}>
            {typeLabels[endpoint.type]}
            {location && <> · {location}</>}
          </span>
        </div>
        <span className={`badge badge-${state === 'signin' ? 'signin' : state}`}>{stateLabels[state]}</span>
      </header>

      <div className="overview-card-status" aria-live="polite">
        {state === 'syncing' && (
          <>
            <SyncProgressBar progress={progress} name={endpoint.name} />
            <p className="overview-progress-text">{progressText(progress)}</p>
          </>
        )}
        {problem && (
          <p className="overview-problem">
            <AlertIcon size={15} />
            <span>{problem}</span>
          </p>
        )}
        {state === 'signin' && (
          <p className="overview-signin">
            <KeyIcon size={15} />
            <span>Sign in on the Endpoints page so this source can sync.</span>
          </p>
        )}
        {actionError && (
          <p className="overview-problem" role="alert">
            <AlertIcon size={15} />
            <span>{actionError}</span>
          </p>
        )}
      </div>

      <dl className="overview-facts">
        <div>
          <dt>Files</dt>
          <dd>{formatCount(endpoint.fileCount)}</dd>
        </div>
        <div>
          <dt>Total size</dt>
          <dd>{formatBytes(endpoint.totalSize)}</dd>
        </div>
        <div>
          <dt>Last sync</dt>
          <dd>
            {run && lastAt ? (
              <>
                <time dateTime={lastAt} title={formatDateTime(lastAt, true)}>
                  {formatRelative(lastAt, now)}
                </time>
                {run.status !== 'success' && run.status !== 'running' && (
                  <span className={`overview-run run-${run.status}`}> · {runStatusLabel(run.status)}</span>
                )}
              </>
            ) : (
              'Never'
            )}
          </dd>
        </div>
        <div>
          <dt>Next sync</dt>
          <dd title={endpoint.nextRunAt ? formatDateTime(endpoint.nextRunAt, true) : undefined}>
            {nextSyncText(endpoint, now, pausedAll)}
          </dd>
        </div>
      </dl>

      {quota && <QuotaBar quota={quota} name={endpoint.name} />}

      <footer className="overview-card-actions">
        {state === 'signin' ? (
          <button
            type="button"
            className="btn btn-primary btn-small"
            aria-label={`Sign in to ${endpoint.name}`}
            onClick={manage}
          >
            <KeyIcon />
            Sign in
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-small"
            aria-label={`Sync ${endpoint.name} now`}
            title={state === 'queued' ? `${endpoint.name} is queued: it starts when a slot is free` : undefined}
            disabled={state === 'syncing' || state === 'queued'}
            onClick={() => void sync(endpoint.id).catch(() => undefined)}
          >
            <SyncIcon className={state === 'syncing' ? 'spin' : undefined} />
            Sync now
          </button>
        )}
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-label={`Manage ${endpoint.name}`}
          onClick={manage}
        >
          Manage
        </button>
      </footer>
    </article>
  );
}
