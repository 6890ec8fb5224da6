/** Drive `File` resources as catalog records, and the fields the connector asks Drive for. */
import type { drive_v3 } from '@googleapis/drive';
import type { Filters } from '../../contract/schemas.js';
import { createFileFilter } from '../local_folder/filters.js';
import type { FileRecord } from '../types.js';

/** Drive's folder type. */
export const FOLDER_MIME = 'application/vnd.google-apps.folder';
const GOOGLE_APPS = 'application/vnd.google-apps.';

// Only what the catalog stores: every extra field costs listing speed (Drive shrinks pages for some).
const BASE_FIELDS =
  'id,name,mimeType,size,md5Checksum,createdTime,modifiedTime,parents,driveId,trashed,webViewLink,webContentLink,' +
  'exportLinks,owners(displayName,emailAddress),lastModifyingUser(displayName,emailAddress),shared,version,' +
  'shortcutDetails(targetId,targetMimeType)';
const PERMISSION_FIELDS = 'permissions(type,role,emailAddress,domain,displayName)';

/** The `files(...)` field list, with permissions only when asked for. */
export function fileFields(includePermissions: boolean): string {
  return includePermissions ? `${BASE_FIELDS},${PERMISSION_FIELDS}` : BASE_FIELDS;
}

/** Drive's `File` resource as the generated client types it. */
export type DriveFile = drive_v3.Schema$File;

/** The one parent Drive reports (v3 items have exactly one), or null for items with none the account can see. */
export function parentOf(file: DriveFile): string | null {
  return file.parents?.[0] ?? null;
}

function extensionOf(file: DriveFile): string | null {
  if (file.mimeType === FOLDER_MIME || file.mimeType?.startsWith(GOOGLE_APPS)) return null;
  const name = file.name ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : null;
}

function iso(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function person(p: drive_v3.Schema$User | null | undefined): string | null {
  return p?.displayName ?? p?.emailAddress ?? null;
}

/** What a Drive file lacks to be catalogued ("no name"), or null when it has what a record needs. */
export function missingField(file: DriveFile): string | null {
  for (const key of ['id', 'name', 'mimeType'] as const) {
    if (typeof file[key] !== 'string' || (key === 'id' && !file.id)) return `no ${key}`;
  }
  return null;
}

/** Checks that a Drive file has what a record needs; a malformed response is an error naming the field. */
export function checkFile(
  file: DriveFile,
  where: string,
): asserts file is DriveFile & { id: string; name: string; mimeType: string } {
  for (const key of ['id', 'name', 'mimeType'] as const) {
    if (typeof file[key] !== 'string') {
      throw new Error(`Drive returned a file without ${key} in ${where} (id ${String(file.id ?? 'unknown')}).`);
    }
  }
}

/** The catalog record of a Drive file at `path`. */
export function toRecord(file: DriveFile & { id: string; name: string; mimeType: string }, path: string): FileRecord {
  const extras: Record<string, unknown> = { driveId: file.driveId ?? null, shared: file.shared ?? false };
  if (file.exportLinks) extras.exportLinks = file.exportLinks;
  if (file.shortcutDetails?.targetId) {
    extras.shortcutTarget = {
      id: file.shortcutDetails.targetId,
      mimeType: file.shortcutDetails.targetMimeType ?? null,
    };
  }
  if (file.owners?.length) extras.owners = file.owners.map((o) => o.emailAddress ?? o.displayName);
  if (file.lastModifyingUser?.emailAddress) extras.lastModifyingUserEmail = file.lastModifyingUser.emailAddress;
  if (file.permissions) {
    extras.permissions = file.permissions.map((p) => ({
      type: p.type,
      role: p.role,
      ...(p.emailAddress ? { emailAddress: p.emailAddress } : {}),
      ...(p.domain ? { domain: p.domain } : {}),
    }));
  }
  const size = file.size === undefined || file.size === null ? null : Number(file.size);
  return {
    sourceId: file.id,
    name: file.name,
    path,
    parentId: parentOf(file),
    isFolder: file.mimeType === FOLDER_MIME,
    mimeType: file.mimeType,
    extension: extensionOf(file),
    size: Number.isFinite(size) ? size : null,
    checksum: file.md5Checksum ?? null,
    version: file.version ?? null,
    createdTime: iso(file.createdTime),
    modifiedTime: iso(file.modifiedTime),
    createdBy: person(file.owners?.[0]),
    modifiedBy: person(file.lastModifyingUser),
    webUrl: file.webViewLink ?? null,
    downloadUrl: file.webContentLink ?? null,
    trashed: file.trashed ?? false,
    extras,
  };
}

/** Which files the endpoint's filters keep (folders are always kept so paths stay whole; trash unless asked). */
export function createKeep(filters: Filters): (file: DriveFile) => boolean {
  const passes = createFileFilter(filters);
  return (file) => {
    if (file.trashed && !filters.includeTrashed) return false;
    if (file.mimeType === FOLDER_MIME) return true;
    return passes({
      extension: extensionOf(file),
      mimeType: file.mimeType ?? '',
      modifiedMs: Date.parse(file.modifiedTime ?? '') || 0,
    });
  };
}
