/** "Export CSV" with its progress, a way to cancel, and what came of it. */
import { useEffect, useRef, useState } from 'react';
import { DownloadIcon } from '../../components/Icons';
import { errorMessage } from '../../lib/errors';
import { formatCount, plural } from '../../lib/format';
import { toQueryInput, useFilesStore } from '../../store/files';
import { exportCsv, ExportCancelled, exportFileName, saveDownload, type ExportProgress } from './exportCsv';

type ExportState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: ExportProgress | null }
  | { kind: 'done'; rows: number; name: string }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };

/** The button, and the status line next to it while and after it runs. */
export function ExportButton() {
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const total = useFilesStore((s) => s.total);

  // Leaving the page stops an export in progress.
  useEffect(() => () => controller.current?.abort(), []);

  async function start() {
    const abort = new AbortController();
    controller.current = abort;
    setState({ kind: 'running', progress: null });
    try {
      // Exactly what the table shows: the same search, filters and sort.
      const query = toQueryInput(useFilesStore.getState().query);
      const { parts, rows } = await exportCsv(query, {
        signal: abort.signal,
        onProgress: (progress) => setState({ kind: 'running', progress }),
      });
      const name = exportFileName();
      saveDownload(new Blob(parts, { type: 'text/csv;charset=utf-8' }), name);
      setState({ kind: 'done', rows, name });
    } catch (error) {
      setState(
        error instanceof ExportCancelled ? { kind: 'cancelled' } : { kind: 'failed', message: errorMessage(error) },
      );
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }

  const running = state.kind === 'running';
  return (
    <div className="export">
      <button type="button" className="btn btn-toolbar" onClick={() => void start()} disabled={running || total === 0}>
        <DownloadIcon size={15} />
        Export CSV
      </button>
      <div className="export-status" role="status">
        {state.kind === 'running' && (
          <>
            <progress aria-label="Export progress" max={state.progress?.total || 1} value={state.progress?.done ?? 0} />
            <span>
              {state.progress
                ? `Exporting ${formatCount(state.progress.done)} of ${plural(state.progress.total, 'row')}…`
                : 'Starting the export…'}
            </span>
            <button type="button" className="btn btn-small" onClick={() => controller.current?.abort()}>
              Cancel export
            </button>
          </>
        )}
        {state.kind === 'done' && <span>{`Exported ${plural(state.rows, 'row')} to ${state.name}`}</span>}
        {state.kind === 'cancelled' && <span>Export cancelled.</span>}
        {state.kind === 'failed' && (
          <span className="field-error">{`The export stopped: ${state.message} Try again.`}</span>
        )}
      </div>
    </div>
  );
}
