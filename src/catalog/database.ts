/** Opens the catalog database file: pragmas, then pending migrations in one transaction. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { latestSchemaVersion, migrations, type Migration } from './migrations.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** A better-sqlite3 native module built for this runtime (Electron ships its own ABI). */
  nativeBinding?: string;
  /** Stop after this schema version (tests build older databases with it). */
  targetVersion?: number;
  /**
   * `writer`: the write thread's connection to a catalog its owner has opened (and migrated) already. It only
   * looks rows up by key and writes, so it keeps a smaller page cache and no memory map.
   */
  role?: 'owner' | 'writer';
}

/** Opens (creating if needed) the database at `file` and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (options.role === 'writer') {
      db.pragma('cache_size = -32768');
      return db;
    }
    // Bigger page cache and memory-mapped reads keep large catalogs fast.
    db.pragma('cache_size = -65536');
    db.pragma('mmap_size = 268435456');
    migrate(db, options.targetVersion ?? latestSchemaVersion);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The schema version a database is at (0 for a new file). */
export function schemaVersion(db: Db): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

function migrate(db: Db, target: number): void {
  const current = schemaVersion(db);
  if (current > latestSchemaVersion) {
    throw new Error(
      `The catalog database was written by a newer version of File Connector (schema ${current}, this version knows ${latestSchemaVersion}). Update File Connector, or choose another data folder.`,
    );
  }
  const pending: Migration[] = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return;
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }
  }).immediate();
}
