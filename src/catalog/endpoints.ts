/** Endpoints: what to sync, and the engine's per-endpoint sync state. */
import type { Endpoint } from '../contract/model.js';
import type { EndpointDefinition } from '../contract/schemas.js';
import type { Db } from './database.js';

interface EndpointRow {
  id: number;
  name: string;
  type: Endpoint['type'];
  settings: string;
  filters: string;
  schedule: string;
  paused: number;
  cursor: string | null;
  generation: number;
  pending_generation: number | null;
  created_at: string;
  updated_at: string;
}

/** What the sync engine keeps between runs of one endpoint. */
export interface SyncState {
  cursor: string | null;
  generation: number;
  pendingGeneration: number | null;
}

/** The stored columns of a definition: name, type, settings, filters, schedule, paused. */
function definitionValues(def: EndpointDefinition): unknown[] {
  return [
    def.name,
    def.type,
    JSON.stringify(def.settings),
    JSON.stringify(def.filters),
    JSON.stringify(def.schedule),
    def.paused ? 1 : 0,
  ];
}

function toEndpoint(row: EndpointRow): Endpoint {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    filters: JSON.parse(row.filters) as Endpoint['filters'],
    schedule: JSON.parse(row.schedule) as Endpoint['schedule'],
    paused: row.paused === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class EndpointRepository {
  constructor(private readonly db: Db) {}

  list(): Endpoint[] {
    return (this.db.prepare('SELECT * FROM endpoints ORDER BY name COLLATE NOCASE').all() as EndpointRow[]).map(
      toEndpoint,
    );
  }

  get(id: number): Endpoint | undefined {
    const row = this.db.prepare('SELECT * FROM endpoints WHERE id = ?').get(id) as EndpointRow | undefined;
    return row && toEndpoint(row);
  }

  findByName(name: string): Endpoint | undefined {
    const row = this.db.prepare('SELECT * FROM endpoints WHERE name = ? COLLATE NOCASE').get(name) as
      EndpointRow | undefined;
    return row && toEndpoint(row);
  }

  create(def: EndpointDefinition): Endpoint {
    const now = new Date().toISOString();
    const info = this.db
      .prepare(
        `INSERT INTO endpoints (name, type, settings, filters, schedule, paused, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...definitionValues(def), now, now);
    return this.get(Number(info.lastInsertRowid))!;
  }

  /**
   * Replaces an endpoint's definition. Changing its type or settings points it at
   * other data, so its incremental state is reset and the next sync is full.
   */
  update(id: number, def: EndpointDefinition): Endpoint {
    const before = this.get(id);
    if (!before) throw new Error(`No endpoint with id ${id}`);
    const sourceChanged =
      before.type !== def.type ||
      JSON.stringify(before.settings) !== JSON.stringify(def.settings) ||
      JSON.stringify(before.filters) !== JSON.stringify(def.filters);
    this.db
      .prepare(
        `UPDATE endpoints SET name = ?, type = ?, settings = ?, filters = ?, schedule = ?, paused = ?, updated_at = ?
         ${sourceChanged ? ', cursor = NULL, pending_generation = NULL' : ''} WHERE id = ?`,
      )
      .run(...definitionValues(def), new Date().toISOString(), id);
    return this.get(id)!;
  }

  /** Removes the endpoint with its files, runs and change events. */
  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM endpoints WHERE id = ?').run(id).changes > 0;
  }

  syncState(id: number): SyncState {
    const row = this.db
      .prepare('SELECT cursor, generation, pending_generation FROM endpoints WHERE id = ?')
      .get(id) as Pick<EndpointRow, 'cursor' | 'generation' | 'pending_generation'>;
    return { cursor: row.cursor, generation: row.generation, pendingGeneration: row.pending_generation };
  }

  saveSyncState(id: number, state: SyncState): void {
    this.db
      .prepare('UPDATE endpoints SET cursor = ?, generation = ?, pending_generation = ? WHERE id = ?')
      .run(state.cursor, state.generation, state.pendingGeneration, id);
  }

  saveCursor(id: number, cursor: string): void {
    this.db.prepare('UPDATE endpoints SET cursor = ? WHERE id = ?').run(cursor, id);
  }
}
