/** How many syncs may run at once, kept by the scheduler. */
import { useEffect, useId, useRef, useState } from 'react';
import { SaveStatus, useSave } from './controls';

/** The UI offers 1–8; the core accepts up to 16 (a value set elsewhere is shown as it is). */
const MIN_SYNCS = 1;
const MAX_SYNCS = 8;

/** "Syncs at the same time", saved through `scheduler.configure` as soon as it holds a valid number. */
export function ConcurrencyField({ value, onSave }: { value: number | null; onSave: (n: number) => Promise<void> }) {
  const inputId = useId();
  const hintId = useId();
  const statusId = useId();
  const save = useSave();
  const [text, setText] = useState(value === null ? '' : String(value));
  const [invalid, setInvalid] = useState<string | null>(null);
  const editing = useRef(false);

  // Follow the core's value unless the user is typing in the field.
  useEffect(() => {
    if (!editing.current) setText(value === null ? '' : String(value));
  }, [value]);

  function change(next: string) {
    setText(next);
    const n = Number(next);
    if (next.trim() === '' || !Number.isInteger(n) || n < MIN_SYNCS || n > MAX_SYNCS) {
      setInvalid(`Choose a whole number from ${MIN_SYNCS} to ${MAX_SYNCS}.`);
      return;
    }
    setInvalid(null);
    if (n !== value) void save.run(() => onSave(n));
  }

  const describedBy = [hintId, statusId, invalid ? `${statusId}-invalid` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={inputId} className="field-label">
        Syncs at the same time
      </label>
      <div className="settings-control-row">
        <input
          id={inputId}
          className="input input-narrow settings-number"
          type="number"
          inputMode="numeric"
          min={MIN_SYNCS}
          max={MAX_SYNCS}
          step={1}
          value={text}
          disabled={value === null}
          aria-invalid={invalid !== null || save.state?.kind === 'error' || undefined}
          aria-describedby={describedBy}
          onFocus={() => (editing.current = true)}
          onBlur={() => {
            editing.current = false;
            // Leaving an unusable number shows the value the core keeps.
            if (invalid) {
              setInvalid(null);
              setText(value === null ? '' : String(value));
            }
          }}
          onChange={(e) => change(e.target.value)}
        />
        <SaveStatus state={save.state} id={statusId} />
      </div>
      {invalid && (
        <span id={`${statusId}-invalid`} className="field-error" role="alert">
          {invalid}
        </span>
      )}
      <span id={hintId} className="field-help">
        More syncs at once finish sooner but use more network and disk; the others wait their turn.
      </span>
    </div>
  );
}
