/** Performance: how fast syncs run and what they wait for, and what the app itself costs, over a chosen range. */
import { useEffect, useId, useMemo } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PerformanceIcon, SyncIcon } from '../../components/Icons';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { useAppStore } from '../../store/app';
import { useEndpointsStore } from '../../store/endpoints';
import { rangeMs, ranges, usePerformanceStore } from '../../store/performance';
import { AppCharts } from './AppCharts';
import { RangePicker } from './RangePicker';
import { RunCharts } from './RunCharts';
import { runsInRange } from './runSeries';

/** The Performance page. */
export function PerformancePage() {
  const range = usePerformanceStore((s) => s.range);
  const endpointId = usePerformanceStore((s) => s.endpointId);
  const until = usePerformanceStore((s) => s.until);
  const runs = usePerformanceStore((s) => s.runs);
  const series = usePerformanceStore((s) => s.series);
  const loaded = usePerformanceStore((s) => s.loaded);
  const error = usePerformanceStore((s) => s.error);
  const load = usePerformanceStore((s) => s.load);
  const setRange = usePerformanceStore((s) => s.setRange);
  const setEndpoint = usePerformanceStore((s) => s.setEndpoint);
  const endpoints = useEndpointsStore((s) => s.items);
  const setPage = useAppStore((s) => s.setPage);
  const filterId = useId();

  // Fresh figures each time the page opens; events keep them current while it is open.
  useEffect(() => {
    void load();
  }, [load]);

  const from = until - rangeMs(range);
  const rangeText = ranges.find((r) => r.id === range)!.label.toLowerCase();
  const shownRuns = useMemo(() => runsInRange(runs, from, until, endpointId), [runs, from, until, endpointId]);
  const endpointName = endpoints.find((e) => e.id === endpointId)?.name;
  const runScope = `${endpointName ? `of ${endpointName} ` : ''}in the ${rangeText}`;
  const anyRuns = runs.some((r) => r.status !== 'running');
  const anySamples = (series?.at.length ?? 0) > 0;

  return (
    <div className="page">
      <PageHeader
        title="Performance"
        summary="How fast syncs run, what they wait for, and what File Connector itself uses."
        actions={<RangePicker value={range} onChange={setRange} />}
      />

      {error && <ErrorBanner message={error} onRetry={() => void load()} />}

      {!loaded && !error && (
        <div className="page-loading">
          <Spinner label="Loading performance figures…" />
        </div>
      )}

      {loaded && (
        <>
          <section className="section" aria-labelledby={`${filterId}-runs`}>
            <div className="section-head">
              <h2 id={`${filterId}-runs`} className="section-title">
                Sync runs
              </h2>
              {anyRuns && (
                <label className="inline-label" htmlFor={filterId}>
                  Endpoint
                  <select
                    id={filterId}
                    className="input input-compact"
                    value={endpointId ?? ''}
                    onChange={(e) => setEndpoint(e.target.value === '' ? null : Number(e.target.value))}
                  >
                    <option value="">All endpoints</option>
                    {endpoints.map((e) => (
                      <option key={e.id} value={e.id}>
                        {e.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
            {!anyRuns ? (
              <EmptyState
                icon={<PerformanceIcon size={36} />}
                title="No runs yet: sync an endpoint to see its speed here"
                action={
                  <button type="button" className="btn" onClick={() => setPage('overview')}>
                    <SyncIcon />
                    Go to Overview
                  </button>
                }
              >
                <p>Each sync adds a point: files per second, how long it took, its requests and what it waited for.</p>
              </EmptyState>
            ) : shownRuns.length === 0 ? (
              <p className="section-empty muted">
                No runs {runScope}. Choose a longer range{endpointName ? ' or all endpoints' : ''} to see earlier ones.
              </p>
            ) : (
              <RunCharts runs={shownRuns} from={from} to={until} scope={runScope} />
            )}
          </section>

          <section className="section" aria-labelledby={`${filterId}-app`}>
            <div className="section-head">
              <h2 id={`${filterId}-app`} className="section-title">
                The app
              </h2>
              <span className="muted">Sampled every 10 seconds while File Connector runs</span>
            </div>
            {series && anySamples ? (
              <AppCharts series={series} from={from} to={until} scope={`in the ${rangeText}`} />
            ) : (
              <p className="section-empty muted">
                No samples in the {rangeText} yet: File Connector records its CPU, memory and delays every 10 seconds
                while it runs.
              </p>
            )}
          </section>
        </>
      )}
    </div>
  );
}
