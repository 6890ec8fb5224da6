/** One endpoint: what it is, how big, how its last sync went, and its actions. */
import { useId, useState } from 'react';
import type { EndpointStatus, EndpointSummary } from '../../../../src/contract/model';
import {
  EditIcon,
  KeyIcon,
  PauseIcon,
  PlayIcon,
  SignOutIcon,
  StopIcon,
  SyncIcon,
  TrashIcon,
} from '../../components/Icons';
import { formatBytes, formatCount } from '../../lib/format';
import { useEndpointsStore } from '../../store/endpoints';
import { secretNeededText, useAccActions } from './AccActions';
import { endpointLocation, signInText, TypeIcon, typeLabels } from './endpointTypes';
import { RunOutcome } from './RunOutcome';
import { ScheduleLine } from './ScheduleLine';
import { progressText, SyncProgressBar } from './SyncProgressBar';

const statusLabels: Record<EndpointStatus, string> = {
  idle: 'Idle',
  syncing: 'Syncing',
  error: 'Error',
  paused: 'Paused',
};

/** A card on the Endpoints page. */
/** The DOM id of an endpoint's card, for `app.navigate` to scroll to. */
export function endpointCardId(endpointId: number): string {
  return `endpoint-card-${endpointId}`;
}

export function EndpointCard({
  endpoint,
  now,
  onEdit,
  onRemove,
  onSignIn,
  onSignOut,
}: {
  endpoint: EndpointSummary;
  now: number;
  onEdit: () => void;
  onRemove: () => void;
  onSignIn: () => void;
  onSignOut: () => void;
}) {
  const nameId = useId();
  const signInNoteId = useId();
  const progress = useEndpointsStore((s) => s.progress[endpoint.id] ?? null);
  const starting = useEndpointsStore((s) => s.starting[endpoint.id] ?? false);
  const actionError = useEndpointsStore((s) => s.actionErrors[endpoint.id]);
  const sync = useEndpointsStore((s) => s.sync);
  const cancel = useEndpointsStore((s) => s.cancel);
  const setPaused = useEndpointsStore((s) => s.setPaused);
  const pausedAll = useEndpointsStore((s) => s.scheduler?.pausedAll ?? false);
  const [pausing, setPausing] = useState(false);

  const syncing = starting || progress !== null || endpoint.status === 'syncing';
  const acc = useAccActions(endpoint, { describedBy: nameId, busy: syncing });
  const status: EndpointStatus = syncing ? 'syncing' : endpoint.status;
  const location = endpointLocation(endpoint.type, endpoint.settings);
  const needsSignIn = endpoint.signIn === 'needed' && !syncing;
  const signIn = signInText(endpoint.type);
  const provider = signIn.label;
  const queued = endpoint.queued && !syncing;
  const badge = needsSignIn
    ? { className: 'badge-signin', label: 'Needs sign-in' }
    : queued
      ? { className: 'badge-queued', label: 'Queued' }
      : null;
  const looksPaused = endpoint.paused || endpoint.scheduleState === 'paused';
  const togglePause = async () => {
    setPausing(true);
    try {
      await setPaused(endpoint.id, !endpoint.paused);
    } finally {
      setPausing(false);
    }
  };
  const lastError =
    endpoint.lastRun && (endpoint.lastRun.status === 'failed' || endpoint.lastRun.status === 'partial')
      ? endpoint.lastRun.error
      : null;

  return (
    <article
      id={endpointCardId(endpoint.id)}
      className={`card endpoint-card status-${status}${looksPaused ? ' endpoint-card-paused' : ''}`}
      aria-labelledby={nameId}
      // Focusable from script only: a notification about this endpoint brings the window here.
      tabIndex={-1}
    >
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
        <span className={`badge ${badge ? badge.className : `badge-${status}`}`}>
          {badge ? badge.label : statusLabels[status]}
        </span>
      </header>

      {location &&
        (endpoint.type === 'local_folder' ? (
          <p className="endpoint-path" title={location}>
            <bdi dir="ltr">{location}</bdi>
          </p>
        ) : (
          <p className="endpoint-scope" title={location}>
            {location}
          </p>
        ))}

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
      </dl>

      <ScheduleLine endpoint={endpoint} now={now} pausedAll={pausedAll} />

      <div className="endpoint-sync">
        {needsSignIn && (
          <p id={signInNoteId} className="endpoint-signin-note">
            <KeyIcon size={15} />
            <span>{endpoint.signInKind === 'secret' ? secretNeededText : signIn.needed}</span>
          </p>
        )}
        {syncing && <SyncProgressBar progress={progress} name={endpoint.name} />}
        {queued && <p className="endpoint-queued">Queued: starts when a slot is free</p>}
        {!(needsSignIn && !endpoint.lastRun) && (
          <p className="endpoint-run" aria-live="polite">
            {syncing ? progressText(progress) : <RunOutcome run={endpoint.lastRun} now={now} />}
          </p>
        )}
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
        {needsSignIn && acc.secretButton}
        {needsSignIn && endpoint.signInKind !== 'secret' && (
          <button type="button" className="btn btn-primary" aria-describedby={nameId} onClick={onSignIn}>
            <KeyIcon />
            Sign in with {provider}
          </button>
        )}
        <button
          type="button"
          className={needsSignIn ? 'btn' : 'btn btn-primary'}
          aria-describedby={needsSignIn ? `${nameId} ${signInNoteId}` : nameId}
          title={
            needsSignIn
              ? `Sign in first: ${endpoint.name} cannot sync yet`
              : queued
                ? `${endpoint.name} is queued: it starts when a slot is free`
                : `Sync ${endpoint.name} now`
          }
          disabled={syncing || needsSignIn || queued}
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
        {endpoint.paused ? (
          <button
            type="button"
            className="btn"
            aria-describedby={nameId}
            title={`Let ${endpoint.name} sync on its schedule again`}
            disabled={pausing}
            onClick={() => void togglePause()}
          >
            <PlayIcon />
            Resume
          </button>
        ) : (
          endpoint.schedule.type !== 'manual' && (
            <button
              type="button"
              className="btn"
              aria-describedby={nameId}
              title={`Stop the automatic syncs of ${endpoint.name}; Sync now still works`}
              disabled={pausing}
              onClick={() => void togglePause()}
            >
              <PauseIcon />
              Pause
            </button>
          )
        )}
        <div className="endpoint-secondary">
          {acc.projectsButton}
          {endpoint.signIn === 'signed-in' && (
            <button
              type="button"
              className="btn btn-ghost"
              aria-describedby={nameId}
              title={`Forget the saved ${provider} sign-in of ${endpoint.name}`}
              disabled={syncing}
              onClick={onSignOut}
            >
              <SignOutIcon />
              Sign out
            </button>
          )}
          <button
            type="button"
            className="btn btn-ghost"
            aria-describedby={nameId}
            title={`Edit ${endpoint.name}`}
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
        </div>
      </footer>
      {acc.dialogs}
    </article>
  );
}
