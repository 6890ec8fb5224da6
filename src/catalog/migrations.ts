/**
 * Versioned schema migrations, applied in order inside one transaction at start.
 * Never edit a migration that has shipped: add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'endpoints, files, runs, changes, logs',
    sql: `
      CREATE TABLE endpoints (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        type TEXT NOT NULL,
        settings TEXT NOT NULL,
        filters TEXT NOT NULL,
        schedule TEXT NOT NULL,
        paused INTEGER NOT NULL DEFAULT 0,
        cursor TEXT,
        generation INTEGER NOT NULL DEFAULT 0,
        pending_generation INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        endpoint_id INTEGER NOT NULL REFERENCES endpoints(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        name TEXT NOT NULL,
        path TEXT NOT NULL,
        parent_id TEXT,
        is_folder INTEGER NOT NULL,
        mime_type TEXT,
        extension TEXT,
        size INTEGER,
        checksum TEXT,
        version TEXT,
        created_time TEXT,
        modified_time TEXT,
        created_by TEXT,
        modified_by TEXT,
        web_url TEXT,
        download_url TEXT,
        trashed INTEGER NOT NULL DEFAULT 0,
        deleted_at TEXT,
        extras TEXT,
        row_hash TEXT NOT NULL,
        seen_gen INTEGER NOT NULL,
        first_seen_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (endpoint_id, source_id)
      );
      CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY,
        endpoint_id INTEGER NOT NULL REFERENCES endpoints(id) ON DELETE CASCADE,
        trigger TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        added INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        deleted INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        moved INTEGER NOT NULL DEFAULT 0,
        requests INTEGER NOT NULL DEFAULT 0,
        retries INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        generation INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        duration_ms INTEGER
      );
      CREATE INDEX sync_runs_endpoint ON sync_runs(endpoint_id, id);
      CREATE TABLE change_events (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
        endpoint_id INTEGER NOT NULL,
        file_id INTEGER,
        source_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        path TEXT NOT NULL,
        old_path TEXT,
        at TEXT NOT NULL
      );
      CREATE INDEX change_events_run ON change_events(run_id, id);
      CREATE INDEX change_events_file ON change_events(file_id, id);
      CREATE TABLE log_entries (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        level TEXT NOT NULL,
        message TEXT NOT NULL,
        endpoint_id INTEGER,
        run_id INTEGER,
        data TEXT
      );
      CREATE INDEX log_entries_at ON log_entries(at);
    `,
  },
  {
    version: 2,
    name: 'full-text search and browser indexes',
    sql: `
      -- trigram: substring search, as people search file names ("101" finds "S-101.pdf")
      CREATE VIRTUAL TABLE files_fts USING fts5(
        name, path, content='files', content_rowid='id', tokenize='trigram'
      );
      INSERT INTO files_fts(files_fts) VALUES ('rebuild');
      CREATE TRIGGER files_fts_insert AFTER INSERT ON files BEGIN
        INSERT INTO files_fts(rowid, name, path) VALUES (new.id, new.name, new.path);
      END;
      CREATE TRIGGER files_fts_delete AFTER DELETE ON files BEGIN
        INSERT INTO files_fts(files_fts, rowid, name, path) VALUES ('delete', old.id, old.name, old.path);
      END;
      CREATE TRIGGER files_fts_update AFTER UPDATE OF name, path ON files BEGIN
        INSERT INTO files_fts(files_fts, rowid, name, path) VALUES ('delete', old.id, old.name, old.path);
        INSERT INTO files_fts(rowid, name, path) VALUES (new.id, new.name, new.path);
      END;
      CREATE INDEX files_live_path ON files(path) WHERE deleted_at IS NULL;
      CREATE INDEX files_live_name ON files(name COLLATE NOCASE) WHERE deleted_at IS NULL;
      CREATE INDEX files_live_size ON files(size) WHERE deleted_at IS NULL;
      CREATE INDEX files_live_modified ON files(modified_time) WHERE deleted_at IS NULL;
      CREATE INDEX files_live_extension ON files(extension) WHERE deleted_at IS NULL;
      CREATE INDEX files_live_created ON files(created_time) WHERE deleted_at IS NULL;
      CREATE INDEX files_live_modified_by ON files(modified_by) WHERE deleted_at IS NULL;
      CREATE INDEX files_live_endpoint_path ON files(endpoint_id, path) WHERE deleted_at IS NULL;
      CREATE INDEX files_sweep ON files(endpoint_id, seen_gen) WHERE deleted_at IS NULL;
    `,
  },
  {
    version: 3,
    name: 'metric samples',
    sql: `
      CREATE TABLE metric_samples (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        name TEXT NOT NULL,
        value REAL NOT NULL,
        endpoint_id INTEGER,
        run_id INTEGER
      );
      CREATE INDEX metric_samples_name_at ON metric_samples(name, at);
    `,
  },
  {
    version: 4,
    name: 'children of a folder',
    // Delta connectors walk a moved or removed folder's subtree by parent id.
    sql: `
      CREATE INDEX files_live_parent ON files(endpoint_id, parent_id) WHERE deleted_at IS NULL;
    `,
  },
  {
    version: 5,
    name: 'time runs spent waiting',
    // Pacing and rate-limit waits explain slow runs; they are metrics of the run like requests and retries.
    sql: `
      ALTER TABLE sync_runs ADD COLUMN pacing_wait_ms INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE sync_runs ADD COLUMN rate_limit_wait_ms INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 6,
    name: 'bytes, entries and phase timings of runs',
    // What a run cost and where its time went, for the Performance page and the benchmark.
    sql: `
      ALTER TABLE sync_runs ADD COLUMN bytes_received INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE sync_runs ADD COLUMN entries_seen INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE sync_runs ADD COLUMN phase_ms TEXT NOT NULL DEFAULT '{}';
    `,
  },
  {
    version: 7,
    name: 'file browser filters and facets',
    // Counts "files only" / "folders only" and the filter lists (extensions, modifiers, per endpoint) from one
    // narrow index instead of reading a million rows.
    sql: `
      CREATE INDEX files_live_kind ON files(is_folder, extension, modified_by, endpoint_id) WHERE deleted_at IS NULL;
    `,
  },
  {
    version: 8,
    name: 'sort keys and filter columns of each file by id',
    // A search's matches come from the full-text index as row ids; sorting and filtering them reads this narrow
    // index (about a seventh of the table) instead of each match's row. Path is left out: it alone would double it.
    // deleted_at (always NULL here) is listed so that SQLite counts the index as covering.
    sql: `
      CREATE INDEX files_live_keys ON files(
        id, is_folder, extension, size, modified_time, created_time, modified_by, endpoint_id, deleted_at, name
      ) WHERE deleted_at IS NULL;
    `,
  },
];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
