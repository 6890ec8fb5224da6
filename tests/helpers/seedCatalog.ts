/**
 * Fills a new data folder's catalog with a large, realistic catalog as fast as SQLite allows, for benchmarks and the
 * million-row UI test. The result is the state the app itself leaves after one full sync of each endpoint: the real
 * migrations, endpoints stored through the repository, one successful run per endpoint, rows with the sync engine's
 * own row hashes and an "added" change event each, and the full-text index in step with the rows.
 *
 * Speed comes from loading before indexing: the secondary indexes and the full-text insert trigger are dropped, the
 * rows go in with prepared statements in one transaction, then the indexes are created again from their own stored
 * SQL and the full-text index is rebuilt from the table (what the trigger would have written, row by row).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Catalog } from '../../src/catalog/catalog.js';
import { recordHash, STORED_COLUMNS, storedValues } from '../../src/catalog/fileWriter.js';
import { endpointInputSchema, type EndpointType } from '../../src/contract/schemas.js';
import { DATABASE_FILE } from '../../src/core/paths.js';
import type { FileRecord } from '../../src/connectors/types.js';
import { createRandom, endpointDefinition, endpointRecords } from './seedData.js';

export interface SeedOptions {
  /** File entries in total, over all endpoints; the folders holding them (about one per 100 files) come on top. */
  files: number;
  /** Endpoints, cycling through Autodesk ACC, Google Drive and local folder (default 3). */
  endpoints?: number;
  /** The same seed gives the same catalog (default 1). */
  seed?: number;
}

export interface SeedResult {
  endpointIds: number[];
  /** File entries written (equals `files`). */
  files: number;
  /** Folder entries written. */
  folders: number;
}

const ENDPOINT_TYPES: readonly EndpointType[] = ['autodesk_acc', 'google_drive', 'local_folder'];

/** Creates the catalog in `dataDir` (which must not hold one yet) with `opts.files` files over `opts.endpoints`. */
export async function seedCatalog(dataDir: string, opts: SeedOptions): Promise<SeedResult> {
  const { files, endpoints = 3, seed = 1 } = opts;
  if (!Number.isInteger(files) || files < 0) throw new Error(`seedCatalog: files must be a whole number, got ${files}`);
  if (!Number.isInteger(endpoints) || endpoints < 1) {
    throw new Error(`seedCatalog: endpoints must be a whole number of at least 1, got ${endpoints}`);
  }
  const file = path.join(dataDir, DATABASE_FILE);
  if (fs.existsSync(file)) throw new Error(`seedCatalog: ${file} already exists; seed a new data folder`);

  const catalog = Catalog.open(file);
  const db = catalog.db;
  try {
    // A bulk load into a file nobody else has open: no journal, no fsync. A failure leaves a file to delete.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('cache_size = -524288');
    const result = catalog.transaction(() => {
      const deferred = dropDeferredSchema(catalog);
      const written = writeEndpoints(catalog, files, endpoints, seed);
      for (const sql of deferred) db.exec(sql);
      db.exec("INSERT INTO files_fts(files_fts) VALUES ('rebuild')");
      return written;
    });
    db.pragma('locking_mode = NORMAL');
    db.pragma('journal_mode = WAL');
    return result;
  } catch (error) {
    catalog.close();
    fs.rmSync(file, { force: true });
    throw error;
  } finally {
    catalog.close();
  }
}

/** Drops what would be maintained row by row during the load; returns the SQL that recreates it. */
function dropDeferredSchema(catalog: Catalog): string[] {
  const defs = catalog.db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
       WHERE tbl_name IN ('files', 'change_events') AND sql IS NOT NULL
         AND (type = 'index' OR (type = 'trigger' AND name = 'files_fts_insert'))`,
    )
    .all() as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const d of defs) catalog.db.exec(`DROP ${d.type === 'index' ? 'INDEX' : 'TRIGGER'} "${d.name}"`);
  return defs.map((d) => d.sql);
}

function writeEndpoints(catalog: Catalog, files: number, endpoints: number, seed: number): SeedResult {
  const random = createRandom(seed);
  const result: SeedResult = { endpointIds: [], files: 0, folders: 0 };
  const now = new Date().toISOString();
  const generation = 1;
  const insertFile = catalog.db.prepare(
    `INSERT INTO files (endpoint_id, source_id, ${STORED_COLUMNS}, deleted_at, seen_gen, first_seen_at, updated_at)
     VALUES (${Array.from({ length: 2 + STORED_COLUMNS.split(',').length }, () => '?').join(', ')}, NULL, ?, ?, ?)`,
  );
  const insertEvent = catalog.db.prepare(
    `INSERT INTO change_events (run_id, endpoint_id, file_id, source_id, kind, name, path, old_path, at)
     VALUES (?, ?, ?, ?, 'added', ?, ?, NULL, ?)`,
  );
  for (let i = 0; i < endpoints; i++) {
    const type = ENDPOINT_TYPES[i % ENDPOINT_TYPES.length]!;
    const share = Math.floor(files / endpoints) + (i < files % endpoints ? 1 : 0);
    const endpoint = catalog.endpoints.create(endpointInputSchema.parse(endpointDefinition(type, i)));
    result.endpointIds.push(endpoint.id);
    const run = catalog.runs.start(endpoint.id, 'manual', 'full', generation);
    let added = 0;
    for (const record of endpointRecords(type, share, random) as Iterable<FileRecord>) {
      const stored = storedValues(record);
      const info = insertFile.run(endpoint.id, record.sourceId, ...stored, recordHash(stored), generation, now, now);
      insertEvent.run(run.id, endpoint.id, info.lastInsertRowid, record.sourceId, record.name, record.path, now);
      added++;
      if (record.isFolder) result.folders++;
      else result.files++;
    }
    catalog.runs.finish(
      run.id,
      'success',
      { added, updated: 0, deleted: 0, unchanged: 0, moved: 0, requests: Math.ceil(added / 200), retries: 0 },
      null,
    );
    catalog.endpoints.saveSyncState(endpoint.id, { cursor: null, generation, pendingGeneration: null });
  }
  return result;
}
