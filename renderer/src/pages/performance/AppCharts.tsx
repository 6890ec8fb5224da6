/** The app's own charts from its sampled metrics: catalog size, CPU, memory, event-loop delay, network and disk use. */
import type { MetricName, MetricsSeries } from '../../../../src/contract/metrics';
import { TimeChart, type ChartSeries } from './TimeChart';
import { formats, formatTick, latest } from './units';

interface ChartSpec {
  title: string;
  metrics: { name: MetricName; label: string }[];
  format(value: number): string;
  formatAxis?(value: number): string;
}

const charts: ChartSpec[] = [
  {
    title: 'Catalog size',
    metrics: [{ name: 'catalog.files', label: 'Files' }],
    format: formats.count,
    formatAxis: formatTick,
  },
  { title: 'CPU', metrics: [{ name: 'process.cpu', label: 'CPU' }], format: formats.percent },
  {
    title: 'Memory',
    metrics: [
      { name: 'process.rss', label: 'Resident' },
      { name: 'process.heapUsed', label: 'JavaScript heap' },
    ],
    format: formats.bytes,
  },
  {
    title: 'Event-loop delay',
    metrics: [
      { name: 'eventLoop.p50', label: 'Median' },
      { name: 'eventLoop.p99', label: '99th percentile' },
      { name: 'eventLoop.max', label: 'Worst' },
    ],
    format: formats.ms,
  },
  {
    title: 'Network traffic',
    metrics: [
      { name: 'network.received', label: 'Received' },
      { name: 'network.sent', label: 'Sent' },
    ],
    format: formats.bytesPerSecond,
  },
  { title: 'Data folder on disk', metrics: [{ name: 'disk.dataFolder', label: 'Disk use' }], format: formats.bytes },
];

/** Six charts over the sampled series; `scope` is "in the last day" and the like. */
export function AppCharts({
  series,
  from,
  to,
  scope,
}: {
  series: MetricsSeries;
  from: number;
  to: number;
  scope: string;
}) {
  return (
    <div className="chart-grid">
      {charts.map((spec) => {
        const columns: ChartSeries[] = spec.metrics.map((m) => ({
          label: m.label,
          values: series.values[m.name] ?? series.at.map(() => null),
        }));
        const latestValues = columns.map((c) => latest(c.values));
        const known = latestValues.flatMap((value, i) =>
          value === null
            ? []
            : [spec.metrics.length > 1 ? `${columns[i]!.label} ${spec.format(value)}` : spec.format(value)],
        );
        // The card's figure is the first metric's: resident memory, the median delay.
        const headline = latestValues[0] === null ? undefined : spec.format(latestValues[0]!);
        const description = known.length
          ? `${spec.title} ${scope}. Latest: ${known.join(', ')}.`
          : `${spec.title}: no samples ${scope}.`;
        return (
          <TimeChart
            key={spec.title}
            title={spec.title}
            headline={headline}
            at={series.at}
            series={columns}
            from={from}
            to={to}
            format={spec.format}
            formatAxis={spec.formatAxis}
            description={description}
          />
        );
      })}
    </div>
  );
}
