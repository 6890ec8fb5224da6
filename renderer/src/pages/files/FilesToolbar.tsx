/**
 * Above the Files table: the search box (debounced), the Filters panel, the column chooser and CSV export, then the
 * active filters as chips that each remove one filter.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { CloseIcon, ColumnsIcon, FilterIcon, SearchIcon } from '../../components/Icons';
import { useDebounced } from '../../lib/useDebounced';
import { useAppStore } from '../../store/app';
import { useEndpointsStore } from '../../store/endpoints';
import { useFilesStore } from '../../store/files';
import { allColumns } from './columns';
import { ExportButton } from './ExportButton';
import { filterChips } from './filterChips';
import { FilterPanel } from './FilterPanel';
import { MenuButton } from './Menu';

// The last focus request already served, so remounting the page does not steal focus again.
let handledFocusRequest = 0;

/** The toolbar. */
export function FilesToolbar() {
  const query = useFilesStore((s) => s.query);
  const setQuery = useFilesStore((s) => s.setQuery);
  const clearFilters = useFilesStore((s) => s.clearFilters);
  const columns = useFilesStore((s) => s.columns);
  const setColumnVisible = useFilesStore((s) => s.setColumnVisible);
  const endpoints = useEndpointsStore((s) => s.items);
  const focusRequest = useAppStore((s) => s.searchFocusRequest);
  const [search, setSearch] = useState(query.search);
  const debouncedSearch = useDebounced(search, 200);
  const inputRef = useRef<HTMLInputElement>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersButton = useRef<HTMLButtonElement>(null);
  const toolbarArea = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const chips = filterChips(query, endpoints);

  useEffect(() => {
    if (debouncedSearch !== useFilesStore.getState().query.search) setQuery({ search: debouncedSearch });
  }, [debouncedSearch, setQuery]);

  useEffect(() => {
    if (focusRequest > handledFocusRequest) {
      handledFocusRequest = focusRequest;
      inputRef.current?.focus();
      inputRef.current?.select();
    }
  }, [focusRequest]);

  // A click outside the toolbar closes the panel; the chips stay usable beside it.
  useEffect(() => {
    if (!filtersOpen) return;
    const onPointer = (e: PointerEvent) => {
      if (!toolbarArea.current?.contains(e.target as Node)) setFiltersOpen(false);
    };
    document.addEventListener('pointerdown', onPointer, true);
    return () => document.removeEventListener('pointerdown', onPointer, true);
  }, [filtersOpen]);

  function closeFilters() {
    setFiltersOpen(false);
    filtersButton.current?.focus();
  }

  return (
    <div ref={toolbarArea} className="files-toolbar">
      <div className="toolbar" role="search">
        <div className="search">
          <SearchIcon className="search-icon" />
          <input
            ref={inputRef}
            type="search"
            className="input search-input"
            aria-label="Search files"
            aria-keyshortcuts="/ Control+F Meta+F"
            placeholder="Search names and paths"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              // Enter searches right away instead of waiting for the debounce.
              if (e.key === 'Enter') setQuery({ search });
              if (e.key === 'Escape' && search) {
                e.preventDefault();
                setSearch('');
              }
            }}
            autoComplete="off"
            spellCheck={false}
          />
          <kbd className="search-kbd" aria-hidden="true">
            /
          </kbd>
        </div>
        <div className="filters-anchor">
          <button
            ref={filtersButton}
            type="button"
            className={`btn btn-toolbar${chips.length ? ' is-active' : ''}`}
            aria-expanded={filtersOpen}
            aria-controls={filtersOpen ? panelId : undefined}
            onClick={() => setFiltersOpen((o) => !o)}
          >
            <FilterIcon size={15} />
            Filters
            {chips.length > 0 && (
              <>
                <span className="count-badge" aria-hidden="true">
                  {chips.length}
                </span>
                <span className="visually-hidden">, {chips.length} active</span>
              </>
            )}
          </button>
          {filtersOpen && <FilterPanel id={panelId} onClose={closeFilters} />}
        </div>
        <MenuButton
          label="Columns"
          icon={<ColumnsIcon size={15} />}
          menuLabel="Visible columns"
          items={allColumns.map((c) => ({
            id: c.id,
            label: c.label,
            checked: columns.includes(c.id),
            // The name says which row is which: it always shows.
            disabled: c.id === 'name',
            onSelect: () => setColumnVisible(c.id, !columns.includes(c.id)),
          }))}
        />
        <ExportButton />
      </div>
      {chips.length > 0 && (
        <ul className="filter-chips" aria-label="Active filters">
          {chips.map((chip) => (
            <li key={chip.key} className="chip">
              <span>{chip.label}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove filter ${chip.label}`}
                onClick={() => setQuery(chip.remove)}
              >
                <CloseIcon size={12} />
              </button>
            </li>
          ))}
          <li>
            <button type="button" className="btn btn-link btn-small" onClick={clearFilters}>
              Clear filters
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
