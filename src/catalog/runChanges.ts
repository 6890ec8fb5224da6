/** One page of the changes a sync run recorded, optionally of one kind, with how many of each kind there are. */
import type { ChangeKind, RunChangesPage } from '../contract/model.js';
import type { Db } from './database.js';
import { toChangeEvent, type ChangeRow } from './runs.js';

export interface RunChangesQuery {
  runId: number;
  /** Only changes of this kind; every kind when absent. */
  kind?: ChangeKind;
  limit: number;
  offset: number;
}

/** The changes of a run in the order they were recorded; `total` counts those matching `kind`. */
export function runChangesPage(db: Db, query: RunChangesQuery): RunChangesPage {
  const counts: Record<ChangeKind, number> = { added: 0, modified: 0, moved: 0, deleted: 0 };
  const grouped = db
    .prepare('SELECT kind, COUNT(*) AS n FROM change_events WHERE run_id = ? GROUP BY kind')
    .all(query.runId) as { kind: ChangeKind; n: number }[];
  for (const { kind, n } of grouped) counts[kind] = n;
  const rows = (
    query.kind
      ? db
          .prepare('SELECT * FROM change_events WHERE run_id = ? AND kind = ? ORDER BY id LIMIT ? OFFSET ?')
          .all(query.runId, query.kind, query.limit, query.offset)
      : db
          .prepare('SELECT * FROM change_events WHERE run_id = ? ORDER BY id LIMIT ? OFFSET ?')
          .all(query.runId, query.limit, query.offset)
  ) as ChangeRow[];
  const total = query.kind ? counts[query.kind] : Object.values(counts).reduce((a, b) => a + b, 0);
  return { changes: rows.map(toChangeEvent), total, offset: query.offset, counts };
}
