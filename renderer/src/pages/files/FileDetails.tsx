/** The side panel for one file: every catalog field and its change history, from `files.get`. */
import { useEffect, useState } from 'react';
import type { CatalogFile, ChangeEvent } from '../../../../src/contract/model';
import { ErrorBanner } from '../../components/ErrorBanner';
import { CloseIcon, FileIcon, FolderIcon } from '../../components/Icons';
import { Spinner } from '../../components/Spinner';
import { getApi } from '../../api';
import { errorMessage } from '../../lib/errors';
import { formatBytes, formatCount, formatDateTime } from '../../lib/format';

type Detail = { file: CatalogFile; history: ChangeEvent[] };

const changeLabels: Record<ChangeEvent['kind'], string> = {
  added: 'Added',
  modified: 'Modified',
  moved: 'Moved',
  deleted: 'Deleted',
};

function fields(f: CatalogFile): [string, string][] {
  const rows: [string, string | null][] = [
    ['Name', f.name],
    ['Path', f.path],
    ['Endpoint', f.endpointName],
    ['Kind', f.isFolder ? 'Folder' : 'File'],
    ['Size', f.isFolder ? null : f.size === null ? null : `${formatBytes(f.size)} (${formatCount(f.size)} bytes)`],
    ['Extension', f.extension],
    ['MIME type', f.mimeType],
    ['Modified', f.modifiedTime ? formatDateTime(f.modifiedTime, true) : null],
    ['Modified by', f.modifiedBy],
    ['Created', f.createdTime ? formatDateTime(f.createdTime, true) : null],
    ['Created by', f.createdBy],
    ['Version', f.version],
    ['Checksum', f.checksum],
    ['Source id', f.id],
    ['Parent id', f.parentId],
    ['Web link', f.webUrl],
    ['Download link', f.downloadUrl],
    ['In trash', f.trashed ? 'Yes' : 'No'],
    ['Deleted at source', f.deleted ? 'Yes' : 'No'],
    ['First seen', formatDateTime(f.firstSeenAt, true)],
    ['Catalog updated', formatDateTime(f.updatedAt, true)],
    ['Catalog row', String(f.rowId)],
  ];
  for (const [key, value] of Object.entries(f.extras ?? {})) {
    rows.push([key, typeof value === 'string' ? value : JSON.stringify(value)]);
  }
  return rows.map(([k, v]) => [k, v ?? '—']);
}

/**
 * Loads and shows file `rowId`. Focus stays in the table so
 * arrow keys keep previewing rows; Escape or the close button calls `onClose`.
 */
export function FileDetails({ rowId, onClose }: { rowId: number; onClose: () => void }) {
  // The previous file stays on screen while the next one loads, so arrowing through rows does not flicker.
  const [loaded, setLoaded] = useState<{ rowId: number; detail: Detail } | null>(null);
  const [failed, setFailed] = useState<{ rowId: number; message: string } | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    getApi()
      .invoke('files.get', { rowId })
      .then((d) => {
        if (!live) return;
        setLoaded({ rowId, detail: d });
        setFailed(null);
      })
      .catch((e: unknown) => {
        if (live) setFailed({ rowId, message: errorMessage(e) });
      });
    return () => {
      live = false;
    };
  }, [rowId, attempt]);

  const detail = loaded?.detail ?? null;
  const error = failed?.rowId === rowId ? failed.message : null;
  const loading = loaded?.rowId !== rowId && !error;
  const file = detail?.file;
  return (
    <aside
      className={`details${loading && detail ? ' is-stale' : ''}`}
      aria-busy={loading || undefined}
      aria-label="File details"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="details-head">
        <span className={`file-icon ${file?.isFolder ? 'is-folder' : ''}`} aria-hidden="true">
          {file?.isFolder ? <FolderIcon size={20} /> : <FileIcon size={20} />}
        </span>
        <h2 className="details-title">{file ? file.name : 'File details'}</h2>
        <button type="button" className="icon-btn" aria-label="Close details" onClick={onClose}>
          <CloseIcon />
        </button>
      </div>
      <div className="details-body">
        {error && (
          <ErrorBanner
            message={error}
            onRetry={() => {
              setFailed(null);
              setAttempt((n) => n + 1);
            }}
          />
        )}
        {!detail && loading && <Spinner label="Loading details…" />}
        {detail && (
          <>
            <dl className="details-fields">
              {fields(detail.file).map(([k, v]) => (
                <div key={k} className="details-field">
                  <dt>{k}</dt>
                  <dd className={v === '—' ? 'muted' : undefined}>{v}</dd>
                </div>
              ))}
            </dl>
            <h3 className="details-section">History</h3>
            {detail.history.length === 0 ? (
              <p className="muted">No changes recorded yet.</p>
            ) : (
              <ol className="history">
                {detail.history.map((h) => (
                  <li key={h.id} className={`history-item change-${h.kind}`}>
                    <span className="history-kind">{changeLabels[h.kind]}</span>
                    <time dateTime={h.at}>{formatDateTime(h.at, true)}</time>
                    {h.kind === 'moved' && h.oldPath ? (
                      <span className="history-path">
                        {h.oldPath} → {h.path}
                      </span>
                    ) : (
                      <span className="history-path">{h.path}</span>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </div>
    </aside>
  );
}
