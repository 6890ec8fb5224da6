/** Value formats for the Performance charts, each with its unit. */
import { formatBytes, formatCount, formatDuration } from '../../lib/format';

const compact = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });

/** 3 significant digits without losing whole numbers: 1,234 · 56.7 · 0.89. */
export function formatNumber(value: number): string {
  return Math.abs(value) >= 1000 ? formatCount(Math.round(value)) : compact.format(value);
}

const shortNumber = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/** Axis ticks: as short as the axis is narrow ("12K"); the unit is in the chart's title. */
export function formatTick(value: number): string {
  return shortNumber.format(value);
}

export const formats = {
  filesPerSecond: (v: number) => `${formatNumber(v)} files/s`,
  seconds: (v: number) => formatDuration(v * 1000),
  count: (v: number) => formatCount(Math.round(v)),
  percent: (v: number) => `${formatNumber(v)} %`,
  // Under a byte (an axis tick of a quiet chart) the fraction shows, so two ticks never read the same.
  bytes: (v: number) => (v > 0 && v < 1 ? `${formatNumber(v)} B` : formatBytes(Math.round(v))),
  bytesPerSecond: (v: number) => (v > 0 && v < 1 ? `${formatNumber(v)} B/s` : `${formatBytes(Math.round(v))}/s`),
  ms: (v: number) => `${formatNumber(v)} ms`,
};

/** The last non-null value of a column, or null. */
export function latest(values: (number | null)[] | undefined): number | null {
  if (!values) return null;
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined) return v;
  }
  return null;
}
