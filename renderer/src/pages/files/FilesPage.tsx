/** Files: the whole catalog across endpoints, searchable, filterable and sortable, with a details panel. */
import { useEffect, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { FilesIcon, SearchIcon } from '../../components/Icons';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { plural } from '../../lib/format';
import { useAppStore } from '../../store/app';
import { hasFilters, useFilesStore } from '../../store/files';
import { FileDetails } from './FileDetails';
import { FilesTable } from './FilesTable';
import { FilesToolbar } from './FilesToolbar';

/** The Files page. */
export function FilesPage() {
  const total = useFilesStore((s) => s.total);
  const totalExact = useFilesStore((s) => s.totalExact);
  const loading = useFilesStore((s) => s.loading);
  const error = useFilesStore((s) => s.error);
  const query = useFilesStore((s) => s.query);
  const refresh = useFilesStore((s) => s.refresh);
  const setPage = useAppStore((s) => s.setPage);
  const [selected, setSelected] = useState<number | null>(null);

  // Opening the page shows the catalog as it is now.
  useEffect(() => {
    refresh();
  }, [refresh]);

  const clearFilters = useFilesStore((s) => s.clearFilters);
  const filters = hasFilters(query);
  const filtered = query.search.trim() !== '' || filters;
  const search = query.search.trim();

  function closeDetails() {
    setSelected(null);
    // Back to the row the panel was opened from.
    window.requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('.ftable [role="row"][tabindex="0"]')?.focus(),
    );
  }

  return (
    <div className="page page-files">
      <PageHeader
        title="Files"
        summary={
          <span aria-live="polite">
            {total === null
              ? 'Loading…'
              : `${totalExact ? '' : 'About '}${plural(total, 'item')}${filtered ? (total === 1 ? ' matches' : ' match') : ' in the catalog'}`}
          </span>
        }
      />
      <FilesToolbar />
      {error && <ErrorBanner message={error} onRetry={refresh} />}
      <div className="files-layout">
        <div className="files-main">
          {loading && total === null ? (
            <div className="page-loading">
              <Spinner label="Loading files…" />
            </div>
          ) : total === 0 && !loading ? (
            filtered ? (
              <EmptyState
                icon={<SearchIcon size={36} />}
                title={search ? `No files match "${search}"` : 'No files match these filters'}
                action={
                  filters ? (
                    <button type="button" className="btn" onClick={clearFilters}>
                      Remove all filters
                    </button>
                  ) : undefined
                }
              >
                <p>Try fewer words, part of a file name, or another endpoint or type.</p>
              </EmptyState>
            ) : (
              <EmptyState
                icon={<FilesIcon size={36} />}
                title="Nothing catalogued yet — add an endpoint and press Sync now"
                action={
                  <button type="button" className="btn btn-primary" onClick={() => setPage('endpoints')}>
                    Go to Endpoints
                  </button>
                }
              />
            )
          ) : (
            <FilesTable selectedRowId={selected} onOpen={setSelected} onClose={closeDetails} />
          )}
        </div>
        {selected !== null && <FileDetails rowId={selected} onClose={closeDetails} />}
      </div>
    </div>
  );
}
