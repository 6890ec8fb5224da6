/** Reading the catalog: the file browser's pages, one file, its history. */
import type { CatalogFile, ChangeEvent, FilesPage } from '../contract/model.js';
import type { FilesQueryResolved, SortField } from '../contract/schemas.js';
import type { Db } from './database.js';
import { FILE_COLUMNS, toCatalogFile, type FileRow } from './fileRows.js';
import { toChangeEvent, type ChangeRow } from './runs.js';

const sortColumns: Record<SortField, string> = {
  name: 'f.name COLLATE NOCASE',
  path: 'f.path',
  size: 'f.size',
  modifiedTime: 'f.modified_time',
  createdTime: 'f.created_time',
  extension: 'f.extension',
  endpoint: 'e.name COLLATE NOCASE',
  modifiedBy: 'f.modified_by',
};

/** Turns what a person typed into an FTS5 trigram query plus LIKE terms for words under three characters. */
export function searchTerms(text: string): { match: string | null; likes: string[] } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const long = words.filter((w) => [...w].length >= 3);
  const short = words.filter((w) => [...w].length < 3);
  return {
    match: long.length ? long.map((w) => `"${w.replaceAll('"', '""')}"`).join(' AND ') : null,
    likes: short.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
  };
}

/** The SQL of one file-browser page: a count and the page itself, with their parameters. */
export function filesQuerySql(q: FilesQueryResolved): { countSql: string; pageSql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!q.includeDeleted) where.push('f.deleted_at IS NULL');
  if (q.endpointIds?.length) {
    where.push(`f.endpoint_id IN (${q.endpointIds.map(() => '?').join(',')})`);
    params.push(...q.endpointIds);
  }
  if (q.search?.trim()) {
    const { match, likes } = searchTerms(q.search);
    if (match) {
      where.push('f.id IN (SELECT rowid FROM files_fts WHERE files_fts MATCH ?)');
      params.push(match);
    }
    for (const like of likes) {
      where.push("f.path LIKE ? ESCAPE '\\'");
      params.push(like);
    }
  }
  if (q.extensions?.length) {
    where.push(`f.extension IN (${q.extensions.map(() => '?').join(',')})`);
    params.push(...q.extensions.map((e) => e.replace(/^\./, '').toLowerCase()));
  }
  if (q.isFolder !== undefined) {
    where.push('f.is_folder = ?');
    params.push(q.isFolder ? 1 : 0);
  }
  if (q.minSize !== undefined) {
    where.push('f.size >= ?');
    params.push(q.minSize);
  }
  if (q.maxSize !== undefined) {
    where.push('f.size <= ?');
    params.push(q.maxSize);
  }
  if (q.modifiedAfter) {
    where.push('f.modified_time >= ?');
    params.push(q.modifiedAfter);
  }
  if (q.modifiedBefore) {
    where.push('f.modified_time < ?');
    params.push(q.modifiedBefore);
  }
  if (q.modifiedBy) {
    where.push('f.modified_by LIKE ?');
    params.push(`%${q.modifiedBy}%`);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const dir = q.direction === 'desc' ? 'DESC' : 'ASC';
  return {
    // The count needs no endpoint names: without the join it is answered from the partial indexes.
    countSql: `SELECT COUNT(*) AS n FROM files f ${whereSql}`,
    // Plain ORDER BY on an indexed column lets SQLite walk the index instead of sorting a million rows;
    // NULLs (folders' sizes) come first ascending and last descending, as in SQLite's own order. The row
    // id breaks ties, so pages never overlap.
    pageSql: `SELECT ${FILE_COLUMNS} FROM files f JOIN endpoints e ON e.id = f.endpoint_id ${whereSql}
         ORDER BY ${sortColumns[q.sort]} ${dir}, f.id ${dir} LIMIT ? OFFSET ?`,
    params,
  };
}

export class FileRepository {
  constructor(private readonly db: Db) {}

  /** One page of the file browser: filtered, searched and sorted by the database. */
  query(q: FilesQueryResolved): FilesPage {
    const { countSql, pageSql, params } = filesQuerySql(q);
    const total = (this.db.prepare(countSql).get(...params) as { n: number }).n;
    const rows = this.db.prepare(pageSql).all(...params, q.limit, q.offset) as FileRow[];
    return { rows: rows.map(toCatalogFile), total, offset: q.offset };
  }

  get(rowId: number): CatalogFile | undefined {
    const row = this.db
      .prepare(`SELECT ${FILE_COLUMNS} FROM files f JOIN endpoints e ON e.id = f.endpoint_id WHERE f.id = ?`)
      .get(rowId) as FileRow | undefined;
    return row && toCatalogFile(row);
  }

  /** What happened to one file across runs, newest first. */
  history(rowId: number, limit = 200): ChangeEvent[] {
    return (
      this.db
        .prepare('SELECT * FROM change_events WHERE file_id = ? ORDER BY id DESC LIMIT ?')
        .all(rowId, limit) as ChangeRow[]
    ).map(toChangeEvent);
  }

  /** Live (not deleted) entries of an endpoint, in path order: the command's listing and export. */
  *iterateLive(endpointIds: number[] | undefined): IterableIterator<CatalogFile> {
    const filter = endpointIds?.length ? `AND f.endpoint_id IN (${endpointIds.map(() => '?').join(',')})` : '';
    const stmt = this.db.prepare(
      `SELECT ${FILE_COLUMNS} FROM files f JOIN endpoints e ON e.id = f.endpoint_id
       WHERE f.deleted_at IS NULL ${filter} ORDER BY e.name, f.path`,
    );
    for (const row of stmt.iterate(...(endpointIds ?? [])) as IterableIterator<FileRow>) yield toCatalogFile(row);
  }

  /** Size and count of an endpoint's live entries. */
  totals(endpointId: number): { files: number; folders: number; bytes: number } {
    const row = this.db
      .prepare(
        `SELECT SUM(is_folder = 0) AS files, SUM(is_folder = 1) AS folders, COALESCE(SUM(size), 0) AS bytes
         FROM files WHERE endpoint_id = ? AND deleted_at IS NULL`,
      )
      .get(endpointId) as { files: number | null; folders: number | null; bytes: number };
    return { files: row.files ?? 0, folders: row.folders ?? 0, bytes: row.bytes };
  }
}
