/**
 * Activity: every sync run (live while it runs), the changes of the chosen run, and the live log. Fed by the
 * activity store, which the contract's events keep current; nothing here polls.
 */
import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ActivityIcon } from '../../components/Icons';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { useActivityStore } from '../../store/activity';
import { useAppStore } from '../../store/app';
import { useEndpointsStore } from '../../store/endpoints';
import { LogView } from './LogView';
import { RunChanges } from './RunChanges';
import { RunsTable } from './RunsTable';

/** The Activity page. */
export function ActivityPage() {
  const runs = useActivityStore((s) => s.runs);
  const runsLoaded = useActivityStore((s) => s.runsLoaded);
  const runsError = useActivityStore((s) => s.runsError);
  const moreRuns = useActivityStore((s) => s.moreRuns);
  const selectedRunId = useActivityStore((s) => s.selectedRunId);
  const changes = useActivityStore((s) => s.changes);
  const { loadRuns, loadOlderRuns, selectRun } = useActivityStore.getState();
  const endpoints = useEndpointsStore((s) => s.items);
  const endpointCount = useEndpointsStore((s) => s.items.length);

  useEffect(() => {
    void useActivityStore.getState().loadRuns();
    void useActivityStore.getState().loadLogs();
  }, []);

  const selected = runs.find((r) => r.id === selectedRunId) ?? null;

  return (
    <div className="page activity-page">
      <PageHeader
        title="Activity"
        summary="What File Connector did lately: every sync, what it changed, and the log."
      />

      <section className="section" aria-labelledby="runs-heading">
        <div className="section-head">
          <h2 id="runs-heading" className="section-title">
            Sync runs
          </h2>
        </div>
        {runsError && <ErrorBanner message={runsError} onRetry={() => void loadRuns()} />}
        {!runsLoaded ? (
          <Spinner label="Loading runs…" />
        ) : runs.length === 0 && !runsError ? (
          <EmptyState
            icon={<ActivityIcon size={32} />}
            title="No syncs yet"
            action={
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => useAppStore.getState().setPage('endpoints')}
              >
                {endpointCount === 0 ? 'Add an endpoint' : 'Go to Endpoints'}
              </button>
            }
          >
            <p>
              {endpointCount === 0
                ? 'Add a folder, Google Drive or Autodesk project under Endpoints and sync it: each sync and what it changed shows up here.'
                : 'Press Sync now on an endpoint (or wait for its schedule): each sync and what it changed shows up here.'}
            </p>
          </EmptyState>
        ) : (
          <>
            <RunsTable runs={runs} selectedRunId={selectedRunId} onSelect={selectRun} />
            {moreRuns && (
              <button type="button" className="btn btn-small show-older" onClick={() => void loadOlderRuns()}>
                Show older runs
              </button>
            )}
          </>
        )}
      </section>

      {selected && changes && <RunChanges run={selected} view={changes} />}

      <section className="section" aria-labelledby="log-heading">
        <div className="section-head">
          <h2 id="log-heading" className="section-title">
            Log
          </h2>
        </div>
        <LogView endpoints={endpoints} />
      </section>
    </div>
  );
}
