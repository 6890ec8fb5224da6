/** App-wide state: which page is open, what the core says about itself, and whether it is reachable. */
import { create } from 'zustand';
import type { AppInfo } from '../../../src/contract/model';
import { getApi, getConnectionState } from '../api';
import type { ConnectionState } from '../api';
import { errorMessage } from '../lib/errors';

export type PageId = 'endpoints' | 'files' | 'activity';

/** The pages in sidebar order; Alt/Ctrl+1..n follow this order. */
export const pageOrder: readonly PageId[] = ['endpoints', 'files', 'activity'];

interface AppState {
  page: PageId;
  info: AppInfo | null;
  infoError: string | null;
  connection: ConnectionState;
  /** Bumped to ask the Files page to focus its search box (shortcut `/`, Ctrl/Cmd+F). */
  searchFocusRequest: number;
  setPage(page: PageId): void;
  focusSearch(): void;
  setConnection(state: ConnectionState): void;
  loadInfo(): Promise<void>;
}

export const useAppStore = create<AppState>()((set) => ({
  page: 'endpoints',
  info: null,
  infoError: null,
  connection: getConnectionState(),
  searchFocusRequest: 0,
  setPage: (page) => set({ page }),
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
