/**
 * A time chart drawn by uPlot (small and fast on canvas): a titled card whose plot is an image named by its latest
 * value, so screen readers and tests read what the eye sees. Colours come from the theme's CSS variables.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { canDrawCharts, chartColors, useThemeVersion, withAlpha } from './chartTheme';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

export interface TimeChartProps {
  title: string;
  /** Point times, ms since the epoch. */
  at: number[];
  series: ChartSeries[];
  /** The time axis: the chosen range, whatever the data covers. */
  from: number;
  to: number;
  /** Formats a value with its unit: "12.5 %", "340 MB", "1,200 files/s"; keep it stable (the chart is rebuilt when it changes). */
  format(value: number): string;
  /** Formats the value axis' ticks, when `format` is too long for it (stable, like `format`). */
  formatAxis?(value: number): string;
  /** The text alternative: what the chart shows and its latest value. */
  description: string;
  /** The figure shown beside the title (usually the latest value). */
  headline?: string;
  /** `points`: one dot per run (runs of different endpoints are not a line); `line`: a sampled series, softly filled. */
  kind?: 'line' | 'points';
  height?: number;
}

/** Up to this many points, a line chart also draws each point. */
const SPARSE_POINTS = 60;

/** One chart card. */
export function TimeChart({
  title,
  at,
  series,
  from,
  to,
  format,
  formatAxis = format,
  description,
  headline,
  kind = 'line',
  height = 170,
}: TimeChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const theme = useThemeVersion();
  const labels = series.map((s) => s.label).join('\u0000');

  // Built once per theme and shape; data changes only call setData.
  useEffect(() => {
    const element = plotRef.current;
    if (!element || !canDrawCharts()) return;
    const colors = chartColors(element);
    const names = labels.split('\u0000');
    const fmt = (v: number | null) => (v === null || v === undefined ? '—' : format(v));
    const axis = {
      stroke: colors.axis,
      font: colors.font,
      grid: { stroke: colors.grid, width: 1 },
      ticks: { stroke: colors.grid, width: 1, size: 4 },
    };
    const sparse = (u: uPlot) => u.data[0].length <= SPARSE_POINTS;
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height,
      ms: 1,
      cursor: { drag: { x: false, y: false }, points: { size: 7 } },
      legend: { show: true, live: true },
      scales: {
        x: { time: true },
        // From zero, with headroom; a flat zero line still gets a visible scale.
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] },
      },
      axes: [
        { ...axis, space: 60 },
        { ...axis, size: 60, space: 30, values: (_u, splits) => splits.map((v) => formatAxis(v)) },
      ],
      series: [
        { value: (_u, v) => (v === null ? '—' : new Date(v).toLocaleString()) },
        ...names.map((label, i) => {
          const stroke = colors.series[i % colors.series.length]!;
          return {
            label,
            stroke,
            width: 1.75,
            fill: kind === 'line' && i === 0 ? withAlpha(stroke, 0.12) : undefined,
            ...(kind === 'points' ? { paths: () => null } : {}),
            // Sparse samples (the app just started, or ran briefly) would be invisible as a line: dots show them.
            points: { show: kind === 'points' || sparse, size: kind === 'points' ? 7 : 5, fill: stroke, stroke },
            value: (_u: uPlot, v: number | null) => fmt(v),
          };
        }),
      ],
    };
    const chart = new uPlot(options, [[]], element);
    chartRef.current = chart;
    const resize = new ResizeObserver(() => {
      const width = Math.max(200, element.clientWidth);
      if (width !== chart.width) chart.setSize({ width, height });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      chartRef.current = null;
    };
  }, [theme, labels, kind, height, format, formatAxis]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.batch(() => {
      chart.setData([at, ...series.map((s) => s.values)] as uPlot.AlignedData);
      chart.setScale('x', { min: from, max: to });
    });
  }, [at, series, from, to, theme, labels, kind, height, format, formatAxis]);

  return (
    <figure className="card chart-card">
      <figcaption className="chart-head">
        <span className="chart-title">{title}</span>
        {headline && <span className="chart-headline">{headline}</span>}
      </figcaption>
      <div
        ref={plotRef}
        className={`chart-plot${series.length === 1 ? ' chart-plot-single' : ''}`}
        role="img"
        aria-label={description}
        style={{ minHeight: height }}
      />
    </figure>
  );
}
