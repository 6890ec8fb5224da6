/**
 * The side panel for one file (`files.get`): what to do with it, every catalog field, what its source adds, its
 * versions (ACC, read live) and what happened to it across syncs.
 */
import { useEffect, useState } from 'react';
import type { CatalogFile, ChangeEvent } from '../../../../src/contract/model';
import { ErrorBanner } from '../../components/ErrorBanner';
import { CloseIcon, FileIcon, FolderIcon } from '../../components/Icons';
import { Spinner } from '../../components/Spinner';
import { getApi } from '../../api';
import { errorMessage } from '../../lib/errors';
import { formatBytes, formatCount, formatDateTime, formatRelative } from '../../lib/format';
import { useEndpointsStore } from '../../store/endpoints';
import { FileActions } from './FileActions';
import { FileVersions } from './FileVersions';

type Detail = { file: CatalogFile; history: ChangeEvent[] };

const typeLabels: Record<string, string> = {
  local_folder: 'Local or network folder',
  google_drive: 'Google Drive',
  autodesk_acc: 'Autodesk Construction Cloud',
};

function fields(f: CatalogFile, endpointType: string | undefined): [string, string][] {
  const rows: [string, string | null][] = [
    ['Name', f.name],
    ['Path', f.path],
    ['Endpoint', f.endpointName],
    ['Source', endpointType ? (typeLabels[endpointType] ?? endpointType) : null],
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
  return rows.map(([k, v]) => [k, v ?? '—']);
}

/** "tipVersionId" → "Tip version id". */
function humanKey(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function humanValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    return value.join(', ');
  return JSON.stringify(value);
}

/** What the source records beyond the common fields (hub and project, owners, drive...). */
function extraFields(f: CatalogFile): [string, string][] {
  return Object.entries(f.extras ?? {}).map(([k, v]) => [humanKey(k), humanValue(v)]);
}

function parentOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/** How one change reads: "Renamed", "Moved", ..., with where it came from when that says more than the path. */
function describeChange(h: ChangeEvent, currentPath: string): { label: string; detail: string | null } {
  if (h.kind === 'moved' && h.oldPath) {
    if (parentOf(h.oldPath) === parentOf(h.path)) {
      return { label: 'Renamed', detail: `from "${h.oldPath.slice(h.oldPath.lastIndexOf('/') + 1)}"` };
    }
    return { label: 'Moved', detail: `from ${h.oldPath}` };
  }
  const label = { added: 'Added', modified: 'Modified', moved: 'Moved', deleted: 'Deleted' }[h.kind];
  return { label, detail: h.path !== currentPath ? `at ${h.path}` : null };
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
  const endpoints = useEndpointsStore((s) => s.items);

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
  const endpoint = file ? endpoints.find((e) => e.id === file.endpointId) : undefined;
  const extras = file ? extraFields(file) : [];
  const hasVersions = file !== undefined && !file.isFolder && endpoint?.type === 'autodesk_acc' && !loading;
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
            <FileActions file={detail.file} endpoint={endpoint} />
            <dl className="details-fields">
              {fields(detail.file, endpoint?.type).map(([k, v]) => (
                <div key={k} className="details-field">
                  <dt>{k}</dt>
                  <dd className={v === '—' ? 'muted' : undefined}>{v}</dd>
                </div>
              ))}
            </dl>
            {hasVersions && <FileVersions rowId={detail.file.rowId} />}
            <h3 className="details-section">Change history</h3>
            {detail.history.length === 0 ? (
              <p className="muted">No changes recorded yet.</p>
            ) : (
              <ol className="history" aria-label="Change history">
                {detail.history.map((h) => {
                  const { label, detail: where } = describeChange(h, detail.file.path);
                  return (
                    <li key={h.id} className={`history-item change-${h.kind}`}>
                      <span className="history-kind">{label}</span>
                      <time dateTime={h.at} title={formatRelative(h.at)}>
                        {formatDateTime(h.at)}
                      </time>
                      {where && <span className="history-path">{where}</span>}
                    </li>
                  );
                })}
              </ol>
            )}
            {extras.length > 0 && (
              <>
                <h3 className="details-section">From the source</h3>
                <dl className="details-fields" aria-label="From the source">
                  {extras.map(([k, v]) => (
                    <div key={k} className="details-field">
                      <dt>{k}</dt>
                      <dd className={v === '—' ? 'muted' : undefined}>{v}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
          </>
        )}
      </div>
    </aside>
  );
}
