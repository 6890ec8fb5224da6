/** Autodesk resources as catalog records. */
import type { FileRecord } from '../types.js';
import type { Folder, Item, Version } from './wire.js';

/** The mime type every folder (and project) gets, as for local folders. */
export const FOLDER_MIME = 'inode/directory';

/** Where a resource sits: its project and hub, for the record's extras. */
export interface Place {
  hubId: string;
  region: string | null;
  projectId: string;
}

/** ISO 8601 UTC, or null for a missing or unreadable time (APS sends seven fractional digits). */
export function isoTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Lower-case extension of a file name without the dot, or null. */
export function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return null;
  return name.slice(dot + 1).toLowerCase();
}

/**
 * A project as the root folder of its files: its name is the first segment of every path. Its parent is its
 * hub (not itself a catalog entry), so `children(hubId)` finds the projects synced before.
 */
export function projectRecord(id: string, name: string, place: Place & { hubName: string }): FileRecord {
  return {
    sourceId: id,
    name,
    path: name,
    parentId: place.hubId,
    isFolder: true,
    mimeType: FOLDER_MIME,
    extension: null,
    size: null,
    checksum: null,
    version: null,
    createdTime: null,
    modifiedTime: null,
    createdBy: null,
    modifiedBy: null,
    webUrl: null,
    downloadUrl: null,
    trashed: false,
    extras: { kind: 'project', projectId: id, hubId: place.hubId, hubName: place.hubName, region: place.region },
  };
}

/** A folder. */
export function folderRecord(folder: Folder, path: string, parentId: string, place: Place): FileRecord {
  const a = folder.attributes;
  return {
    sourceId: folder.id,
    name: a.name,
    path,
    parentId,
    isFolder: true,
    mimeType: FOLDER_MIME,
    extension: null,
    size: null,
    checksum: null,
    version: null,
    createdTime: isoTime(a.createTime),
    modifiedTime: isoTime(a.lastModifiedTime),
    createdBy: a.createUserName ?? null,
    modifiedBy: a.lastModifiedUserName ?? null,
    webUrl: folder.links?.webView?.href ?? null,
    downloadUrl: null,
    trashed: false,
    extras: { kind: 'folder', ...place, hidden: a.hidden ?? false },
  };
}

/** A file: named after its tip version (ACC reserves the item's `displayName`), with that version's facts. */
export function fileRecord(item: Item, tip: Version, path: string, parentId: string, place: Place): FileRecord {
  const a = item.attributes;
  const v = tip.attributes;
  return {
    sourceId: item.id,
    name: v.name,
    path,
    parentId,
    isFolder: false,
    mimeType: v.mimeType ?? null,
    extension: extensionOf(v.name) ?? (v.fileType ? v.fileType.toLowerCase() : null),
    size: v.storageSize ?? null,
    checksum: null,
    version: v.versionNumber != null ? String(v.versionNumber) : null,
    createdTime: isoTime(a.createTime) ?? isoTime(v.createTime),
    modifiedTime: isoTime(v.lastModifiedTime) ?? isoTime(a.lastModifiedTime),
    createdBy: a.createUserName ?? v.createUserName ?? null,
    modifiedBy: v.lastModifiedUserName ?? a.lastModifiedUserName ?? null,
    webUrl: tip.links?.webView?.href ?? item.links?.webView?.href ?? null,
    downloadUrl: tip.relationships?.storage?.data?.id ?? null,
    trashed: false,
    extras: {
      kind: 'file',
      ...place,
      tipVersionId: tip.id,
      versionNumber: v.versionNumber ?? null,
      fileType: v.fileType ?? null,
      hidden: a.hidden ?? false,
    },
  };
}
