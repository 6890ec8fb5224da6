/**
 * The selected run: what went wrong (with what to do) when it did not succeed, and the files it added, modified,
 * moved or deleted, a page at a time, filtered by kind.
 */
import { useState } from 'react';
import type { ChangeEvent, ChangeKind, SyncRun } from '../../../../src/contract/model';
import { getApi } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { AlertIcon } from '../../components/Icons';
import { Spinner } from '../../components/Spinner';
import { errorMessage } from '../../lib/errors';
import { formatCount, formatDateTime, formatDuration } from '../../lib/format';
import { CHANGE_PAGE, useActivityStore, type ChangesView } from '../../store/activity';
import { useAppStore } from '../../store/app';
import { useEndpointsStore } from '../../store/endpoints';
import { runAdvice } from './runAdvice';
import { triggerLabels } from './RunsTable';

const kindLabels: Record<ChangeKind, string> = {
  added: 'Added',
  modified: 'Modified',
  moved: 'Moved',
  deleted: 'Deleted',
};
const kinds = Object.keys(kindLabels) as ChangeKind[];

/** The panel for the selected run. */
export function RunChanges({ run, view }: { run: SyncRun; view: ChangesView }) {
  const { setChangeKind, setChangeOffset, loadChanges } = useActivityStore.getState();
  const page = view.page;
  const total = page?.total ?? 0;
  const allCount = page ? kinds.reduce((n, k) => n + page.counts[k], 0) : null;

  return (
    <section className="section run-changes" aria-labelledby="changes-heading">
      <div className="section-head">
        <div>
          <h2 id="changes-heading" className="section-title">
            Changes in this sync
          </h2>
          <p className="muted run-caption">
            <strong className="run-caption-name">{run.endpointName}</strong> · {triggerLabels[run.trigger]}{' '}
            {run.kind === 'full' ? 'full' : 'incremental'} sync · started {formatDateTime(run.startedAt, true)}
            {run.durationMs !== null && run.status !== 'running' && (
              <> · took {formatDuration(run.durationMs)}</>
            )} · {formatCount(run.unchanged)} unchanged · {formatCount(run.requests)} requests
            {run.retries > 0 && <> ({formatCount(run.retries)} retried)</>}
          </p>
        </div>
      </div>

      <RunProblem key={run.id} run={run} />
      {run.status === 'running' && (
        <p className="notice notice-info">This sync is still running; its changes are complete when it finishes.</p>
      )}

      <div className="change-kinds" role="group" aria-label="Show changes">
        <KindButton label="All" count={allCount} pressed={view.kind === null} onClick={() => setChangeKind(null)} />
        {kinds.map((kind) => (
          <KindButton
            key={kind}
            label={kindLabels[kind]}
            count={page ? page.counts[kind] : null}
            pressed={view.kind === kind}
            onClick={() => setChangeKind(kind)}
          />
        ))}
      </div>

      {view.error && <ErrorBanner message={view.error} onRetry={() => void loadChanges()} />}
      {!page && view.loading ? (
        <Spinner label="Loading changes…" />
      ) : page && page.changes.length === 0 ? (
        <p className="muted section-empty">
          {view.kind === null
            ? run.status === 'running'
              ? 'No changes recorded yet.'
              : 'Nothing changed in this sync: every file was already up to date.'
            : `No ${kindLabels[view.kind].toLowerCase()} files in this sync.`}
        </p>
      ) : (
        page && (
          <>
            <ChangeList changes={page.changes} stale={view.loading} />
            {total > CHANGE_PAGE && (
              <div className="pager">
                <span className="muted">
                  {formatCount(view.offset + 1)}–{formatCount(Math.min(view.offset + CHANGE_PAGE, total))} of{' '}
                  {formatCount(total)}
                </span>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={view.offset === 0}
                  onClick={() => setChangeOffset(view.offset - CHANGE_PAGE)}
                >
                  Previous page
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={view.offset + CHANGE_PAGE >= total}
                  onClick={() => setChangeOffset(view.offset + CHANGE_PAGE)}
                >
                  Next page
                </button>
              </div>
            )}
          </>
        )
      )}
    </section>
  );
}

function KindButton({
  label,
  count,
  pressed,
  onClick,
}: {
  label: string;
  count: number | null;
  pressed: boolean;
  onClick: () => void;
}) {
  return (
    <button type="button" className="change-kind" aria-pressed={pressed} onClick={onClick}>
      {label}
      {count !== null && <span className="change-kind-count">{formatCount(count)}</span>}
    </button>
  );
}

function ChangeList({ changes, stale }: { changes: ChangeEvent[]; stale: boolean }) {
  return (
    <div className={`table-wrap changes-wrap${stale ? ' is-stale' : ''}`}>
      <table className="table changes-table" aria-label="Changes">
        <thead>
          <tr>
            <th scope="col">Change</th>
            <th scope="col">Name</th>
            <th scope="col">Path</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.id}>
              <td>
                <span className={`change-badge change-badge-${c.kind}`}>{kindLabels[c.kind]}</span>
              </td>
              <td className="strong change-name">{c.name}</td>
              <td className="change-path">
                {c.kind === 'moved' && c.oldPath ? (
                  <>
                    <span className="change-old-path">
                      <span className="visually-hidden">from </span>
                      {c.oldPath}
                    </span>
                    <span aria-hidden="true"> → </span>
                    <span className="visually-hidden">to </span>
                    {c.path}
                  </>
                ) : (
                  c.path
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A failed, partial or cancelled run: its error and what to do, with the actions that do it. */
function RunProblem({ run }: { run: SyncRun }) {
  const endpoint = useEndpointsStore((s) => s.items.find((e) => e.id === run.endpointId));
  const advice = runAdvice(run, endpoint);
  const [syncError, setSyncError] = useState<string | null>(null);
  const [started, setStarted] = useState(false);
  if (!advice) return null;

  async function syncAgain() {
    setSyncError(null);
    try {
      await getApi().invoke('sync.start', { endpointId: run.endpointId });
      setStarted(true);
    } catch (error) {
      setSyncError(errorMessage(error));
    }
  }

  return (
    <div className={`run-problem run-problem-${run.status}`} role="note" aria-label={advice.title}>
      <AlertIcon size={18} />
      <div className="run-problem-body">
        <p className="run-problem-title">{advice.title}</p>
        {run.error && <p className="run-problem-error">{run.error}</p>}
        <p>{advice.advice}</p>
        <div className="run-problem-actions">
          <button type="button" className="btn btn-small" disabled={started} onClick={() => void syncAgain()}>
            {started ? 'Sync started' : 'Sync again'}
          </button>
          {advice.fixOnEndpoint && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => useAppStore.getState().navigate({ page: 'endpoints', endpointId: run.endpointId })}
            >
              Open the endpoint
            </button>
          )}
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => {
              useActivityStore.getState().setLogFilter({ endpointId: run.endpointId, level: null, search: '' });
              document.getElementById('log-heading')?.scrollIntoView?.({ block: 'start' });
            }}
          >
            Show its log
          </button>
          {syncError && (
            <span className="field-error" role="alert">
              {syncError}
            </span>
          )}
        </div>
      </div>
    </div>
  );
}
