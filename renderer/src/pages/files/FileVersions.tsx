/** The versions an ACC file has at its source, read live when its details open (`files.versions`). */
import { useEffect, useState } from 'react';
import type { FileVersion } from '../../../../src/contract/model';
import { getApi } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { ContractError } from '../../api';
import { errorMessage } from '../../lib/errors';
import { formatBytes, formatDateTime } from '../../lib/format';
import { useAppStore } from '../../store/app';
import { openExternal, webLinkOf } from './fileLinks';

type Loaded =
  | { rowId: number; kind: 'ok'; versions: FileVersion[] }
  | { rowId: number; kind: 'failed'; message: string; signIn: boolean };

/** The "Versions" section for file `rowId`. */
export function FileVersions({ rowId }: { rowId: number }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);
  const setPage = useAppStore((s) => s.setPage);

  useEffect(() => {
    let live = true;
    getApi()
      .invoke('files.versions', { rowId })
      .then((versions) => live && setLoaded({ rowId, kind: 'ok', versions }))
      .catch((error: unknown) => {
        if (!live) return;
        const signIn = error instanceof ContractError && error.code === 'unauthorized';
        setLoaded({ rowId, kind: 'failed', message: errorMessage(error), signIn });
      });
    return () => {
      live = false;
    };
  }, [rowId, attempt]);

  const current = loaded?.rowId === rowId ? loaded : null;
  return (
    <section aria-labelledby={`versions-${rowId}`}>
      <h3 id={`versions-${rowId}`} className="details-section">
        Versions
      </h3>
      {!current && <Spinner label="Loading versions from Autodesk…" />}
      {current?.kind === 'failed' &&
        (current.signIn ? (
          <div className="notice notice-warning" role="alert">
            <p>
              <strong>Sign in again to see versions.</strong>{' '}
              {current.message.replace(/^Sign in again to see versions:?\s*/, '')}
            </p>
            <button type="button" className="btn btn-small" onClick={() => setPage('endpoints')}>
              Go to Endpoints
            </button>
          </div>
        ) : (
          <ErrorBanner message={current.message} onRetry={() => setAttempt((n) => n + 1)} />
        ))}
      {current?.kind === 'ok' &&
        (current.versions.length === 0 ? (
          <p className="muted">Autodesk lists no versions of this file.</p>
        ) : (
          <ol className="versions">
            {current.versions.map((v) => {
              const link = webLinkOf(v);
              return (
                <li key={v.id} className="version">
                  <span className="version-number">{v.number === null ? '—' : `V${v.number}`}</span>
                  <span className="version-meta">
                    <time dateTime={v.createdTime ?? undefined}>{formatDateTime(v.createdTime)}</time>
                    <span>{v.createdBy ?? 'Unknown author'}</span>
                    <span>{formatBytes(v.size)}</span>
                  </span>
                  {link && (
                    <button
                      type="button"
                      className="btn btn-ghost btn-small"
                      aria-label={`Open version ${v.number ?? ''} in ACC`.replace('  ', ' ')}
                      onClick={() => openExternal(link)}
                    >
                      Open
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
        ))}
    </section>
  );
}
