/**
 * How many days of log entries and sync runs the core keeps. Saved with a button, not on every keystroke: the core
 * removes older history as soon as the setting changes, and "3" on the way to "30" must not cost a month of runs.
 */
import { useId, useState, type FormEvent } from 'react';
import { MAX_RETENTION_DAYS, type AppSettings } from '../../../../src/contract/settings';
import { SaveStatus, useSave } from './controls';

type Retention = AppSettings['retention'];

/** The problem with a typed number of days, or null when it can be saved. */
function daysProblem(text: string): string | null {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 1 || n > MAX_RETENTION_DAYS) {
    return `Enter a whole number of days from 1 to ${MAX_RETENTION_DAYS}.`;
  }
  return null;
}

function DaysField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  const errorId = useId();
  const problem = daysProblem(value);
  return (
    <div className="field retention-field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="settings-control-row">
        <input
          id={id}
          className="input settings-number"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_RETENTION_DAYS}
          step={1}
          value={value}
          aria-invalid={problem !== null || undefined}
          aria-describedby={problem ? errorId : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        <span className="muted">days</span>
      </div>
      {problem && (
        <span id={errorId} className="field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

/** The two retention fields and their Save button; `onSaved` runs after the core has applied them. */
export function RetentionFields({
  value,
  onSave,
  onSaved,
}: {
  value: Retention;
  onSave: (retention: Retention) => Promise<void>;
  onSaved: () => void;
}) {
  const [logDays, setLogDays] = useState(String(value.logDays));
  const [runDays, setRunDays] = useState(String(value.runDays));
  const statusId = useId();
  const hintId = useId();
  const save = useSave();
  const dirty = logDays !== String(value.logDays) || runDays !== String(value.runDays);
  const valid = daysProblem(logDays) === null && daysProblem(runDays) === null;

  // Follow the core's value (saved here or elsewhere) unless there is an unsaved edit.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (!dirty) {
      setLogDays(String(value.logDays));
      setRunDays(String(value.runDays));
    }
  }

  const shorter = Number(logDays) < value.logDays || Number(runDays) < value.runDays;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!dirty || !valid) return;
    const next = { logDays: Number(logDays), runDays: Number(runDays) };
    void save.run(async () => {
      await onSave(next);
      onSaved();
    });
  }

  return (
    <form className="retention" aria-label="History to keep" onSubmit={submit}>
      <div className="retention-fields">
        <DaysField label="Keep log entries for" value={logDays} onChange={setLogDays} />
        <DaysField label="Keep sync runs and their changes for" value={runDays} onChange={setRunDays} />
      </div>
      {dirty && valid && shorter && (
        <p className="notice notice-warning">
          Saving removes older history at once: log entries older than {logDays} days and sync runs older than {runDays}{' '}
          days.
        </p>
      )}
      <div className="settings-control-row">
        <button
          type="submit"
          className="btn btn-small"
          disabled={!dirty || !valid}
          aria-describedby={`${hintId} ${statusId}`}
        >
          Save retention
        </button>
        <SaveStatus state={save.state} id={statusId} />
      </div>
      <span id={hintId} className="field-help">
        Older history is removed once a day. Each endpoint’s latest sync is always kept.
      </span>
    </form>
  );
}
