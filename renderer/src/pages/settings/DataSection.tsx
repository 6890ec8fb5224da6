/** Where the data lives (copy the path; open it where the desktop app can), what the catalog holds, and its size. */
import { useEffect, useId, useRef, useState } from 'react';
import type { AppInfo, CatalogStats } from '../../../../src/contract/model';
import { getApi } from '../../api';
import { CopyIcon, FolderIcon } from '../../components/Icons';
import { errorMessage } from '../../lib/errors';
import { formatBytes, plural } from '../../lib/format';
import { SAVED_FOR_MS } from './controls';

/** A short note next to a button ("Copied"), or what went wrong. */
function useNote() {
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return {
    note,
    show(ok: boolean, text: string) {
      window.clearTimeout(timer.current);
      setNote({ ok, text });
      if (ok) timer.current = window.setTimeout(() => setNote(null), SAVED_FOR_MS);
    },
  };
}

/** A read-only path with "Copy path" and, for the data folder on the desktop, "Open". */
function PathRow({ label, value, canOpen }: { label: string; value: string; canOpen?: boolean }) {
  const { note, show } = useNote();
  const statusId = useId();

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      show(true, 'Copied');
    } catch (error) {
      show(false, `Could not copy: ${errorMessage(error)}`);
    }
  }

  async function open() {
    try {
      await getApi().invoke('system.openDataFolder', {});
    } catch (error) {
      show(false, `Could not open the folder: ${errorMessage(error)}`);
    }
  }

  return (
    <div className="settings-dl-row">
      <dt>{label}</dt>
      <dd className="settings-path-row">
        <code className="settings-path">{value}</code>
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Copy path of the ${label.toLowerCase()}`}
          aria-describedby={statusId}
          onClick={() => void copy()}
        >
          <CopyIcon size={14} />
          Copy path
        </button>
        {canOpen && (
          <button
            type="button"
            className="btn btn-small"
            aria-label={`Open the ${label.toLowerCase()}`}
            aria-describedby={statusId}
            onClick={() => void open()}
          >
            <FolderIcon size={14} />
            Open
          </button>
        )}
        <span
          id={statusId}
          className={note && !note.ok ? 'field-error settings-status' : 'settings-status settings-saved'}
          role="status"
        >
          {note?.text}
        </span>
      </dd>
    </div>
  );
}

/** The data folder, the database and the catalog's contents. */
export function DataFacts({ info, stats }: { info: AppInfo | null; stats: CatalogStats | null }) {
  return (
    <dl className="settings-dl">
      {info && <PathRow label="Data folder" value={info.dataDir} canOpen={info.canOpenDataFolder} />}
      {info && <PathRow label="Database" value={info.databasePath} />}
      {stats && (
        <>
          <div className="settings-dl-row">
            <dt>Catalog size</dt>
            <dd>{formatBytes(stats.databaseBytes)}</dd>
          </div>
          <div className="settings-dl-row">
            <dt>Contents</dt>
            <dd>
              {[
                plural(stats.endpoints, 'endpoint'),
                plural(stats.files, 'file'),
                plural(stats.folders, 'folder'),
                plural(stats.runs, 'sync run'),
                plural(stats.changeEvents, 'recorded change'),
                plural(stats.logEntries, 'log entry', 'log entries'),
              ].join(' · ')}
            </dd>
          </div>
        </>
      )}
    </dl>
  );
}
