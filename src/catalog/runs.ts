/** Sync runs and the change events each run recorded. */
import type { ChangeEvent, RunKind, RunStatus, RunTrigger, SyncCounts, SyncRun } from '../contract/model.js';
import type { Db } from './database.js';

interface RunRow {
  id: number;
  endpoint_id: number;
  endpoint_name: string;
  trigger: RunTrigger;
  kind: RunKind;
  status: RunStatus;
  added: number;
  updated: number;
  deleted: number;
  unchanged: number;
  moved: number;
  requests: number;
  retries: number;
  pacing_wait_ms: number;
  rate_limit_wait_ms: number;
  bytes_received: number;
  entries_seen: number;
  phase_ms: string;
  error: string | null;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
}

export interface ChangeRow {
  id: number;
  run_id: number;
  endpoint_id: number;
  source_id: string;
  kind: ChangeEvent['kind'];
  name: string;
  path: string;
  old_path: string | null;
  at: string;
}

export function toChangeEvent(row: ChangeRow): ChangeEvent {
  return {
    id: row.id,
    runId: row.run_id,
    endpointId: row.endpoint_id,
    sourceId: row.source_id,
    kind: row.kind,
    name: row.name,
    path: row.path,
    oldPath: row.old_path,
    at: row.at,
  };
}

function toRun(row: RunRow): SyncRun {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    endpointName: row.endpoint_name,
    trigger: row.trigger,
    kind: row.kind,
    status: row.status,
    added: row.added,
    updated: row.updated,
    deleted: row.deleted,
    unchanged: row.unchanged,
    moved: row.moved,
    requests: row.requests,
    retries: row.retries,
    pacingWaitMs: row.pacing_wait_ms,
    rateLimitWaitMs: row.rate_limit_wait_ms,
    bytesReceived: row.bytes_received,
    entriesSeen: row.entries_seen,
    filesPerSecond: row.duration_ms === null ? null : row.entries_seen / (Math.max(1, row.duration_ms) / 1000),
    phaseMs: phaseMsOf(row.phase_ms),
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
  };
}

/** The stored phase timings; a damaged value reads as none rather than failing the listing. */
function phaseMsOf(text: string): Record<string, number> {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number'));
  } catch {
    return {};
  }
}

const RUN_SELECT = 'SELECT r.*, e.name AS endpoint_name FROM sync_runs r JOIN endpoints e ON e.id = r.endpoint_id';

export interface RunProgressUpdate extends SyncCounts {
  requests: number;
  retries: number;
  pacingWaitMs?: number;
  rateLimitWaitMs?: number;
  bytesReceived?: number;
  entriesSeen?: number;
  /** Replaces the stored phase timings when given. */
  phaseMs?: Record<string, number>;
}

export class RunRepository {
  constructor(private readonly db: Db) {}

  start(endpointId: number, trigger: RunTrigger, kind: RunKind, generation: number): SyncRun {
    const info = this.db
      .prepare(
        `INSERT INTO sync_runs (endpoint_id, trigger, kind, status, generation, started_at)
         VALUES (?, ?, ?, 'running', ?, ?)`,
      )
      .run(endpointId, trigger, kind, generation, new Date().toISOString());
    return this.get(Number(info.lastInsertRowid))!;
  }

  /** The kind of the first run of a generation (what a run resuming it carries on with). */
  kindOf(endpointId: number, generation: number): RunKind | null {
    const row = this.db
      .prepare('SELECT kind FROM sync_runs WHERE endpoint_id = ? AND generation = ? ORDER BY id LIMIT 1')
      .get(endpointId, generation) as { kind: RunKind } | undefined;
    return row?.kind ?? null;
  }

  /** Saves a running run's counts (inside the batch's transaction, so they match the catalog). */
  saveProgress(runId: number, p: RunProgressUpdate): void {
    this.db
      .prepare(
        `UPDATE sync_runs SET added = ?, updated = ?, deleted = ?, unchanged = ?, moved = ?, requests = ?, retries = ?,
         pacing_wait_ms = ?, rate_limit_wait_ms = ?, bytes_received = ?, entries_seen = ?,
         phase_ms = COALESCE(?, phase_ms) WHERE id = ?`,
      )
      .run(
        p.added,
        p.updated,
        p.deleted,
        p.unchanged,
        p.moved,
        p.requests,
        p.retries,
        Math.round(p.pacingWaitMs ?? 0),
        Math.round(p.rateLimitWaitMs ?? 0),
        p.bytesReceived ?? 0,
        p.entriesSeen ?? 0,
        p.phaseMs
          ? JSON.stringify(Object.fromEntries(Object.entries(p.phaseMs).map(([k, ms]) => [k, Math.round(ms)])))
          : null,
        runId,
      );
  }

  finish(runId: number, status: Exclude<RunStatus, 'running'>, p: RunProgressUpdate, error: string | null): SyncRun {
    const run = this.get(runId)!;
    const finishedAt = new Date();
    this.saveProgress(runId, p);
    this.db
      .prepare('UPDATE sync_runs SET status = ?, error = ?, finished_at = ?, duration_ms = ? WHERE id = ?')
      .run(status, error, finishedAt.toISOString(), finishedAt.getTime() - Date.parse(run.startedAt), runId);
    return this.get(runId)!;
  }

  /** Runs left `running` by a crash or a forced quit are marked failed; their endpoints resume next time. */
  failInterrupted(): number {
    return this.db
      .prepare(
        `UPDATE sync_runs SET status = 'failed', finished_at = ?,
         error = 'Interrupted: File Connector stopped during this sync. The next sync resumes where it left off.'
         WHERE status = 'running'`,
      )
      .run(new Date().toISOString()).changes;
  }

  get(id: number): SyncRun | undefined {
    const row = this.db.prepare(`${RUN_SELECT} WHERE r.id = ?`).get(id) as RunRow | undefined;
    return row && toRun(row);
  }

  list(options: { endpointId?: number; limit: number; offset: number }): SyncRun[] {
    const where = options.endpointId ? 'WHERE r.endpoint_id = ?' : '';
    const params = options.endpointId ? [options.endpointId] : [];
    return (
      this.db
        .prepare(`${RUN_SELECT} ${where} ORDER BY r.id DESC LIMIT ? OFFSET ?`)
        .all(...params, options.limit, options.offset) as RunRow[]
    ).map(toRun);
  }

  lastRun(endpointId: number): SyncRun | undefined {
    const row = this.db.prepare(`${RUN_SELECT} WHERE r.endpoint_id = ? ORDER BY r.id DESC LIMIT 1`).get(endpointId) as
      RunRow | undefined;
    return row && toRun(row);
  }

  changes(runId: number, limit: number, offset: number): ChangeEvent[] {
    return (
      this.db
        .prepare('SELECT * FROM change_events WHERE run_id = ? ORDER BY id LIMIT ? OFFSET ?')
        .all(runId, limit, offset) as ChangeRow[]
    ).map(toChangeEvent);
  }
}
