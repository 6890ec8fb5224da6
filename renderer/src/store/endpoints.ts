/** Endpoints and their live sync progress, fed by contract events (no polling). */
import { create } from 'zustand';
import type { EndpointSummary, SchedulerStatus, SyncProgress } from '../../../src/contract/model';
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
  /** Automatic syncing as a whole (pause-all, the slots); null until the core answered. */
  scheduler: SchedulerStatus | null;
  load(): Promise<void>;
  /** Starts a sync of one endpoint, or of every one; says which started and which wait for a free slot. */
  sync(endpointId?: number): Promise<SyncStarted>;
  cancel(endpointId: number): Promise<void>;
  create(input: EndpointInput): Promise<EndpointSummary>;
  update(id: number, input: EndpointInput): Promise<EndpointSummary>;
  remove(id: number): Promise<void>;
  /** Forgets the endpoint's saved sign-in. */
  signOut(id: number): Promise<void>;
  /** Stops (or lets again) an endpoint's automatic syncs; a failure is shown on its card. */
  setPaused(id: number, paused: boolean): Promise<void>;
  /** Pauses or resumes automatic syncing everywhere; throws so the page can say why it could not. */
  setPausedAll(paused: boolean): Promise<void>;
  applyProgress(progress: SyncProgress): void;
  finishRun(endpointId: number, runId: number): void;
}

export interface SyncStarted {
  runIds: number[];
  /** Endpoints whose run waits for a free slot or for their current run to end. */
  queued: number[];
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
  scheduler: null,

  async load() {
    const seq = ++loadSeq;
    set({ loading: true });
    // The scheduler's state rides along; a core without one (or an older one) just leaves it unknown.
    const status = getApi()
      .invoke('scheduler.status', {})
      .catch(() => null);
    try {
      const listed = await getApi().invoke('endpoints.list', {});
      const scheduler = await status;
      if (seq !== loadSeq) return; // a newer load superseded this one
      const { finishedRuns } = get();
      const items = listed.map((e) => (isOver(e, finishedRuns) ? settled(e) : e));
      // Progress the core reports on the list seeds the live map (e.g. a sync started before the window opened).
      const progress = { ...get().progress };
      for (const e of items) {
        if (e.progress && !progress[e.id]) progress[e.id] = e.progress;
        if (e.status !== 'syncing') delete progress[e.id];
      }
      set({ items, loaded: true, loading: false, error: null, progress, scheduler });
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
      return await getApi().invoke('sync.start', endpointId === undefined ? {} : { endpointId });
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

  async setPaused(id, paused) {
    set((s) => {
      const actionErrors = { ...s.actionErrors };
      delete actionErrors[id];
      return { actionErrors };
    });
    try {
      const updated = await getApi().invoke(paused ? 'endpoints.pause' : 'endpoints.resume', { id });
      // Show the answer at once; the list reload that follows brings the rest.
      const shown = isOver(updated, get().finishedRuns) ? settled(updated) : updated;
      set((s) => ({ items: s.items.map((e) => (e.id === id ? shown : e)) }));
    } catch (error) {
      set((s) => ({ actionErrors: { ...s.actionErrors, [id]: errorMessage(error) } }));
    }
    await get().load();
  },

  async setPausedAll(paused) {
    const scheduler = await getApi().invoke(paused ? 'scheduler.pauseAll' : 'scheduler.resumeAll', {});
    set({ scheduler });
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
