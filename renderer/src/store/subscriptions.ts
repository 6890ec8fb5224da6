/** Wires contract events into the stores once, at start-up. */
import { getApi, getConnectionState, onConnectionChange } from '../api';
import { useActivityStore } from './activity';
import { useAppStore } from './app';
import { useEndpointsStore } from './endpoints';
import { useFilesStore } from './files';
import { usePerformanceStore } from './performance';
import { useSettingsStore } from './settings';

/** Subscribes every store to the events it lives on; returns a function that unsubscribes all. */
export function connectStores(): () => void {
  const api = getApi();
  let filesTimer: number | undefined;
  let wasConnected = useAppStore.getState().connection === 'connected';
  let lost = false;
  // "Sync all" finishes many runs in a burst; one table refresh is enough.
  const refreshFilesSoon = () => {
    window.clearTimeout(filesTimer);
    filesTimer = window.setTimeout(() => useFilesStore.getState().refresh(), 300);
  };

  const offs = [
    api.on('sync.progress', (p) => {
      useEndpointsStore.getState().applyProgress(p);
      useActivityStore.getState().applyProgress(p);
    }),
    api.on('sync.finished', (run) => {
      useEndpointsStore.getState().finishRun(run.endpointId, run.id);
      useActivityStore.getState().upsertRun(run);
      usePerformanceStore.getState().applyRun(run);
      refreshFilesSoon();
    }),
    api.on('endpoints.changed', () => {
      void useEndpointsStore.getState().load();
      refreshFilesSoon();
    }),
    api.on('log.entry', (entry) => useActivityStore.getState().appendLog(entry)),
    api.on('metrics.sampled', (sample) => usePerformanceStore.getState().applySample(sample)),
    api.on('settings.changed', (settings) => useSettingsStore.getState().apply(settings)),
    // A notification or the tray asks for a page (and maybe one endpoint on it).
    api.on('app.navigate', (target) => {
      if (target.page === 'files' && target.endpointId !== undefined) {
        useFilesStore.getState().setQuery({ endpointIds: [target.endpointId] });
      }
      useAppStore.getState().navigate(target);
    }),
    onConnectionChange((state) => {
      useAppStore.getState().setConnection(state);
      if (state !== 'connected') {
        lost = wasConnected;
        return;
      }
      wasConnected = true;
      // Events missed while disconnected are gone: reload what they would have told us.
      if (lost) reloadAll();
      lost = false;
    }),
  ];
  // getApi() may have settled the state before we subscribed (IPC is connected from the start).
  useAppStore.getState().setConnection(getConnectionState());
  wasConnected = getConnectionState() === 'connected';
  return () => {
    window.clearTimeout(filesTimer);
    for (const off of offs) off();
  };
}

/** Reloads every store from the core. */
export function reloadAll(): void {
  void useAppStore.getState().loadInfo();
  void useEndpointsStore.getState().load();
  void useActivityStore.getState().loadRuns();
  void useActivityStore.getState().loadLogs();
  useFilesStore.getState().refresh();
  if (useSettingsStore.getState().loaded) void useSettingsStore.getState().load();
  if (usePerformanceStore.getState().loaded) void usePerformanceStore.getState().load();
}
