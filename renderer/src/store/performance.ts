/** The Performance page's data: runs and the app's sampled metrics over the chosen range, kept live by events. */
import { create } from 'zustand';
import { metricNames, type MetricsSample, type MetricsSeries } from '../../../src/contract/metrics';
import type { SyncRun } from '../../../src/contract/model';
import { getApi } from '../api';
import { errorMessage } from '../lib/errors';

export type RangeId = 'hour' | 'day' | 'week' | 'month';

/** The time ranges offered, in picker order. */
export const ranges: { id: RangeId; label: string; ms: number }[] = [
  { id: 'hour', label: 'Last hour', ms: 3_600_000 },
  { id: 'day', label: 'Last day', ms: 86_400_000 },
  { id: 'week', label: 'Last week', ms: 7 * 86_400_000 },
  { id: 'month', label: 'Last 30 days', ms: 30 * 86_400_000 },
];

export const rangeMs = (id: RangeId) => ranges.find((r) => r.id === id)!.ms;

/** Points per chart: enough for a smooth line on a wide window, few enough to stay cheap. */
const MAX_POINTS = 300;
/** The most runs `runs.list` returns; retention keeps fewer per endpoint anyway. */
const RUN_LIMIT = 1000;

interface PerformanceState {
  range: RangeId;
  /** Run charts show one endpoint's runs, or every endpoint's (null). */
  endpointId: number | null;
  /** The end of the charts' time axis: when the data was loaded, moved on by each live sample. */
  until: number;
  runs: SyncRun[];
  series: MetricsSeries | null;
  loaded: boolean;
  loading: boolean;
  error: string | null;
  setRange(range: RangeId): void;
  setEndpoint(endpointId: number | null): void;
  load(): Promise<void>;
  /** A `metrics.sampled` event: its values join the charts and the window slides on. */
  applySample(sample: MetricsSample): void;
  /** A `sync.finished` event: the run joins (or replaces itself in) the run charts. */
  applyRun(run: SyncRun): void;
}

let loadSeq = 0;

export const usePerformanceStore = create<PerformanceState>()((set, get) => ({
  range: 'day',
  endpointId: null,
  until: Date.now(),
  runs: [],
  series: null,
  loaded: false,
  loading: false,
  error: null,

  setRange(range) {
    set({ range });
    void get().load();
  },

  setEndpoint(endpointId) {
    set({ endpointId });
  },

  async load() {
    const seq = ++loadSeq;
    const until = Date.now();
    const since = until - rangeMs(get().range);
    set({ loading: true });
    try {
      const api = getApi();
      const [runs, series] = await Promise.all([
        api.invoke('runs.list', { limit: RUN_LIMIT }),
        api.invoke('metrics.series', {
          names: [...metricNames],
          since: new Date(since).toISOString(),
          until: new Date(until).toISOString(),
          maxPoints: MAX_POINTS,
        }),
      ]);
      if (seq !== loadSeq) return; // a newer range superseded this answer
      set({ runs, series, until, loaded: true, loading: false, error: null });
    } catch (error) {
      if (seq !== loadSeq) return;
      set({ loading: false, error: errorMessage(error) });
    }
  },

  applySample(sample) {
    const { series, range } = get();
    if (!series) return;
    const at = Date.parse(sample.at);
    if (series.at.length > 0 && at <= series.at[series.at.length - 1]!) return;
    const since = at - rangeMs(range);
    // Points that slid out of the window go, so a page left open for days stays as light as a fresh one.
    const keep = series.at.findIndex((t) => t >= since);
    const from = keep === -1 ? series.at.length : keep;
    const values: MetricsSeries['values'] = {};
    for (const name of metricNames) {
      values[name] = [...(series.values[name] ?? series.at.map(() => null)).slice(from), sample.values[name]];
    }
    set({
      until: at,
      series: { ...series, until: sample.at, at: [...series.at.slice(from), at], values },
    });
  },

  applyRun(run) {
    if (!get().loaded) return;
    set((s) => ({ runs: [run, ...s.runs.filter((r) => r.id !== run.id)], until: Math.max(s.until, Date.now()) }));
  },
}));
