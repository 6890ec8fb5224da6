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
  /**
   * The last run reported finished per endpoint id: a progress event of that run (or an older one) arriving after
   * `sync.finished` must not revive the bar. Run ids only grow, so one id per endpoint is enough.
   */
  finishedRuns: Record<number, number>;
  load(): Promise<void>;
  sync(endpointId?: number): Promise<void>;
  cancel(endpointId: number): Promise<void>;
  create(input: EndpointInput): Promise<EndpointSummary>;
  update(id: number, input: EndpointInput): Promise<EndpointSummary>;
  remove(id: number): Promise<void>;
  /** Forgets the endpoint's saved sign-in. */
  signOut(id: number): Promise<void>;
  applyProgress(progress: SyncProgress): void;
  finishRun(endpointId: number, runId: number): void;
}

let loadSeq = 0;

/**
 * True when the list still calls an endpoint syncing although its run is over: the core announces `sync.finished`
 * a moment before the engine lets go of the run, so a list fetched in between reports the finished run's progress.
 */
function isOver(e: EndpointSummary, finishedRuns: Record<number, number>): boolean {
  return e.progress !== null && (e.progress.phase === 'done' || e.progress.runId <= (finishedRuns[e.id] ?? 0));
}

/** The endpoint as it is once its run is over. */
function settled(e: EndpointSummary): EndpointSummary {
  const status = e.paused ? 'paused' : e.lastRun?.status === 'failed' ? 'error' : 'idle';
  return { ...e, status, progress: null };
}

export const useEndpointsStore = create<EndpointsState>()((set, get) => ({
  items: [],
  loaded: false,
  loading: false,
  error: null,
  progress: {},
  starting: {},
  actionErrors: {},
  finishedRuns: {},

  async load() {
    const seq = ++loadSeq;
    set({ loading: true });
    try {
      const listed = await getApi().invoke('endpoints.list', {});
      if (seq !== loadSeq) return; // a newer load superseded this one
      const { finishedRuns } = get();
      const items = listed.map((e) => (isOver(e, finishedRuns) ? settled(e) : e));
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

  async signOut(id) {
    await getApi().invoke('auth.signOut', { endpointId: id });
    await get().load();
  },

  applyProgress(p) {
    if (p.phase === 'done' || p.runId <= (get().finishedRuns[p.endpointId] ?? 0)) return;
    set((s) => ({
      progress: { ...s.progress, [p.endpointId]: p },
      items: s.items.map((e) => (e.id === p.endpointId && e.status !== 'syncing' ? { ...e, status: 'syncing' } : e)),
    }));
  },

  finishRun(endpointId, runId) {
    set((s) => {
      const progress = { ...s.progress };
      delete progress[endpointId];
      const finishedRuns = { ...s.finishedRuns, [endpointId]: Math.max(runId, s.finishedRuns[endpointId] ?? 0) };
      return { progress, finishedRuns };
    });
    void get().load();
  },
}));
