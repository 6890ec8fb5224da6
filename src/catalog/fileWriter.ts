/**
 * The sync engine's write path: upserts a batch of records for one run,
 * classifies each as added / updated / moved / unchanged, applies deletions
 * and records a change event for everything that changed.
 */
import { createHash } from 'node:crypto';
import type { SyncCounts } from '../contract/model.js';
import type { FileRecord } from '../connectors/types.js';
import type { Db } from './database.js';
import { toFileFields, type FileRow } from './fileRows.js';

type Counts = Omit<SyncCounts, 'deleted'> & { deleted: number };

/** The stored columns of a record, in the order of `STORED_COLUMNS`. */
export function storedValues(r: FileRecord): unknown[] {
  return [
    r.name,
    r.path,
    r.parentId,
    r.isFolder ? 1 : 0,
    r.mimeType,
    r.extension,
    r.size,
    r.checksum,
    r.version,
    r.createdTime,
    r.modifiedTime,
    r.createdBy,
    r.modifiedBy,
    r.webUrl,
    r.downloadUrl,
    r.trashed ? 1 : 0,
    r.extras ? JSON.stringify(r.extras) : null,
  ];
}

export const STORED_COLUMNS = `name, path, parent_id, is_folder, mime_type, extension, size, checksum, version, created_time,
  modified_time, created_by, modified_by, web_url, download_url, trashed, extras, row_hash`;

/** A stable digest of everything the catalog stores about a record: equal digests mean "unchanged". */
export function recordHash(values: unknown[]): string {
  return createHash('md5').update(JSON.stringify(values)).digest('base64');
}

const RECORD_COLUMNS = `source_id, name, path, parent_id, is_folder, mime_type, extension, size, checksum, version,
  created_time, modified_time, created_by, modified_by, web_url, download_url, trashed, extras`;

type RecordRow = Omit<FileRow, 'id' | 'endpoint_id' | 'endpoint_name' | 'deleted_at' | 'first_seen_at' | 'updated_at'>;

/** A stored row as the record that produced it (upserting it again changes nothing). */
function toRecord(row: RecordRow): FileRecord {
  return { sourceId: row.source_id, ...toFileFields(row) };
}

/** A record as the catalog hands it back once written (the same normalisation as a stored row's). */
export function asStored(r: FileRecord): FileRecord {
  const v = storedValues(r);
  const column = (i: number) => (v[i] ?? null) as never;
  return toRecord({
    source_id: r.sourceId,
    name: column(0),
    path: column(1),
    parent_id: column(2),
    is_folder: column(3),
    mime_type: column(4),
    extension: column(5),
    size: column(6),
    checksum: column(7),
    version: column(8),
    created_time: column(9),
    modified_time: column(10),
    created_by: column(11),
    modified_by: column(12),
    web_url: column(13),
    download_url: column(14),
    trashed: column(15),
    extras: column(16),
  });
}

interface ExistingRow {
  id: number;
  row_hash: string;
  path: string;
  deleted_at: string | null;
  is_folder: number;
  size: number | null;
}

/** How many live files and folders an endpoint has, and their bytes (or how a run changed them). */
export interface EndpointTotals {
  files: number;
  folders: number;
  bytes: number;
}

function zero(): Counts {
  return { added: 0, updated: 0, deleted: 0, unchanged: 0, moved: 0 };
}

/** An endpoint's live totals as the catalog holds them now. */
export function endpointTotals(db: Db, endpointId: number): EndpointTotals {
  const row = db
    .prepare(
      `SELECT SUM(is_folder = 0) AS files, SUM(is_folder = 1) AS folders, COALESCE(SUM(size), 0) AS bytes
       FROM files WHERE endpoint_id = ? AND deleted_at IS NULL`,
    )
    .get(endpointId) as { files: number | null; folders: number | null; bytes: number };
  return { files: row.files ?? 0, folders: row.folders ?? 0, bytes: row.bytes };
}

/** What connectors may ask of the catalog about an endpoint's live entries while they list. */
export interface LiveEntryReader {
  /** Size and modified time, for incremental decisions. */
  lookup(sourceId: string): { size: number | null; modifiedTime: string | null } | undefined;
  /** The live entry with this source id as the catalog stores it, for connectors that re-emit what they know. */
  known(sourceId: string): FileRecord | undefined;
  /** The live entries whose parent is `parentId` (a source id), e.g. to re-path a moved folder's subtree. */
  children(parentId: string): FileRecord[];
}

/** Reads an endpoint's live entries by source id or parent. */
export class LiveEntries implements LiveEntryReader {
  private readonly live;
  private readonly liveChildren;

  constructor(
    db: Db,
    private readonly endpointId: number,
  ) {
    // Prepared once: delta connectors read and delete entries one by one, thousands per run.
    this.live = db.prepare(
      `SELECT id, ${RECORD_COLUMNS} FROM files WHERE endpoint_id = ? AND source_id = ? AND deleted_at IS NULL`,
    );
    // `+source_id`: ordering by the plain column lets SQLite walk the (endpoint, source id) index over every row
    // of the endpoint instead of looking the parent up, which made a crawl quadratic; a folder's children sort fast.
    this.liveChildren = db.prepare(
      `SELECT ${RECORD_COLUMNS} FROM files WHERE endpoint_id = ? AND parent_id = ? AND deleted_at IS NULL
       ORDER BY +source_id`,
    );
  }

  /** The stored row of a live entry. */
  row(sourceId: string): (RecordRow & { id: number }) | undefined {
    return this.live.get(this.endpointId, sourceId) as (RecordRow & { id: number }) | undefined;
  }

  lookup(sourceId: string): { size: number | null; modifiedTime: string | null } | undefined {
    const row = this.row(sourceId);
    return row && { size: row.size, modifiedTime: row.modified_time };
  }

  known(sourceId: string): FileRecord | undefined {
    const row = this.row(sourceId);
    return row && toRecord(row);
  }

  children(parentId: string): FileRecord[] {
    return (this.liveChildren.all(this.endpointId, parentId) as RecordRow[]).map(toRecord);
  }
}

/** Writes one run's batches for one endpoint. Call its methods inside a transaction. */
export class FileWriter implements LiveEntryReader {
  /** How this writer's statements changed the endpoint's live totals so far (kept totals during a sync). */
  readonly totalsChange: EndpointTotals = { files: 0, folders: 0, bytes: 0 };
  private readonly find;
  private readonly insert;
  private readonly update;
  private readonly touch;
  private readonly markDeleted;
  private readonly event;
  private readonly entries: LiveEntries;

  constructor(
    private readonly db: Db,
    private readonly endpointId: number,
    private readonly runId: number,
    private readonly generation: number,
  ) {
    this.find = db.prepare(
      'SELECT id, row_hash, path, deleted_at, is_folder, size FROM files WHERE endpoint_id = ? AND source_id = ?',
    );
    const cols = STORED_COLUMNS;
    this.insert = db.prepare(
      `INSERT INTO files (endpoint_id, source_id, ${cols}, deleted_at, seen_gen, first_seen_at, updated_at)
       VALUES (?, ?, ${cols
         .split(',')
         .map(() => '?')
         .join(', ')}, NULL, ?, ?, ?)`,
    );
    this.update = db.prepare(
      `UPDATE files SET ${cols
        .split(',')
        .map((c) => `${c.trim()} = ?`)
        .join(', ')},
       deleted_at = NULL, seen_gen = ?, updated_at = ? WHERE id = ?`,
    );
    this.touch = db.prepare('UPDATE files SET seen_gen = ? WHERE id = ?');
    this.markDeleted = db.prepare('UPDATE files SET deleted_at = ?, updated_at = ? WHERE id = ?');
    this.event = db.prepare(
      `INSERT INTO change_events (run_id, endpoint_id, file_id, source_id, kind, name, path, old_path, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.entries = new LiveEntries(db, endpointId);
  }

  /** Counts a live entry in (`sign` 1) or out (-1) of the endpoint's totals. */
  private count(sign: 1 | -1, isFolder: boolean | number, size: number | null): void {
    if (isFolder) this.totalsChange.folders += sign;
    else this.totalsChange.files += sign;
    this.totalsChange.bytes += sign * (size ?? 0);
  }

  lookup(sourceId: string): { size: number | null; modifiedTime: string | null } | undefined {
    return this.entries.lookup(sourceId);
  }

  known(sourceId: string): FileRecord | undefined {
    return this.entries.known(sourceId);
  }

  children(parentId: string): FileRecord[] {
    return this.entries.children(parentId);
  }

  /** Upserts records; returns how each was classified. */
  upsert(records: FileRecord[]): Counts {
    const counts = zero();
    const now = new Date().toISOString();
    for (const r of records) {
      const stored = storedValues(r);
      const hash = recordHash(stored);
      const existing = this.find.get(this.endpointId, r.sourceId) as ExistingRow | undefined;
      const values = [...stored, hash];
      if (!existing) {
        const info = this.insert.run(this.endpointId, r.sourceId, ...values, this.generation, now, now);
        this.record(Number(info.lastInsertRowid), r, 'added', null, now);
        this.count(1, r.isFolder, r.size);
        counts.added++;
      } else if (existing.deleted_at !== null) {
        this.update.run(...values, this.generation, now, existing.id);
        this.record(existing.id, r, 'added', null, now);
        this.count(1, r.isFolder, r.size);
        counts.added++;
      } else if (existing.row_hash !== hash) {
        this.update.run(...values, this.generation, now, existing.id);
        this.count(-1, existing.is_folder, existing.size);
        this.count(1, r.isFolder, r.size);
        const moved = existing.path !== r.path;
        this.record(existing.id, r, moved ? 'moved' : 'modified', moved ? existing.path : null, now);
        if (moved) counts.moved++;
        else counts.updated++;
      } else {
        this.touch.run(this.generation, existing.id);
        counts.unchanged++;
      }
    }
    return counts;
  }

  /** Marks entries the source reported as deleted. Returns how many were live. */
  deleteBySourceId(sourceIds: string[]): number {
    const now = new Date().toISOString();
    let deleted = 0;
    for (const sourceId of sourceIds) {
      const row = this.entries.row(sourceId);
      if (!row) continue;
      this.markDeleted.run(now, now, row.id);
      this.event.run(this.runId, this.endpointId, row.id, sourceId, 'deleted', row.name, row.path, null, now);
      this.count(-1, row.is_folder, row.size);
      deleted++;
    }
    return deleted;
  }

  /**
   * After a complete snapshot: entries this generation did not see are deleted,
   * except under `keepPrefixes` (subtrees that could not be read). A deleted file
   * that matches exactly one file added in this run (same size and modified time)
   * was moved or renamed: the old row takes the new identity, so its history stays whole.
   */
  sweep(keepPrefixes: string[]): { deleted: number; moved: number } {
    const now = new Date().toISOString();
    const unseen = (
      this.db
        .prepare(
          `SELECT id, source_id, name, path, is_folder, size, modified_time FROM files
           WHERE endpoint_id = ? AND deleted_at IS NULL AND seen_gen < ?`,
        )
        .all(this.endpointId, this.generation) as {
        id: number;
        source_id: string;
        name: string;
        path: string;
        is_folder: number;
        size: number | null;
        modified_time: string | null;
      }[]
    ).filter((row) => !keepPrefixes.some((p) => row.path === p || row.path.startsWith(`${p}/`)));
    if (unseen.length === 0) return { deleted: 0, moved: 0 };

    const fingerprint = (size: number | null, mtime: string | null) => `${size}|${mtime}`;
    const addedByPrint = new Map<string, { fileId: number; eventId: number }[]>();
    const added = this.db
      .prepare(
        `SELECT c.id AS event_id, f.id AS file_id, f.size, f.modified_time FROM change_events c
         JOIN files f ON f.id = c.file_id
         WHERE c.run_id = ? AND c.kind = 'added' AND f.is_folder = 0 AND f.size > 0`,
      )
      .all(this.runId) as { event_id: number; file_id: number; size: number; modified_time: string | null }[];
    for (const a of added) {
      const key = fingerprint(a.size, a.modified_time);
      addedByPrint.set(key, [...(addedByPrint.get(key) ?? []), { fileId: a.file_id, eventId: a.event_id }]);
    }
    const unseenByPrint = new Map<string, number>();
    for (const u of unseen) {
      if (u.is_folder) continue;
      const key = fingerprint(u.size, u.modified_time);
      unseenByPrint.set(key, (unseenByPrint.get(key) ?? 0) + 1);
    }

    let deleted = 0;
    let moved = 0;
    for (const old of unseen) {
      const key = fingerprint(old.size, old.modified_time);
      const candidates = addedByPrint.get(key);
      if (!old.is_folder && old.size && candidates?.length === 1 && unseenByPrint.get(key) === 1) {
        this.adoptMove(old.id, old.path, candidates[0]!.fileId, candidates[0]!.eventId);
        moved++;
        continue;
      }
      this.markDeleted.run(now, now, old.id);
      this.event.run(this.runId, this.endpointId, old.id, old.source_id, 'deleted', old.name, old.path, null, now);
      this.count(-1, old.is_folder, old.size);
      deleted++;
    }
    return { deleted, moved };
  }

  /** The row `newId` (added this run) is the file `oldId` at a new path: keep the old row, drop the new. */
  private adoptMove(oldId: number, oldPath: string, newId: number, eventId: number): void {
    const fresh = this.db.prepare('SELECT * FROM files WHERE id = ?').get(newId) as Record<string, unknown>;
    this.db.prepare('DELETE FROM files WHERE id = ?').run(newId);
    // The old row keeps its size and kind (they matched): only the new row leaves the totals, if it was live.
    if (fresh.deleted_at === null) this.count(-1, fresh.is_folder as number, fresh.size as number | null);
    this.db
      .prepare(
        `UPDATE files SET source_id = ?, name = ?, path = ?, parent_id = ?, mime_type = ?, extension = ?,
         checksum = ?, version = ?, created_time = ?, created_by = ?, modified_by = ?, web_url = ?,
         download_url = ?, trashed = ?, extras = ?, row_hash = ?, seen_gen = ?, updated_at = ?, deleted_at = NULL
         WHERE id = ?`,
      )
      .run(
        fresh.source_id,
        fresh.name,
        fresh.path,
        fresh.parent_id,
        fresh.mime_type,
        fresh.extension,
        fresh.checksum,
        fresh.version,
        fresh.created_time,
        fresh.created_by,
        fresh.modified_by,
        fresh.web_url,
        fresh.download_url,
        fresh.trashed,
        fresh.extras,
        fresh.row_hash,
        this.generation,
        new Date().toISOString(),
        oldId,
      );
    this.db
      .prepare("UPDATE change_events SET file_id = ?, kind = 'moved', old_path = ? WHERE id = ?")
      .run(oldId, oldPath, eventId);
  }

  private record(fileId: number, r: FileRecord, kind: string, oldPath: string | null, at: string): void {
    this.event.run(this.runId, this.endpointId, fileId, r.sourceId, kind, r.name, r.path, oldPath, at);
  }
}
