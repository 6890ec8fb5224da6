/**
 * The Activity page's data: sync runs (live from `sync.progress` and `sync.finished`), the changes of the selected
 * run, and the log (live from `log.entry`, filtered by the same rules the core applies to `logs.recent`).
 */
import { create } from 'zustand';
import type {
  ChangeKind,
  LogEntry,
  LogLevel,
  RunChangesPage,
  SyncProgress,
  SyncRun,
} from '../../../src/contract/model';
import { getApi } from '../api';
import { errorMessage } from '../lib/errors';

const RUN_PAGE = 100;
/** Changes shown per page of a run. */
export const CHANGE_PAGE = 100;
/** Log entries kept in the window; older ones are a filter or a search away. */
export const LOG_LIMIT = 2000;

/** Severity order, so a "warn" filter also shows errors. */
export const levelRank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface LogFilter {
  /** Minimum level shown; null = everything. */
  level: LogLevel | null;
  endpointId: number | null;
  /** Text the message contains, ignoring case. */
  search: string;
}

export interface ChangesView {
  runId: number;
  kind: ChangeKind | null;
  offset: number;
  page: RunChangesPage | null;
  loading: boolean;
  error: string | null;
}

// SQLite's LIKE, which answers `logs.recent`, ignores the case of ASCII letters only: so does the live filter.
const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Whether a live entry belongs in the log under `filter`, exactly as `logs.recent` would decide. */
export function matchesLogFilter(entry: LogEntry, filter: LogFilter): boolean {
  if (filter.level && levelRank[entry.level] < levelRank[filter.level]) return false;
  if (filter.endpointId !== null && entry.endpointId !== filter.endpointId) return false;
  const search = filter.search.trim();
  return search === '' || asciiLower(entry.message).includes(asciiLower(search));
}

const byNewest = (a: SyncRun, b: SyncRun) => b.id - a.id;

/** `runs` with `incoming` added or replacing those of the same id, newest first. */
function mergeRuns(runs: SyncRun[], incoming: SyncRun[]): SyncRun[] {
  const byId = new Map(runs.map((r) => [r.id, r]));
  for (const run of incoming) {
    // A list read while the run was going can answer after its `sync.finished`: a finished run never goes back.
    const known = byId.get(run.id);
    if (known && known.status !== 'running' && run.status === 'running') continue;
    byId.set(run.id, run);
  }
  return [...byId.values()].sort(byNewest);
}

interface ActivityState {
  runs: SyncRun[];
  runsLoaded: boolean;
  runsError: string | null;
  /** The core may have older runs than those loaded. */
  moreRuns: boolean;
  selectedRunId: number | null;
  changes: ChangesView | null;
  /** Oldest first, at most LOG_LIMIT, all matching `logFilter`. */
  logs: LogEntry[];
  logsLoaded: boolean;
  logsError: string | null;
  logFilter: LogFilter;
  loadRuns(): Promise<void>;
  loadOlderRuns(): Promise<void>;
  /** A run the core reports finished (`sync.finished`). */
  upsertRun(run: SyncRun): void;
  /** A running sync's counts (`sync.progress`). */
  applyProgress(progress: SyncProgress): void;
  selectRun(runId: number | null): void;
  setChangeKind(kind: ChangeKind | null): void;
  setChangeOffset(offset: number): void;
  loadChanges(): Promise<void>;
  loadLogs(): Promise<void>;
  setLogFilter(change: Partial<LogFilter>): void;
  /** A new entry (`log.entry`); kept only if it matches the filter. */
  appendLog(entry: LogEntry): void;
}

let changesSeq = 0;
let logsSeq = 0;
let refreshingRuns = false;

export const useActivityStore = create<ActivityState>()((set, get) => ({
  runs: [],
  runsLoaded: false,
  runsError: null,
  moreRuns: false,
  selectedRunId: null,
  changes: null,
  logs: [],
  logsLoaded: false,
  logsError: null,
  logFilter: { level: null, endpointId: null, search: '' },

  async loadRuns() {
    try {
      const runs = await getApi().invoke('runs.list', { limit: RUN_PAGE });
      // Runs reported live while the request was on its way stay.
      set((s) => ({
        runs: mergeRuns(
          runs,
          s.runs.filter((r) => r.id > (runs[0]?.id ?? 0)),
        ),
        runsLoaded: true,
        runsError: null,
        moreRuns: runs.length === RUN_PAGE,
      }));
      // Open on the latest run's changes, so the page answers "what changed?" at once.
      if (get().selectedRunId === null && get().runs.length > 0) get().selectRun(get().runs[0]!.id);
    } catch (error) {
      set({ runsLoaded: true, runsError: errorMessage(error) });
    }
  },

  async loadOlderRuns() {
    try {
      const older = await getApi().invoke('runs.list', { limit: RUN_PAGE, offset: get().runs.length });
      set((s) => ({ runs: mergeRuns(s.runs, older), moreRuns: older.length === RUN_PAGE, runsError: null }));
    } catch (error) {
      set({ runsError: errorMessage(error) });
    }
  },

  upsertRun(run) {
    set((s) => ({ runs: mergeRuns(s.runs, [run]) }));
    if (get().selectedRunId === null) get().selectRun(run.id);
    else if (get().selectedRunId === run.id) void get().loadChanges();
  },

  applyProgress(p) {
    const known = get().runs.some((r) => r.id === p.runId);
    if (known) {
      set((s) => ({
        runs: s.runs.map((r) =>
          r.id === p.runId
            ? {
                ...r,
                status: 'running',
                added: p.added,
                updated: p.updated,
                deleted: p.deleted,
                unchanged: p.unchanged,
                moved: p.moved,
                requests: p.requests,
                durationMs: p.elapsedMs,
              }
            : r,
        ),
      }));
      return;
    }
    // A run that started after the list was read: fetch the newest runs once, not per progress event.
    if (refreshingRuns || !get().runsLoaded) return;
    refreshingRuns = true;
    void getApi()
      .invoke('runs.list', { limit: 10 })
      .then((latest) => set((s) => ({ runs: mergeRuns(s.runs, latest) })))
      .catch(() => undefined)
      .finally(() => (refreshingRuns = false));
  },

  selectRun(runId) {
    set({
      selectedRunId: runId,
      changes: runId === null ? null : { runId, kind: null, offset: 0, page: null, loading: true, error: null },
    });
    if (runId !== null) void get().loadChanges();
  },

  setChangeKind(kind) {
    const changes = get().changes;
    if (!changes) return;
    set({ changes: { ...changes, kind, offset: 0, loading: true } });
    void get().loadChanges();
  },

  setChangeOffset(offset) {
    const changes = get().changes;
    if (!changes) return;
    set({ changes: { ...changes, offset: Math.max(0, offset), loading: true } });
    void get().loadChanges();
  },

  async loadChanges() {
    const view = get().changes;
    if (!view) return;
    const seq = ++changesSeq;
    set({ changes: { ...view, loading: true } });
    try {
      const page = await getApi().invoke('runs.changes', {
        runId: view.runId,
        limit: CHANGE_PAGE,
        offset: view.offset,
        ...(view.kind ? { kind: view.kind } : {}),
      });
      if (seq !== changesSeq) return;
      set((s) => (s.changes ? { changes: { ...s.changes, page, loading: false, error: null } } : s));
    } catch (error) {
      if (seq !== changesSeq) return;
      set((s) => (s.changes ? { changes: { ...s.changes, loading: false, error: errorMessage(error) } } : s));
    }
  },

  async loadLogs() {
    const seq = ++logsSeq;
    const filter = get().logFilter;
    const search = filter.search.trim();
    try {
      const newestFirst = await getApi().invoke('logs.recent', {
        limit: LOG_LIMIT,
        ...(filter.level ? { level: filter.level } : {}),
        ...(filter.endpointId !== null ? { endpointId: filter.endpointId } : {}),
        ...(search ? { search } : {}),
      });
      if (seq !== logsSeq) return;
      const loaded = newestFirst.sort((a, b) => a.id - b.id);
      const newest = loaded[loaded.length - 1]?.id ?? 0;
      // Entries that arrived live while the request was on its way.
      const arrived = get().logs.filter((l) => l.id > newest);
      set({ logs: [...loaded, ...arrived].slice(-LOG_LIMIT), logsLoaded: true, logsError: null });
    } catch (error) {
      if (seq !== logsSeq) return;
      set({ logsLoaded: true, logsError: errorMessage(error) });
    }
  },

  setLogFilter(change) {
    const logFilter = { ...get().logFilter, ...change };
    // Entries kept so far may not match the new filter; the reload brings the ones that do.
    set({ logFilter, logs: get().logs.filter((l) => matchesLogFilter(l, logFilter)) });
    void get().loadLogs();
  },

  appendLog(entry) {
    set((s) => {
      if (!matchesLogFilter(entry, s.logFilter)) return s;
      const last = s.logs[s.logs.length - 1];
      if (last && last.id >= entry.id) {
        if (s.logs.some((l) => l.id === entry.id)) return s;
        return { logs: [...s.logs, entry].sort((a, b) => a.id - b.id).slice(-LOG_LIMIT) };
      }
      const logs = s.logs.length >= LOG_LIMIT ? [...s.logs.slice(1 - LOG_LIMIT), entry] : [...s.logs, entry];
      return { logs };
    });
  },
}));
