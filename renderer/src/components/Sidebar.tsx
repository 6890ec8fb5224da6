/** Left navigation: one entry per page, the keyboard shortcut shown, and the connection state at the foot. */
import type { ReactNode } from 'react';
import { pageOrder, useAppStore } from '../store/app';
import type { PageId } from '../store/app';
import { ActivityIcon, EndpointsIcon, FilesIcon, LogoIcon, OverviewIcon, PerformanceIcon, SettingsIcon } from './Icons';

const pages: Record<PageId, { label: string; icon: ReactNode }> = {
  overview: { label: 'Overview', icon: <OverviewIcon size={18} /> },
  files: { label: 'Files', icon: <FilesIcon size={18} /> },
  activity: { label: 'Activity', icon: <ActivityIcon size={18} /> },
  performance: { label: 'Performance', icon: <PerformanceIcon size={18} /> },
  endpoints: { label: 'Endpoints', icon: <EndpointsIcon size={18} /> },
  settings: { label: 'Settings', icon: <SettingsIcon size={18} /> },
};

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

/** The app's sidebar. */
export function Sidebar() {
  const page = useAppStore((s) => s.page);
  const setPage = useAppStore((s) => s.setPage);
  const info = useAppStore((s) => s.info);
  const connection = useAppStore((s) => s.connection);

  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark">
          <LogoIcon size={20} />
        </span>
        <span className="brand-name">File Connector</span>
      </div>
      <nav aria-label="Main">
        <ul className="nav-list">
          {pageOrder.map((id, i) => (
            <li key={id}>
              <button
                type="button"
                className="nav-item"
                aria-current={page === id ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${i + 1} Control+${i + 1}`}
                title={`${pages[id].label} (${isMac ? '⌘' : 'Ctrl+'}${i + 1})`}
                onClick={() => setPage(id)}
              >
                {pages[id].icon}
                <span className="nav-label">{pages[id].label}</span>
                <kbd className="nav-kbd" aria-hidden="true">
                  {i + 1}
                </kbd>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="sidebar-foot">
        <span className={`conn conn-${connection}`} role="status">
          <span className="conn-dot" aria-hidden="true" />
          {connection === 'connected' ? 'Connected' : connection === 'connecting' ? 'Connecting…' : 'Offline'}
        </span>
        {info && <span className="sidebar-version">v{info.version}</span>}
      </div>
    </aside>
  );
}
