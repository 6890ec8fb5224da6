/** Log entries kept in the catalog so every front end can show recent logs. */
import type { LogEntry, LogLevel } from '../contract/model.js';
import type { Db } from './database.js';

interface LogRow {
  id: number;
  at: string;
  level: LogLevel;
  message: string;
  endpoint_id: number | null;
  run_id: number | null;
  data: string | null;
}

const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export class LogRepository {
  private readonly insertStmt;
  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO log_entries (at, level, message, endpoint_id, run_id, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  insert(entry: Omit<LogEntry, 'id'>): LogEntry {
    const info = this.insertStmt.run(
      entry.at,
      entry.level,
      entry.message,
      entry.endpointId,
      entry.runId,
      entry.data ? JSON.stringify(entry.data) : null,
    );
    return { ...entry, id: Number(info.lastInsertRowid) };
  }

  /** Newest entries first, at `level` or above, of one endpoint, whose message contains `search`. */
  recent(options: { limit: number; level?: LogLevel; endpointId?: number; search?: string }): LogEntry[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.level) {
      const allowed = (Object.keys(levelRank) as LogLevel[]).filter((l) => levelRank[l] >= levelRank[options.level!]);
      where.push(`level IN (${allowed.map(() => '?').join(',')})`);
      params.push(...allowed);
    }
    if (options.endpointId) {
      where.push('endpoint_id = ?');
      params.push(options.endpointId);
    }
    if (options.search) {
      // The text as typed: % and _ are literal characters, not wildcards. LIKE ignores case (ASCII), as the UI does.
      where.push("message LIKE ? ESCAPE '\\'");
      params.push(`%${options.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    const sql = `SELECT * FROM log_entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...params, options.limit) as LogRow[]).map((row) => ({
      id: row.id,
      at: row.at,
      level: row.level,
      message: row.message,
      endpointId: row.endpoint_id,
      runId: row.run_id,
      data: row.data ? (JSON.parse(row.data) as Record<string, unknown>) : null,
    }));
  }
}
