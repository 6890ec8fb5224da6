/**
 * The app's settings (start at login, notifications, theme, retention) and the scheduler's concurrency, for the
 * Settings page and the window's theme. Fed by `settings.get` once and by the `settings.changed` event after that;
 * no polling. Whatever the settings say about the theme is shown at once.
 */
import { create } from 'zustand';
import type { CatalogStats, SchedulerStatus } from '../../../src/contract/model';
import type { AppSettings, AppSettingsUpdate } from '../../../src/contract/settings';
import { getApi } from '../api';
import { errorMessage } from '../lib/errors';
import { applyTheme } from '../lib/theme';
import { useEndpointsStore } from './endpoints';

interface SettingsState {
  settings: AppSettings | null;
  loaded: boolean;
  error: string | null;
  scheduler: SchedulerStatus | null;
  stats: CatalogStats | null;
  statsError: string | null;
  load(): Promise<void>;
  loadStats(): Promise<void>;
  /** The core's settings, as `settings.get` or `settings.changed` report them. */
  apply(settings: AppSettings): void;
  /** Saves a change at once (shown optimistically); throws the core's error, after going back to what it keeps. */
  update(change: AppSettingsUpdate): Promise<void>;
  /** `scheduler.configure`; throws the core's error. */
  setMaxConcurrentSyncs(n: number): Promise<void>;
}

let loadSeq = 0;

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  settings: null,
  loaded: false,
  error: null,
  scheduler: null,
  stats: null,
  statsError: null,

  async load() {
    const seq = ++loadSeq;
    const scheduler = getApi()
      .invoke('scheduler.status', {})
      .catch(() => null);
    try {
      const settings = await getApi().invoke('settings.get', {});
      const status = await scheduler;
      if (seq !== loadSeq) return;
      applyTheme(settings.theme);
      set({ settings, scheduler: status, loaded: true, error: null });
    } catch (error) {
      if (seq !== loadSeq) return;
      set({ loaded: true, error: errorMessage(error) });
    }
  },

  async loadStats() {
    try {
      const stats = await getApi().invoke('catalog.stats', {});
      set({ stats, statsError: null });
    } catch (error) {
      set({ statsError: errorMessage(error) });
    }
  },

  apply(settings) {
    // A newer answer than any load in flight.
    loadSeq++;
    applyTheme(settings.theme);
    set({ settings, loaded: true, error: null });
  },

  async update(change) {
    const before = get().settings;
    if (change.theme) applyTheme(change.theme);
    if (before) set({ settings: { ...before, ...change } });
    try {
      get().apply(await getApi().invoke('settings.update', change));
    } catch (error) {
      // Show what the core really keeps, not the change it refused.
      await get().load();
      throw error;
    }
  },

  async setMaxConcurrentSyncs(maxConcurrentSyncs) {
    const scheduler = await getApi().invoke('scheduler.configure', { maxConcurrentSyncs });
    set({ scheduler });
    // The Endpoints page shows the same status.
    useEndpointsStore.setState({ scheduler });
  },
}));
