/** Builders for FileRecord values in tests. */
import type { FileRecord } from '../../src/connectors/types.js';

/** A file record at `filePath` with sensible defaults; `overrides` win. */
export function fileRecord(filePath: string, overrides: Partial<FileRecord> = {}): FileRecord {
  const name = filePath.split('/').pop()!;
  const parent = filePath.includes('/') ? filePath.slice(0, filePath.lastIndexOf('/')) : null;
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : null;
  return {
    sourceId: filePath,
    name,
    path: filePath,
    parentId: parent,
    isFolder: false,
    mimeType: 'application/octet-stream',
    extension: ext,
    size: 100,
    checksum: null,
    version: null,
    createdTime: '2024-01-01T00:00:00.000Z',
    modifiedTime: '2024-01-02T00:00:00.000Z',
    createdBy: null,
    modifiedBy: null,
    webUrl: null,
    downloadUrl: null,
    trashed: false,
    extras: null,
    ...overrides,
  };
}

export function folderRecord(folderPath: string, overrides: Partial<FileRecord> = {}): FileRecord {
  return fileRecord(folderPath, {
    isFolder: true,
    size: null,
    extension: null,
    mimeType: 'inode/directory',
    ...overrides,
  });
}
