/** The window: sidebar plus the current page; loads the stores and subscribes them to events on start. */
import { useEffect, useRef } from 'react';
import { Sidebar } from './components/Sidebar';
import { StartupProblem } from './components/StartupProblem';
import { ActivityPage } from './pages/activity/ActivityPage';
import { EndpointsPage } from './pages/endpoints/EndpointsPage';
import { FilesPage } from './pages/files/FilesPage';
import { OverviewPage } from './pages/overview/OverviewPage';
import { PerformancePage } from './pages/performance/PerformancePage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { useAppStore } from './store/app';
import { useEndpointsStore } from './store/endpoints';
import { connectStores, reloadAll } from './store/subscriptions';
import { useShortcuts } from './lib/useShortcuts';

const titles = {
  overview: 'Overview',
  files: 'Files',
  activity: 'Activity',
  performance: 'Performance',
  endpoints: 'Endpoints',
  settings: 'Settings',
} as const;

/** Root component. */
export function App() {
  const page = useAppStore((s) => s.page);
  // Only a failure before anything loaded blocks the window; later failures show on the page that hit them.
  const blocked = useAppStore((s) => (s.info === null ? s.infoError : null));
  const mainRef = useRef<HTMLElement>(null);
  useShortcuts();

  useEffect(() => {
    const disconnect = connectStores();
    void useAppStore.getState().loadInfo();
    void useEndpointsStore.getState().load();
    return disconnect;
  }, []);

  useEffect(() => {
    document.title = `${titles[page]} · File Connector`;
    // A shortcut may have unmounted the focused control; give keyboard users a place to start on the new page.
    const frame = window.requestAnimationFrame(() => {
      if (!document.activeElement || document.activeElement === document.body) {
        mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
      }
    });
    return () => window.cancelAnimationFrame(frame);
  }, [page]);

  return (
    <div className="app">
      <Sidebar />
      <main ref={mainRef} className="main" aria-label={titles[page]}>
        {blocked ? (
          <StartupProblem message={blocked} onRetry={reloadAll} />
        ) : (
          <>
            {page === 'overview' && <OverviewPage />}
            {page === 'files' && <FilesPage />}
            {page === 'activity' && <ActivityPage />}
            {page === 'performance' && <PerformancePage />}
            {page === 'endpoints' && <EndpointsPage />}
            {page === 'settings' && <SettingsPage />}
          </>
        )}
      </main>
    </div>
  );
}
