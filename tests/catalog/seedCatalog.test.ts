/**
 * The large-catalog seeder used by the benchmark and the million-row UI test: what it writes is exactly what the
 * app's own sync would leave (schema, row hashes, change events, runs, full-text index).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import { openDatabase } from '../../src/catalog/database.js';
import { DATABASE_FILE } from '../../src/core/paths.js';
import { seedCatalog } from '../helpers/seedCatalog.js';
import { createRandom, endpointRecords } from '../helpers/seedData.js';
import { tempDir } from '../helpers/tempDir.js';

let catalog: Catalog | undefined;
afterEach(() => catalog?.close());

describe('seedCatalog', () => {
  it('writes the requested files over endpoints of every type, plus their folders', async () => {
    const dir = tempDir();
    const seeded = await seedCatalog(dir, { files: 2000, endpoints: 3 });
    catalog = Catalog.open(path.join(dir, DATABASE_FILE));

    expect(seeded.files).toBe(2000);
    expect(
      catalog.endpoints
        .list()
        .map((e) => e.type)
        .sort(),
    ).toEqual(['autodesk_acc', 'google_drive', 'local_folder']);
    expect(
      catalog.files.query({
        isFolder: false,
        includeDeleted: false,
        sort: 'name',
        direction: 'asc',
        offset: 0,
        limit: 1,
      }).total,
    ).toBe(2000);
    expect(catalog.stats()).toMatchObject({ files: 2000, folders: seeded.folders, deletedFiles: 0, runs: 3 });
    expect(seeded.folders).toBeGreaterThan(20);
    for (const id of seeded.endpointIds) {
      const totals = catalog.files.totals(id);
      expect(totals.files).toBeGreaterThanOrEqual(666);
      expect(catalog.runs.lastRun(id)).toMatchObject({
        status: 'success',
        kind: 'full',
        added: totals.files + totals.folders,
      });
    }
  });

  it('leaves the schema, journal mode and full-text index exactly as the app has them', async () => {
    const dir = tempDir();
    await seedCatalog(dir, { files: 1500 });
    const fresh = openDatabase(path.join(tempDir(), 'fresh.db'));
    const schema = (db: Database.Database) =>
      db
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
        .all();
    const seeded = new Database(path.join(dir, DATABASE_FILE));
    try {
      expect(schema(seeded)).toEqual(schema(fresh));
      expect(seeded.pragma('journal_mode', { simple: true })).toBe('wal');
      // FTS5 compares its index with the table and throws on any difference.
      expect(() => seeded.exec("INSERT INTO files_fts(files_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
      expect(
        seeded.prepare('SELECT COUNT(*) FROM files_fts WHERE files_fts MATCH \'"Foundation Plan"\'').pluck().get(),
      ).toBeGreaterThan(0);
    } finally {
      seeded.close();
      fresh.close();
    }
  });

  it('writes what a sync writes: syncing the same records again changes nothing', async () => {
    const dir = tempDir();
    const { endpointIds } = await seedCatalog(dir, { files: 900, endpoints: 3, seed: 5 });
    catalog = Catalog.open(path.join(dir, DATABASE_FILE));
    const random = createRandom(5);
    const types = ['autodesk_acc', 'google_drive', 'local_folder'] as const;
    for (const [i, endpointId] of endpointIds.entries()) {
      const records = [...endpointRecords(types[i]!, 300, random)];
      const run = catalog.runs.start(endpointId, 'manual', 'full', 2);
      const counts = catalog.transaction(() => catalog!.writer(endpointId, run.id, 2).upsert(records));
      expect(counts).toEqual({ added: 0, updated: 0, moved: 0, deleted: 0, unchanged: records.length });
      // One "added" change event per entry, from the seeded run.
      const events = catalog.db
        .prepare("SELECT COUNT(*) FROM change_events WHERE endpoint_id = ? AND kind = 'added'")
        .pluck()
        .get(endpointId);
      expect(events).toBe(records.length);
    }
  });

  it('gives the same catalog for the same seed', async () => {
    const names = async (seed: number) => {
      const dir = tempDir();
      await seedCatalog(dir, { files: 300, endpoints: 2, seed });
      const c = Catalog.open(path.join(dir, DATABASE_FILE));
      try {
        return c.db.prepare('SELECT path FROM files ORDER BY id').pluck().all();
      } finally {
        c.close();
      }
    };
    expect(await names(3)).toEqual(await names(3));
    expect(await names(3)).not.toEqual(await names(4));
  });

  it('refuses to write into a data folder that already has a catalog, and bad counts', async () => {
    const dir = tempDir();
    await seedCatalog(dir, { files: 10 });
    await expect(seedCatalog(dir, { files: 10 })).rejects.toThrow(/catalog\.db already exists; seed a new data folder/);
    await expect(seedCatalog(tempDir(), { files: -1 })).rejects.toThrow(/files must be a whole number, got -1/);
    await expect(seedCatalog(tempDir(), { files: 1, endpoints: 0 })).rejects.toThrow(
      /endpoints must be a whole number of at least 1/,
    );
  });
});
