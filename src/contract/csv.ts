/**
 * The public shape of a catalog entry and its CSV form, shared by `file-connector export` and the Files page's
 * "Export CSV" so both write the same columns the same way. Browser-safe.
 */
import type { CatalogFile } from './model.js';

/** The public shape of one catalog entry in `files --json` and exports. */
export function publicRecord(f: CatalogFile) {
  return {
    endpoint: f.endpointName,
    id: f.id,
    name: f.name,
    path: f.path,
    parentId: f.parentId,
    isFolder: f.isFolder,
    mimeType: f.mimeType,
    extension: f.extension,
    size: f.size,
    checksum: f.checksum,
    version: f.version,
    createdTime: f.createdTime,
    modifiedTime: f.modifiedTime,
    createdBy: f.createdBy,
    modifiedBy: f.modifiedBy,
    webUrl: f.webUrl,
    downloadUrl: f.downloadUrl,
    trashed: f.trashed,
  };
}
export type PublicRecord = ReturnType<typeof publicRecord>;

export const csvColumns = Object.keys(publicRecord({} as CatalogFile)) as (keyof PublicRecord)[];

/** One CSV field per RFC 4180; cells that a spreadsheet would run as formulas are prefixed with a quote. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated. */
export function csvLine(values: unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** The CSV record of a catalog entry, in `csvColumns` order. */
export function csvRecord(f: CatalogFile): string {
  const record = publicRecord(f);
  return csvLine(csvColumns.map((c) => record[c]));
}
