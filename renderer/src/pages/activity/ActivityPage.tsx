/** Activity: recent sync runs (refreshed on `sync.finished`) and the live log. */
import { useEffect, useMemo } from 'react';
import type { LogLevel } from '../../../../src/contract/model';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ActivityIcon } from '../../components/Icons';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { levelRank, useActivityStore } from '../../store/activity';
import { useEndpointsStore } from '../../store/endpoints';
import { LogList } from './LogList';
import { RunsTable } from './RunsTable';

/** The Activity page. */
export function ActivityPage() {
  const s = useActivityStore();
  const endpoints = useEndpointsStore((st) => st.items);
  const { loadRuns, loadLogs } = s;

  useEffect(() => {
    void loadRuns();
    void loadLogs();
  }, [loadRuns, loadLogs]);

  const endpointNames = useMemo(() => new Map(endpoints.map((e) => [e.id, e.name])), [endpoints]);
  const visibleLogs = useMemo(
    () => (s.level ? s.logs.filter((l) => levelRank[l.level] >= levelRank[s.level as LogLevel]) : s.logs),
    [s.logs, s.level],
  );

  return (
    <div className="page">
      <PageHeader title="Activity" summary="What File Connector did lately: every sync run and the log." />

      <section className="section" aria-labelledby="runs-heading">
        <div className="section-head">
          <h2 id="runs-heading" className="section-title">
            Sync runs
          </h2>
        </div>
        {s.runsError && <ErrorBanner message={s.runsError} onRetry={() => void loadRuns()} />}
        {!s.runsLoaded ? (
          <Spinner label="Loading runs…" />
        ) : s.runs.length === 0 && !s.runsError ? (
          <EmptyState icon={<ActivityIcon size={32} />} title="No syncs yet">
            <p>Runs appear here as soon as an endpoint syncs.</p>
          </EmptyState>
        ) : (
          <RunsTable runs={s.runs} />
        )}
      </section>

      <section className="section" aria-labelledby="log-heading">
        <div className="section-head">
          <h2 id="log-heading" className="section-title">
            Log
          </h2>
          <label className="inline-label">
            Log level
            <select
              className="input input-compact"
              value={s.level ?? ''}
              onChange={(e) => s.setLevel((e.target.value || null) as LogLevel | null)}
            >
              <option value="">All levels</option>
              <option value="debug">Debug and above</option>
              <option value="info">Info and above</option>
              <option value="warn">Warnings and errors</option>
              <option value="error">Errors only</option>
            </select>
          </label>
        </div>
        {s.logsError && <ErrorBanner message={s.logsError} onRetry={() => void loadLogs()} />}
        {!s.logsLoaded ? (
          <Spinner label="Loading log…" />
        ) : visibleLogs.length === 0 ? (
          <p className="muted section-empty">No log entries{s.level ? ' at this level' : ''} yet.</p>
        ) : (
          <LogList entries={visibleLogs} endpointNames={endpointNames} />
        )}
      </section>
    </div>
  );
}
