/** Endpoints and their live sync progress, fed by contract events (no polling). */
import { create } from 'zustand';
import type { EndpointSummary, SyncProgress } from '../../../src/contract/model';
import type { EndpointInput } from '../../../src/contract/schemas';
import { getApi } from '../api';
import { errorMessage } from '../lib/errors';

interface EndpointsState {
  items: EndpointSummary[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  /** Live progress per endpoint id, from `sync.progress`; cleared on `sync.finished`. */
  progress: Record<number, SyncProgress>;
  /** Endpoints whose "Sync now" request is in flight, so the button reacts before the first event. */
  starting: Record<number, boolean>;
  /** Per-endpoint action errors (sync start, cancel, remove), shown on the card. */
  actionErrors: Record<number, string>;
  load(): Promise<void>;
  sync(endpointId?: number): Promise<void>;
  cancel(endpointId: number): Promise<void>;
  create(input: EndpointInput): Promise<EndpointSummary>;
  update(id: number, input: EndpointInput): Promise<EndpointSummary>;
  remove(id: number): Promise<void>;
  applyProgress(progress: SyncProgress): void;
  finishRun(endpointId: number, runId: number): void;
}

let loadSeq = 0;
// Runs already reported finished: a progress event that arrives after `sync.finished` must not revive the bar.
const finishedRuns = new Set<number>();

export const useEndpointsStore = create<EndpointsState>()((set, get) => ({
  items: [],
  loaded: false,
  loading: false,
  error: null,
  progress: {},
  starting: {},
  actionErrors: {},

  async load() {
    const seq = ++loadSeq;
    set({ loading: true });
    try {
      const items = await getApi().invoke('endpoints.list', {});
      if (seq !== loadSeq) return; // a newer load superseded this one
      // Progress the core reports on the list seeds the live map (e.g. a sync started before the window opened).
      const progress = { ...get().progress };
      for (const e of items) {
        if (e.progress && !progress[e.id]) progress[e.id] = e.progress;
        if (e.status !== 'syncing') delete progress[e.id];
      }
      set({ items, loaded: true, loading: false, error: null, progress });
    } catch (error) {
      if (seq !== loadSeq) return;
      set({ loading: false, error: errorMessage(error) });
    }
  },

  async sync(endpointId) {
    const ids = endpointId === undefined ? get().items.map((e) => e.id) : [endpointId];
    set((s) => {
      const starting = { ...s.starting };
      const actionErrors = { ...s.actionErrors };
      for (const id of ids) {
        starting[id] = true;
        delete actionErrors[id];
      }
      return { starting, actionErrors };
    });
    try {
      await getApi().invoke('sync.start', endpointId === undefined ? {} : { endpointId });
    } catch (error) {
      const message = errorMessage(error);
      set((s) => {
        const actionErrors = { ...s.actionErrors };
        for (const id of ids) actionErrors[id] = message;
        return { actionErrors };
      });
      throw error;
    } finally {
      set((s) => {
        const starting = { ...s.starting };
        for (const id of ids) delete starting[id];
        return { starting };
      });
      void get().load();
    }
  },

  async cancel(endpointId) {
    try {
      await getApi().invoke('sync.cancel', { endpointId });
    } catch (error) {
      set((s) => ({ actionErrors: { ...s.actionErrors, [endpointId]: errorMessage(error) } }));
    }
  },

  async create(input) {
    const created = await getApi().invoke('endpoints.create', input);
    await get().load();
    return created;
  },

  async update(id, input) {
    const updated = await getApi().invoke('endpoints.update', { id, endpoint: input });
    await get().load();
    return updated;
  },

  async remove(id) {
    await getApi().invoke('endpoints.remove', { id });
    set((s) => ({ items: s.items.filter((e) => e.id !== id) }));
    await get().load();
  },

  applyProgress(p) {
    if (finishedRuns.has(p.runId) || p.phase === 'done') return;
    set((s) => ({
      progress: { ...s.progress, [p.endpointId]: p },
      items: s.items.map((e) => (e.id === p.endpointId && e.status !== 'syncing' ? { ...e, status: 'syncing' } : e)),
    }));
  },

  finishRun(endpointId, runId) {
    finishedRuns.add(runId);
    set((s) => {
      const progress = { ...s.progress };
      delete progress[endpointId];
      return { progress };
    });
    void get().load();
  },
}));
