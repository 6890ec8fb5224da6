/**
 * The Files table's query (search, filters, sort) and a page cache keyed by offset: the virtual table asks for the
 * rows it shows, pages of PAGE_SIZE are fetched on demand, and the cache resets when the query changes. The
 * filters' choices (extensions, modifiers) come from the core's facets.
 */
import { create } from 'zustand';
import type { CatalogFile, FileFacets } from '../../../src/contract/model';
import type { FilesQuery, SortField } from '../../../src/contract/schemas';
import { getApi } from '../api';
import { errorMessage } from '../lib/errors';

/** Rows per `files.query` request. */
export const PAGE_SIZE = 200;
// Enough pages for several screens either side of the viewport; beyond that memory stays bounded.
const MAX_CACHED_PAGES = 40;

/** Files, folders, or both. */
export type EntryKind = 'all' | 'files' | 'folders';

/** The filters of the Files page; every one is answered by the core. */
export interface FileFilters {
  /** Empty = every endpoint. */
  endpointIds: number[];
  kind: EntryKind;
  /** Lower-case, without the dot. */
  extensions: string[];
  /** Bytes, inclusive; null = no bound. */
  minSize: number | null;
  maxSize: number | null;
  /** Local calendar days `YYYY-MM-DD`, both inclusive; null = no bound. */
  modifiedFrom: string | null;
  modifiedTo: string | null;
  /** A name from the facets, matched exactly. */
  modifiedBy: string | null;
}

export interface FilesQueryState extends FileFilters {
  search: string;
  sort: SortField;
  direction: 'asc' | 'desc';
}

/** Every column the table can show, in display order. */
export const fileColumnIds = [
  'name',
  'path',
  'endpoint',
  'size',
  'modified',
  'modifiedBy',
  'type',
  'created',
  'createdBy',
  'version',
  'mimeType',
] as const;
export type FileColumnId = (typeof fileColumnIds)[number];

export const defaultColumns: readonly FileColumnId[] = ['name', 'path', 'endpoint', 'size', 'modified', 'type'];

/** Where the chosen columns are remembered between runs of the app. */
export const COLUMNS_STORAGE_KEY = 'file-connector:files:columns';

/** The remembered columns (the name always among them), or the defaults when none or unreadable. */
export function readColumns(): FileColumnId[] {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(COLUMNS_STORAGE_KEY) ?? 'null');
    if (Array.isArray(stored)) {
      const chosen = new Set(stored.filter((id): id is FileColumnId => fileColumnIds.includes(id as FileColumnId)));
      chosen.add('name');
      return fileColumnIds.filter((id) => chosen.has(id));
    }
  } catch {
    // Storage may be unavailable or hold something else: the defaults will do.
  }
  return [...defaultColumns];
}

export const noFilters: FileFilters = {
  endpointIds: [],
  kind: 'all',
  extensions: [],
  minSize: null,
  maxSize: null,
  modifiedFrom: null,
  modifiedTo: null,
  modifiedBy: null,
};

interface FilesState {
  query: FilesQueryState;
  /** Bumped on every query change or refresh; responses from an older generation are dropped. */
  generation: number;
  total: number | null;
  /** False while `total` is the core's estimate for a broad search; `files.count` then answers the exact one. */
  totalExact: boolean;
  pages: Record<number, CatalogFile[]>;
  /** True until the first page of the current query arrives. */
  loading: boolean;
  error: string | null;
  /** What the filters offer, for the endpoints chosen; null until loaded. */
  facets: FileFacets | null;
  facetsError: string | null;
  /** Visible columns in display order. */
  columns: FileColumnId[];
  /** Shows or hides a column (the name stays) and remembers the choice. */
  setColumnVisible(id: FileColumnId, visible: boolean): void;
  setQuery(patch: Partial<FilesQueryState>): void;
  clearFilters(): void;
  toggleSort(field: SortField): void;
  ensureRange(start: number, end: number): void;
  refresh(): void;
  loadFacets(): Promise<void>;
}

/** Parses "pdf, .DWG  xlsx" into ['pdf', 'dwg', 'xlsx']. */
export function parseExtensions(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((e) => e.trim().replace(/^\./, '').toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** The UTC instant a local calendar day starts, as ISO (catalog times are ISO UTC). */
export function localDayStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!).toISOString();
}

/** The UTC instant the local calendar day after `day` starts: the exclusive end of an inclusive "to" day. */
export function localDayEnd(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + 1).toISOString();
}

/** True when any filter (not the search) narrows the list. */
export function hasFilters(q: FileFilters): boolean {
  return (
    q.endpointIds.length > 0 ||
    q.kind !== 'all' ||
    q.extensions.length > 0 ||
    q.minSize !== null ||
    q.maxSize !== null ||
    q.modifiedFrom !== null ||
    q.modifiedTo !== null ||
    q.modifiedBy !== null
  );
}

/** The `files.query` input of the page's query (without offset and limit). */
export function toQueryInput(q: FilesQueryState): FilesQuery {
  const search = q.search.trim();
  return {
    sort: q.sort,
    direction: q.direction,
    ...(search ? { search } : {}),
    ...(q.endpointIds.length ? { endpointIds: q.endpointIds } : {}),
    ...(q.kind !== 'all' ? { isFolder: q.kind === 'folders' } : {}),
    ...(q.extensions.length ? { extensions: q.extensions } : {}),
    ...(q.minSize !== null ? { minSize: q.minSize } : {}),
    ...(q.maxSize !== null ? { maxSize: q.maxSize } : {}),
    ...(q.modifiedFrom ? { modifiedAfter: localDayStart(q.modifiedFrom) } : {}),
    ...(q.modifiedTo ? { modifiedBefore: localDayEnd(q.modifiedTo) } : {}),
    ...(q.modifiedBy !== null ? { modifiedBy: q.modifiedBy } : {}),
  };
}

// Bookkeeping that must not trigger renders.
const fresh = new Set<number>();
const inflight = new Set<string>();
let lastRange: [number, number] = [0, PAGE_SIZE - 1];
let facetsRequest = 0;
/** The generation whose exact total has been asked for, and the one it has answered for. */
let counting = -1;
let exactGeneration = -1;

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
      const page = await getApi().invoke('files.query', { ...toQueryInput(query), offset, limit: PAGE_SIZE });
      if (get().generation !== generation) return;
      fresh.add(offset);
      set((s) => ({
        pages: trim({ ...s.pages, [offset]: page.rows }),
        // An estimate never replaces the exact total once known.
        ...(page.totalExact || exactGeneration !== generation
          ? { total: page.total, totalExact: page.totalExact }
          : {}),
        loading: false,
        error: null,
      }));
      if (!page.totalExact) void fetchCount(generation);
    } catch (error) {
      if (get().generation !== generation) return;
      set({ loading: false, error: errorMessage(error) });
    } finally {
      inflight.delete(key);
    }
  }

  /** Asks for the exact total once per query; answers for an older query are dropped. */
  async function fetchCount(generation: number): Promise<void> {
    if (counting === generation) return;
    counting = generation;
    try {
      const { sort: _sort, direction: _direction, ...filter } = toQueryInput(get().query);
      const { total } = await getApi().invoke('files.count', filter);
      if (get().generation !== generation) return;
      exactGeneration = generation;
      set({ total, totalExact: true });
    } catch (error) {
      // The estimate stays; the page itself still works.
      if (get().generation === generation) set({ error: errorMessage(error) });
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
    query: { search: '', sort: 'name', direction: 'asc', ...noFilters },
    generation: 0,
    total: null,
    totalExact: true,
    pages: {},
    loading: true,
    error: null,
    facets: null,
    facetsError: null,
    columns: readColumns(),

    setColumnVisible(id, visible) {
      if (id === 'name') return;
      const chosen = new Set(get().columns);
      if (visible) chosen.add(id);
      else chosen.delete(id);
      const columns = fileColumnIds.filter((c) => chosen.has(c));
      set({ columns });
      try {
        window.localStorage.setItem(COLUMNS_STORAGE_KEY, JSON.stringify(columns));
      } catch {
        // Not remembered (private mode, full storage): the choice still holds for this window.
      }
    },

    setQuery(patch) {
      const before = get().query.endpointIds;
      set((s) => ({ query: { ...s.query, ...patch } }));
      lastRange = [0, PAGE_SIZE - 1];
      restart(false);
      // The choices offered depend on the endpoints chosen.
      if (patch.endpointIds && patch.endpointIds.join() !== before.join() && get().facets) void get().loadFacets();
    },

    clearFilters() {
      get().setQuery(noFilters);
    },

    toggleSort(field) {
      const { sort, direction } = get().query;
      const next =
        sort === field
          ? direction === 'asc'
            ? 'desc'
            : 'asc'
          : field === 'size' || field === 'modifiedTime' || field === 'createdTime'
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

    async loadFacets() {
      const request = ++facetsRequest;
      const { endpointIds } = get().query;
      try {
        const facets = await getApi().invoke('files.facets', endpointIds.length ? { endpointIds } : {});
        if (request === facetsRequest) set({ facets, facetsError: null });
      } catch (error) {
        if (request === facetsRequest) set({ facetsError: errorMessage(error) });
      }
    },
  };
});
