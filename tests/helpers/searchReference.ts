/**
 * The plain answer to a files page, for checking the repository's plans against: a full sort of every match of
 * the search straight from the full-text index (LIKE for short words), with the filter restated in SQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import type { Db } from '../../src/catalog/database.js';
import { searchTerms } from '../../src/catalog/files.js';
import type { FilesQuery, SortField } from '../../src/contract/schemas.js';
import { DATABASE_FILE } from '../../src/core/paths.js';
import { seedCatalog } from './seedCatalog.js';

/** The ORDER BY a person means by each sort, written out plainly: no index, no parts, no reversal. */
export const plainOrder: Record<Exclude<SortField, 'endpoint'>, string> = {
  name: 'f.name COLLATE NOCASE',
  path: 'f.path',
  size: 'f.size',
  modifiedTime: 'f.modified_time',
  createdTime: 'f.created_time',
  extension: 'f.extension',
  modifiedBy: 'f.modified_by',
};

/** The matches of `search` straight from the full-text index (and LIKE for short words), as a SQL condition. */
export function searchSql(search: string): { sql: string; params: unknown[] } {
  const { match, likes } = searchTerms(search);
  return {
    sql: [
      match ? 'AND f.id IN (SELECT rowid FROM files_fts WHERE files_fts MATCH ?)' : '',
      ...likes.map(() => "AND f.path LIKE ? ESCAPE '\\'"),
    ].join(' '),
    params: [...(match ? [match] : []), ...likes],
  };
}

/** A page of the plain full sort of the matches, and how many match; `where` restates the filter in SQL. */
export function referencePage(
  db: Db,
  q: FilesQuery & { sort: keyof typeof plainOrder },
  where: string,
): { ids: number[]; total: number } {
  const search = searchSql(q.search ?? '');
  const dir = q.direction === 'desc' ? 'DESC' : 'ASC';
  const from = `FROM files f WHERE f.deleted_at IS NULL ${where} ${search.sql}`;
  const ids = db
    .prepare(`SELECT f.id ${from} ORDER BY ${plainOrder[q.sort]} ${dir}, f.id ${dir} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...search.params, q.limit ?? 100, q.offset ?? 0) as number[];
  const total = db
    .prepare(`SELECT COUNT(*) ${from}`)
    .pluck()
    .get(...search.params) as number;
  return { ids, total };
}

/** A generated catalog of `files` entries over three endpoints for the file's tests, removed after them. */
export function useSeededCatalog(prefix: string, files: number, seed: number): () => Catalog {
  let dataDir: string;
  let catalog: Catalog;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    await seedCatalog(dataDir, { files, endpoints: 3, seed });
    catalog = Catalog.open(path.join(dataDir, DATABASE_FILE));
  }, 60_000);
  afterAll(() => {
    void catalog?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return () => catalog;
}
