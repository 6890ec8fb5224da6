/**
 * Export the endpoints as the configuration file the CLI reads, and import one: a chosen file is checked by the core
 * first and its effect shown (created, updated, unchanged); nothing changes until the person confirms. Problems come
 * back as `line:column path: message`, shown next to the import control.
 */
import { useId, useState, type ChangeEvent } from 'react';
import type { ConfigImportResult } from '../../../../src/contract/model';
import { ContractError, getApi } from '../../api';
import { CheckIcon } from '../../components/Icons';
import { errorMessage } from '../../lib/errors';

const EXPORT_FILE_NAME = 'file-connector.yaml';
/** The core refuses more; a configuration file is a few kilobytes. */
const MAX_FILE_BYTES = 512 * 1024;

type ImportState =
  | { step: 'idle' }
  | { step: 'checking'; fileName: string }
  | { step: 'preview'; fileName: string; text: string; format: 'yaml' | 'json'; plan: ConfigImportResult }
  | { step: 'importing'; fileName: string }
  | { step: 'done'; fileName: string; result: ConfigImportResult }
  | { step: 'failed'; fileName: string; message: string; issues: { path: string; message: string }[] };

/** Lets the browser (or Electron) save `text` as a file, through a temporary Blob link. */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // After the click has handed the data to the download.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

function names(list: string[]): string {
  return list.length > 0 ? ` (${list.join(', ')})` : '';
}

function failure(fileName: string, error: unknown): ImportState {
  const issues = error instanceof ContractError ? (error.issues ?? []) : [];
  return { step: 'failed', fileName, message: errorMessage(error), issues };
}

/** The Configuration file section's controls. */
export function ConfigFileSection() {
  const [exportState, setExportState] = useState<{ ok: boolean; message: string } | null>(null);
  const [exporting, setExporting] = useState(false);
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const inputId = useId();
  const importStatusId = useId();

  async function exportConfig() {
    setExporting(true);
    try {
      const { yaml } = await getApi().invoke('config.export', {});
      download(yaml, EXPORT_FILE_NAME);
      const count = (yaml.match(/^ {2}- name:/gm) ?? []).length;
      setExportState({
        ok: true,
        message: `Saved ${EXPORT_FILE_NAME} with ${count} endpoint${count === 1 ? '' : 's'}.`,
      });
    } catch (error) {
      setExportState({ ok: false, message: `Could not export: ${errorMessage(error)}` });
    } finally {
      setExporting(false);
    }
  }

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // The same file may be chosen again after it was fixed.
    input.value = '';
    if (!file) return;
    const fileName = file.name;
    if (file.size > MAX_FILE_BYTES) {
      setState({
        step: 'failed',
        fileName,
        message: `${fileName} is larger than 512 KB: choose a File Connector configuration file (.yaml, .yml or .json).`,
        issues: [],
      });
      return;
    }
    setState({ step: 'checking', fileName });
    const format = /\.json$/i.test(fileName) ? 'json' : 'yaml';
    try {
      const text = await file.text();
      const plan = await getApi().invoke('config.import', { text, format, dryRun: true });
      setState({ step: 'preview', fileName, text, format, plan });
    } catch (error) {
      setState(failure(fileName, error));
    }
  }

  async function confirm() {
    if (state.step !== 'preview') return;
    const { fileName, text, format } = state;
    setState({ step: 'importing', fileName });
    try {
      const result = await getApi().invoke('config.import', { text, format });
      setState({ step: 'done', fileName, result });
    } catch (error) {
      setState(failure(fileName, error));
    }
  }

  const busy = state.step === 'checking' || state.step === 'importing';

  return (
    <div className="config-file">
      <div className="config-file-block">
        <p className="field-help config-file-text">
          Save every endpoint (name, type, settings, filters and schedule) as a file for another computer or for{' '}
          <code>file-connector sync --config</code>. Secrets are never included.
        </p>
        <div className="settings-control-row">
          <button type="button" className="btn btn-small" disabled={exporting} onClick={() => void exportConfig()}>
            Export configuration
          </button>
          <span
            className={exportState?.ok === false ? 'field-error settings-status' : 'settings-status settings-saved'}
            role="status"
          >
            {exportState?.ok && <CheckIcon size={12} />} {exportState?.message}
          </span>
        </div>
      </div>

      <div className="config-file-block">
        <p className="field-help config-file-text">
          Create or update endpoints by name from a configuration file. You see what will change before anything does;
          endpoints that are not in the file stay as they are.
        </p>
        <div className="settings-control-row">
          <label className={`btn btn-small file-button${busy ? ' is-disabled' : ''}`} htmlFor={inputId}>
            Import configuration file…
          </label>
          <input
            id={inputId}
            className="visually-hidden"
            type="file"
            accept=".yaml,.yml,.json"
            disabled={busy}
            aria-describedby={importStatusId}
            onChange={(e) => void choose(e)}
          />
        </div>
        <div id={importStatusId} className="import-status" aria-live="polite">
          <ImportStatus state={state} onConfirm={() => void confirm()} onCancel={() => setState({ step: 'idle' })} />
        </div>
      </div>
    </div>
  );
}

function ImportStatus({
  state,
  onConfirm,
  onCancel,
}: {
  state: ImportState;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  switch (state.step) {
    case 'idle':
      return null;
    case 'checking':
      return <p className="muted">Checking {state.fileName}…</p>;
    case 'importing':
      return <p className="muted">Importing {state.fileName}…</p>;
    case 'preview': {
      const { created, updated, unchanged } = state.plan;
      const changes = created.length + updated.length;
      return (
        <div className="import-preview" role="group" aria-label="Import preview">
          <p>
            <strong>{state.fileName}</strong>
            {changes === 0
              ? ': nothing to change, every endpoint in it is already the same.'
              : ` will create ${created.length} endpoint${created.length === 1 ? '' : 's'}${names(created)} and update ${updated.length}${names(updated)}.`}
            {unchanged.length > 0 && changes > 0 && ` ${unchanged.length} stay the same${names(unchanged)}.`}
          </p>
          <div className="settings-control-row">
            {changes > 0 && (
              <button type="button" className="btn btn-small btn-primary" onClick={onConfirm}>
                Import {changes} endpoint{changes === 1 ? '' : 's'}
              </button>
            )}
            <button type="button" className="btn btn-small" onClick={onCancel}>
              {changes > 0 ? 'Cancel' : 'Close'}
            </button>
          </div>
        </div>
      );
    }
    case 'done': {
      const { created, updated } = state.result;
      return (
        <p className="settings-saved import-done" role="status">
          <CheckIcon size={12} /> Imported {state.fileName}: {created.length} created{names(created)}, {updated.length}{' '}
          updated{names(updated)}.
        </p>
      );
    }
    case 'failed':
      return (
        <div className="import-problems" role="alert">
          <p>
            <strong>{state.fileName}</strong>: {state.message}
          </p>
          {state.issues.length > 0 && (
            <ul aria-label="Problems in the file">
              {state.issues.map((issue) => (
                // `line:column path: message`, as the CLI prints it.
                <li key={`${issue.path} ${issue.message}`}>
                  <code>{issue.path}</code>: {issue.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      );
  }
}
