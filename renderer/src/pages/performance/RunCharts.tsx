/** The run charts: speed, duration, requests and retries, and time spent waiting for rate limits, one point per run. */
import { useMemo } from 'react';
import type { SyncRun } from '../../../../src/contract/model';
import { formatDateTime, plural } from '../../lib/format';
import { runColumns } from './runSeries';
import { TimeChart } from './TimeChart';
import { formats, formatTick, latest } from './units';

/** Four charts over the given (already filtered) runs. */
export function RunCharts({
  runs,
  from,
  to,
  scope,
}: {
  runs: SyncRun[];
  from: number;
  to: number;
  /** "in the last day", "of Site documents in the last day": what the charts cover, for their text alternatives. */
  scope: string;
}) {
  const c = useMemo(() => runColumns(runs), [runs]);
  const last = runs[runs.length - 1];
  const lastRun = last ? ` (latest run: ${last.endpointName}, ${formatDateTime(last.startedAt)})` : '';
  const count = plural(runs.length, 'run');
  const describe = (title: string, value: string) => `${title}: ${count} ${scope}. Latest ${value}${lastRun}.`;
  const speed = latest(c.filesPerSecond);
  const common = { at: c.at, from, to, kind: 'points' as const };

  const speedText = speed === null ? 'too short to measure' : formats.filesPerSecond(speed);
  const duration = formats.seconds(latest(c.durationSeconds) ?? 0);
  const requests = `${formats.count(latest(c.requests) ?? 0)} requests, ${formats.count(latest(c.retries) ?? 0)} retries`;
  const waits = `${formats.seconds(latest(c.pacingWaitSeconds) ?? 0)} pacing, ${formats.seconds(latest(c.rateLimitWaitSeconds) ?? 0)} rate limit`;

  return (
    <div className="chart-grid">
      <TimeChart
        {...common}
        title="Files per second"
        headline={speedText}
        series={[{ label: 'Files per second', values: c.filesPerSecond }]}
        format={formats.filesPerSecond}
        formatAxis={formatTick}
        description={describe('Files per second', speedText)}
      />
      <TimeChart
        {...common}
        title="Duration per run"
        headline={duration}
        series={[{ label: 'Duration', values: c.durationSeconds }]}
        format={formats.seconds}
        description={describe('Duration per run', duration)}
      />
      <TimeChart
        {...common}
        title="Requests and retries"
        headline={requests}
        series={[
          { label: 'Requests', values: c.requests },
          { label: 'Retries', values: c.retries },
        ]}
        format={formats.count}
        formatAxis={formatTick}
        description={describe('Requests and retries', requests)}
      />
      <TimeChart
        {...common}
        title="Waiting for rate limits"
        headline={waits}
        series={[
          { label: 'Pacing', values: c.pacingWaitSeconds },
          { label: 'Rate limit (Retry-After)', values: c.rateLimitWaitSeconds },
        ]}
        format={formats.seconds}
        description={describe('Waiting for rate limits', waits)}
      />
    </div>
  );
}
