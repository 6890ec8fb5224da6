/** How the command prints catalog entries, runs and endpoints. */
import type { EndpointSummary, SyncRun } from '../contract/model.js';

export { csvColumns, csvField, csvLine, publicRecord, type PublicRecord } from '../contract/csv.js';

/** Bytes as a person reads them. */
export function humanSize(bytes: number | null): string {
  if (bytes === null) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Aligned columns for terminals. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function runRow(r: SyncRun): string[] {
  return [
    String(r.id),
    r.endpointName,
    r.trigger,
    r.kind,
    r.status,
    String(r.added),
    String(r.updated),
    String(r.deleted),
    String(r.unchanged),
    String(r.requests),
    r.startedAt,
    r.durationMs === null ? '' : `${(r.durationMs / 1000).toFixed(1)} s`,
    r.error ?? '',
  ];
}
export const runHeaders = [
  'RUN',
  'ENDPOINT',
  'TRIGGER',
  'KIND',
  'STATUS',
  'ADDED',
  'UPDATED',
  'DELETED',
  'UNCHANGED',
  'REQUESTS',
  'STARTED',
  'DURATION',
  'ERROR',
];

export function endpointRow(e: EndpointSummary): string[] {
  const where = typeof e.settings.path === 'string' ? e.settings.path : '';
  return [
    String(e.id),
    e.name,
    e.type,
    where,
    e.status,
    String(e.fileCount),
    humanSize(e.totalSize),
    e.lastRun ? `${e.lastRun.status} ${e.lastRun.finishedAt ?? e.lastRun.startedAt}` : 'never synced',
  ];
}
export const endpointHeaders = ['ID', 'NAME', 'TYPE', 'LOCATION', 'STATUS', 'FILES', 'SIZE', 'LAST SYNC'];

/** Summary line of a finished run. */
export function runSummary(r: SyncRun): string {
  const seconds = ((r.durationMs ?? 0) / 1000).toFixed(1);
  const counts = `${r.added} added, ${r.updated} updated, ${r.moved} moved, ${r.deleted} deleted, ${r.unchanged} unchanged`;
  const outcome = {
    success: 'succeeded',
    partial: 'finished with skipped entries',
    failed: 'FAILED',
    cancelled: 'was cancelled',
    running: 'is running',
  }[r.status];
  return `${r.endpointName}: ${r.kind} sync ${outcome} in ${seconds} s: ${counts} (${r.requests} requests)${r.error ? `\n  ${r.error}` : ''}`;
}
