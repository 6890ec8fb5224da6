/** Mapping between the `files` table and the contract's CatalogFile. */
import type { CatalogFile, FileFields } from '../contract/model.js';

export interface FileRow {
  id: number;
  endpoint_id: number;
  endpoint_name: string;
  source_id: string;
  name: string;
  path: string;
  parent_id: string | null;
  is_folder: number;
  mime_type: string | null;
  extension: string | null;
  size: number | null;
  checksum: string | null;
  version: string | null;
  created_time: string | null;
  modified_time: string | null;
  created_by: string | null;
  modified_by: string | null;
  web_url: string | null;
  download_url: string | null;
  trashed: number;
  deleted_at: string | null;
  extras: string | null;
  first_seen_at: string;
  updated_at: string;
}

/** Columns selected for CatalogFile, with the endpoint's name joined in as `e`. */
export const FILE_COLUMNS = `f.id, f.endpoint_id, e.name AS endpoint_name, f.source_id, f.name, f.path, f.parent_id,
  f.is_folder, f.mime_type, f.extension, f.size, f.checksum, f.version, f.created_time, f.modified_time,
  f.created_by, f.modified_by, f.web_url, f.download_url, f.trashed, f.deleted_at, f.extras,
  f.first_seen_at, f.updated_at`;

/** The FileFields of a stored row (what a connector's record said about the entry). */
export function toFileFields(
  row: Omit<
    FileRow,
    'id' | 'endpoint_id' | 'endpoint_name' | 'source_id' | 'deleted_at' | 'first_seen_at' | 'updated_at'
  >,
): FileFields {
  return {
    name: row.name,
    path: row.path,
    parentId: row.parent_id,
    isFolder: row.is_folder === 1,
    mimeType: row.mime_type,
    extension: row.extension,
    size: row.size,
    checksum: row.checksum,
    version: row.version,
    createdTime: row.created_time,
    modifiedTime: row.modified_time,
    createdBy: row.created_by,
    modifiedBy: row.modified_by,
    webUrl: row.web_url,
    downloadUrl: row.download_url,
    trashed: row.trashed === 1,
    extras: row.extras ? (JSON.parse(row.extras) as Record<string, unknown>) : null,
  };
}

export function toCatalogFile(row: FileRow): CatalogFile {
  return {
    ...toFileFields(row),
    rowId: row.id,
    endpointId: row.endpoint_id,
    endpointName: row.endpoint_name,
    id: row.source_id,
    deleted: row.deleted_at !== null,
    firstSeenAt: row.first_seen_at,
    updatedAt: row.updated_at,
  };
}
