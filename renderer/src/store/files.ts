/**
 * The Files table's query and a page cache keyed by offset: the virtual table asks for the rows it shows,
 * pages of PAGE_SIZE are fetched on demand, and the cache resets when the query changes.
 */
import { create } from 'zustand';
import type { CatalogFile } from '../../../src/contract/model';
import type { FilesQuery, SortField } from '../../../src/contract/schemas';
import { getApi } from '../api';
import { errorMessage } from '../lib/errors';

/** Rows per `files.query` request. */
export const PAGE_SIZE = 200;
// Enough pages for several screens either side of the viewport; beyond that memory stays bounded.
const MAX_CACHED_PAGES = 40;

export interface FilesQueryState {
  search: string;
  sort: SortField;
  direction: 'asc' | 'desc';
  /** null = all endpoints. */
  endpointId: number | null;
  /** Raw text of the extension filter, e.g. "pdf, dwg". */
  extensions: string;
}

interface FilesState {
  query: FilesQueryState;
  /** Bumped on every query change or refresh; responses from an older generation are dropped. */
  generation: number;
  total: number | null;
  pages: Record<number, CatalogFile[]>;
  /** True until the first page of the current query arrives. */
  loading: boolean;
  error: string | null;
  setQuery(patch: Partial<FilesQueryState>): void;
  toggleSort(field: SortField): void;
  ensureRange(start: number, end: number): void;
  refresh(): void;
}

/** Parses "pdf, .DWG  xlsx" into ['pdf', 'dwg', 'xlsx']. */
export function parseExtensions(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((e) => e.trim().replace(/^\./, '').toLowerCase())
    .filter(Boolean);
}

function toInput(q: FilesQueryState): FilesQuery {
  const extensions = parseExtensions(q.extensions);
  const search = q.search.trim();
  return {
    sort: q.sort,
    direction: q.direction,
    ...(search ? { search } : {}),
    ...(q.endpointId !== null ? { endpointIds: [q.endpointId] } : {}),
    ...(extensions.length ? { extensions } : {}),
  };
}

// Bookkeeping that must not trigger renders.
const fresh = new Set<number>();
const inflight = new Set<string>();
let lastRange: [number, number] = [0, PAGE_SIZE - 1];

/** Cached row at `index`, or undefined while its page is loading. */
export function rowAt(pages: Record<number, CatalogFile[]>, index: number): CatalogFile | undefined {
  const offset = Math.floor(index / PAGE_SIZE) * PAGE_SIZE;
  return pages[offset]?.[index - offset];
}

export const useFilesStore = create<FilesState>()((set, get) => {
  async function fetchPage(offset: number): Promise<void> {
    const { generation, query } = get();
    const key = `${generation}:${offset}`;
    if (inflight.has(key)) return;
    inflight.add(key);
    try {
      const page = await getApi().invoke('files.query', { ...toInput(query), offset, limit: PAGE_SIZE });
      if (get().generation !== generation) return;
      fresh.add(offset);
      set((s) => ({
        pages: trim({ ...s.pages, [offset]: page.rows }),
        total: page.total,
        loading: false,
        error: null,
      }));
    } catch (error) {
      if (get().generation !== generation) return;
      set({ loading: false, error: errorMessage(error) });
    } finally {
      inflight.delete(key);
    }
  }

  function trim(pages: Record<number, CatalogFile[]>): Record<number, CatalogFile[]> {
    const offsets = Object.keys(pages).map(Number);
    if (offsets.length <= MAX_CACHED_PAGES) return pages;
    const center = (lastRange[0] + lastRange[1]) / 2;
    offsets.sort((a, b) => Math.abs(b - center) - Math.abs(a - center));
    const next = { ...pages };
    for (const offset of offsets.slice(0, offsets.length - MAX_CACHED_PAGES)) {
      delete next[offset];
      fresh.delete(offset);
    }
    return next;
  }

  function restart(keepRows: boolean): void {
    fresh.clear();
    set((s) => ({
      generation: s.generation + 1,
      pages: keepRows ? s.pages : {},
      loading: !keepRows || s.total === null,
      error: null,
    }));
    // Page 0 carries the total even when the viewport is elsewhere.
    void fetchPage(0);
    get().ensureRange(lastRange[0], lastRange[1]);
  }

  return {
    query: { search: '', sort: 'name', direction: 'asc', endpointId: null, extensions: '' },
    generation: 0,
    total: null,
    pages: {},
    loading: true,
    error: null,

    setQuery(patch) {
      set((s) => ({ query: { ...s.query, ...patch } }));
      lastRange = [0, PAGE_SIZE - 1];
      restart(false);
    },

    toggleSort(field) {
      const { sort, direction } = get().query;
      const next =
        sort === field
          ? direction === 'asc'
            ? 'desc'
            : 'asc'
          : field === 'size' || field === 'modifiedTime'
            ? 'desc'
            : 'asc';
      get().setQuery({ sort: field, direction: next });
    },

    ensureRange(start, end) {
      lastRange = [start, end];
      const total = get().total;
      const last = total === null ? end : Math.min(end, Math.max(total - 1, 0));
      for (let offset = Math.floor(start / PAGE_SIZE) * PAGE_SIZE; offset <= last; offset += PAGE_SIZE) {
        if (!fresh.has(offset)) void fetchPage(offset);
      }
    },

    refresh() {
      // Keep showing the old rows while the new ones arrive, so a finished sync does not flash the table.
      restart(true);
    },
  };
});
