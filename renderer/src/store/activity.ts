/** Recent sync runs and log entries for the Activity page; runs refresh on `sync.finished`, logs append live. */
import { create } from 'zustand';
import type { LogEntry, LogLevel, SyncRun } from '../../../src/contract/model';
import { getApi } from '../api';
import { errorMessage } from '../lib/errors';

const RUN_LIMIT = 100;
const LOG_LIMIT = 500;

/** Severity order, so a "warn" filter also shows errors. */
export const levelRank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

interface ActivityState {
  runs: SyncRun[];
  runsLoaded: boolean;
  runsError: string | null;
  logs: LogEntry[];
  logsLoaded: boolean;
  logsError: string | null;
  /** Minimum level shown; null = everything. */
  level: LogLevel | null;
  loadRuns(): Promise<void>;
  loadLogs(): Promise<void>;
  setLevel(level: LogLevel | null): void;
  appendLog(entry: LogEntry): void;
  upsertRun(run: SyncRun): void;
}

export const useActivityStore = create<ActivityState>()((set, get) => ({
  runs: [],
  runsLoaded: false,
  runsError: null,
  logs: [],
  logsLoaded: false,
  logsError: null,
  level: null,

  async loadRuns() {
    try {
      const runs = await getApi().invoke('runs.list', { limit: RUN_LIMIT });
      set({ runs, runsLoaded: true, runsError: null });
    } catch (error) {
      set({ runsLoaded: true, runsError: errorMessage(error) });
    }
  },

  async loadLogs() {
    const level = get().level;
    try {
      const logs = await getApi().invoke('logs.recent', { limit: LOG_LIMIT, ...(level ? { level } : {}) });
      // Newest first, whatever order the core returns.
      logs.sort((a, b) => b.id - a.id);
      if (get().level === level) set({ logs, logsLoaded: true, logsError: null });
    } catch (error) {
      set({ logsLoaded: true, logsError: errorMessage(error) });
    }
  },

  setLevel(level) {
    set({ level });
    void get().loadLogs();
  },

  appendLog(entry) {
    set((s) => {
      if (s.logs.some((l) => l.id === entry.id)) return s;
      return { logs: [entry, ...s.logs].slice(0, LOG_LIMIT) };
    });
  },

  upsertRun(run) {
    set((s) => {
      const rest = s.runs.filter((r) => r.id !== run.id);
      return { runs: [run, ...rest].sort((a, b) => b.id - a.id).slice(0, RUN_LIMIT) };
    });
  },
}));
