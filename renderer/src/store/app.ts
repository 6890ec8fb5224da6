/** App-wide state: which page is open, what the core says about itself, and whether it is reachable. */
import { create } from 'zustand';
import type { AppInfo } from '../../../src/contract/model';
import type { NavigatePage, NavigateTarget } from '../../../src/contract/settings';
import { getApi, getConnectionState } from '../api';
import type { ConnectionState } from '../api';
import { errorMessage } from '../lib/errors';

export type PageId = NavigatePage;

/** The pages in sidebar order; Alt/Ctrl+1..n follow this order. The window opens on the first. */
export const pageOrder: readonly PageId[] = ['overview', 'files', 'activity', 'performance', 'endpoints', 'settings'];

function isPageId(page: unknown): page is PageId {
  return typeof page === 'string' && (pageOrder as readonly string[]).includes(page);
}

interface AppState {
  page: PageId;
  info: AppInfo | null;
  infoError: string | null;
  connection: ConnectionState;
  /** Bumped to ask the Files page to focus its search box (shortcut `/`, Ctrl/Cmd+F). */
  searchFocusRequest: number;
  /** An endpoint whose card the Endpoints page should scroll to and focus (from `app.navigate`); cleared once done. */
  endpointFocusRequest: number | null;
  /** The Endpoints page should open its add form (the Overview's first-run button); cleared once done. */
  addEndpointRequested: boolean;
  setPage(page: PageId): void;
  /** Opens the Endpoints page with its "Add endpoint" form. */
  openAddEndpoint(): void;
  clearAddEndpoint(): void;
  /** Opens the page an `app.navigate` event asks for (a notification or the tray was clicked). */
  navigate(target: NavigateTarget): void;
  clearEndpointFocus(): void;
  focusSearch(): void;
  setConnection(state: ConnectionState): void;
  loadInfo(): Promise<void>;
}

export const useAppStore = create<AppState>()((set) => ({
  page: 'overview',
  info: null,
  infoError: null,
  connection: getConnectionState(),
  searchFocusRequest: 0,
  endpointFocusRequest: null,
  addEndpointRequested: false,
  setPage: (page) => set({ page }),
  openAddEndpoint: () => set({ page: 'endpoints', addEndpointRequested: true }),
  clearAddEndpoint: () => set({ addEndpointRequested: false }),
  navigate: ({ page, endpointId }) => {
    // A newer desktop app may name a page this window does not have: stay where we are.
    if (!isPageId(page)) return;
    set({ page, endpointFocusRequest: page === 'endpoints' && endpointId !== undefined ? endpointId : null });
  },
  clearEndpointFocus: () => set({ endpointFocusRequest: null }),
  focusSearch: () => set((s) => ({ page: 'files', searchFocusRequest: s.searchFocusRequest + 1 })),
  setConnection: (connection) => set({ connection }),
  async loadInfo() {
    try {
      const info = await getApi().invoke('app.info', {});
      set({ info, infoError: null });
    } catch (error) {
      set({ infoError: errorMessage(error) });
    }
  },
}));
