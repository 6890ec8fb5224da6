/**
 * "Export CSV": every row of the current query (search, filters, sort), fetched page by page from the core, as one
 * CSV file with the columns of `file-connector export`, a UTF-8 byte order mark (so Excel reads accents right) and
 * ISO 8601 times. Built in the page and saved as a download, so it works in the desktop window and in a browser.
 */
import { csvColumns, csvLine, csvRecord } from '../../../../src/contract/csv';
import type { FilesQuery } from '../../../../src/contract/schemas';
import { getApi } from '../../api';

/** Rows per request: the largest page `files.query` gives. */
export const EXPORT_PAGE_SIZE = 5000;

export interface ExportProgress {
  /** Rows fetched so far. */
  done: number;
  /** Rows matching when the export started (or as last reported). */
  total: number;
}

/** Thrown when the export was cancelled. */
export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled.');
    this.name = 'ExportCancelled';
  }
}

/** Every row of `query`, as the parts of a CSV file (byte order mark, header, then one part per page). */
export async function exportCsv(
  query: FilesQuery,
  options: { signal: AbortSignal; onProgress(progress: ExportProgress): void },
): Promise<{ parts: string[]; rows: number }> {
  const parts = ['\uFEFF', csvLine(csvColumns)];
  let rows = 0;
  for (;;) {
    if (options.signal.aborted) throw new ExportCancelled();
    const page = await getApi().invoke('files.query', { ...query, offset: rows, limit: EXPORT_PAGE_SIZE });
    if (options.signal.aborted) throw new ExportCancelled();
    parts.push(page.rows.map(csvRecord).join(''));
    rows += page.rows.length;
    options.onProgress({ done: rows, total: Math.max(page.total, rows) });
    // A short page is the last one, even if a sync changed the total meanwhile; an estimated total may be short.
    if (page.rows.length < EXPORT_PAGE_SIZE || (page.totalExact && rows >= page.total)) return { parts, rows };
  }
}

/** A file name that says what and when: `files-2025-06-30-1405.csv`. */
export function exportFileName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `files-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.csv`;
}

/** Hands `blob` to the browser (or the desktop window) as a download named `name`. */
export function saveDownload(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started reading the blob by then; keeping it a minute covers slow disks.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
