/** Search box and filters above the Files table; typing is debounced before it becomes a query. */
import { useEffect, useRef, useState } from 'react';
import { SearchIcon } from '../../components/Icons';
import { useDebounced } from '../../lib/useDebounced';
import { useAppStore } from '../../store/app';
import { useEndpointsStore } from '../../store/endpoints';
import { useFilesStore } from '../../store/files';

// The last focus request already served, so remounting the page does not steal focus again.
let handledFocusRequest = 0;

/** The toolbar. */
export function FilesToolbar() {
  const query = useFilesStore((s) => s.query);
  const setQuery = useFilesStore((s) => s.setQuery);
  const endpoints = useEndpointsStore((s) => s.items);
  const focusRequest = useAppStore((s) => s.searchFocusRequest);
  const [search, setSearch] = useState(query.search);
  const [extensions, setExtensions] = useState(query.extensions);
  const debouncedSearch = useDebounced(search, 200);
  const debouncedExtensions = useDebounced(extensions, 300);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (debouncedSearch !== useFilesStore.getState().query.search) setQuery({ search: debouncedSearch });
  }, [debouncedSearch, setQuery]);

  useEffect(() => {
    if (debouncedExtensions !== useFilesStore.getState().query.extensions)
      setQuery({ extensions: debouncedExtensions });
  }, [debouncedExtensions, setQuery]);

  useEffect(() => {
    if (focusRequest > handledFocusRequest) {
      handledFocusRequest = focusRequest;
      inputRef.current?.focus();
      inputRef.current?.select();
    }
  }, [focusRequest]);

  return (
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
      <select
        className="input select-endpoint"
        aria-label="Endpoint"
        value={query.endpointId ?? ''}
        onChange={(e) => setQuery({ endpointId: e.target.value ? Number(e.target.value) : null })}
      >
        <option value="">All endpoints</option>
        {endpoints.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
          </option>
        ))}
      </select>
      <input
        className="input input-ext"
        aria-label="File types"
        placeholder="Types, e.g. pdf, dwg"
        value={extensions}
        onChange={(e) => setExtensions(e.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
    </div>
  );
}
