import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import { openDatabase, schemaVersion } from '../../src/catalog/database.js';
import { latestSchemaVersion } from '../../src/catalog/migrations.js';
import { tempDir } from '../helpers/tempDir.js';

describe('catalog migrations', () => {
  it('creates every table of the latest schema in an empty file, with WAL and foreign keys on', () => {
    const file = path.join(tempDir(), 'catalog.db');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table')").all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'endpoints',
        'files',
        'sync_runs',
        'change_events',
        'log_entries',
        'metric_samples',
        'files_fts',
      ]),
    );
    db.close();
  });

  it('upgrades an older database and keeps its data searchable', () => {
    const file = path.join(tempDir(), 'catalog.db');
    const v1 = openDatabase(file, { targetVersion: 1 });
    expect(schemaVersion(v1)).toBe(1);
    const now = new Date().toISOString();
    v1.prepare(
      `INSERT INTO endpoints (id, name, type, settings, filters, schedule, created_at, updated_at)
       VALUES (1, 'Docs', 'local_folder', '{"path":"/x"}', '{}', '{"type":"manual"}', ?, ?)`,
    ).run(now, now);
    v1.prepare(
      `INSERT INTO files (endpoint_id, source_id, name, path, is_folder, row_hash, seen_gen, first_seen_at, updated_at)
       VALUES (1, 'a/S-101 Plan.pdf', 'S-101 Plan.pdf', 'a/S-101 Plan.pdf', 0, 'h', 1, ?, ?)`,
    ).run(now, now);
    v1.close();

    const catalog = Catalog.open(file);
    expect(catalog.stats().schemaVersion).toBe(latestSchemaVersion);
    const page = catalog.files.query({
      search: 'S-101',
      includeDeleted: false,
      sort: 'path',
      direction: 'asc',
      offset: 0,
      limit: 10,
    });
    expect(page.rows.map((r) => r.name)).toEqual(['S-101 Plan.pdf']);
    catalog.close();
  });

  it('is idempotent: opening an up-to-date database applies nothing', () => {
    const file = path.join(tempDir(), 'catalog.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    const applied = db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
    expect(applied.n).toBe(latestSchemaVersion);
    db.close();
  });

  it('refuses a database written by a newer version, without changing it', () => {
    const file = path.join(tempDir(), 'catalog.db');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')").run();
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer version of File Connector \(schema 999/);
    const again = new Database(file);
    expect((again.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(999);
    again.close();
  });

  it('rolls back a migration that fails, leaving the older schema intact', () => {
    const file = path.join(tempDir(), 'catalog.db');
    const v1 = openDatabase(file, { targetVersion: 1 });
    // Sabotage: an object migration 2 wants to create already exists.
    v1.exec('CREATE TABLE files_fts (x)');
    v1.close();
    expect(() => openDatabase(file)).toThrow(/files_fts/);
    const db = new Database(file);
    expect((db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'files_live_path'").get()).toBeUndefined();
    db.close();
  });
});
