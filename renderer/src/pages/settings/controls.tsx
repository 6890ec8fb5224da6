/** Pieces every Settings control shares: saving at once with a "Saved" note, or the core's error next to it. */
import { useEffect, useId, useRef, useState } from 'react';
import { CheckIcon } from '../../components/Icons';
import { errorMessage } from '../../lib/errors';

/** How long "Saved" (or "Copied") stays next to a control. */
export const SAVED_FOR_MS = 2500;

export type SaveState = { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string } | null;

/** One control's save state: run(save) shows "Saving…", then "Saved" for a moment, or the error. */
export function useSave() {
  const [state, setState] = useState<SaveState>(null);
  const timer = useRef<number | undefined>(undefined);
  const seq = useRef(0);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  async function run(save: () => Promise<void>): Promise<void> {
    const mine = ++seq.current;
    window.clearTimeout(timer.current);
    setState({ kind: 'saving' });
    try {
      await save();
      if (mine !== seq.current) return;
      setState({ kind: 'saved' });
      timer.current = window.setTimeout(() => setState(null), SAVED_FOR_MS);
    } catch (error) {
      if (mine !== seq.current) return;
      setState({ kind: 'error', message: errorMessage(error) });
    }
  }
  return { state, run };
}

/** "Saved" next to a control, or the error that kept it from saving. */
export function SaveStatus({ state, id }: { state: SaveState; id: string }) {
  if (state?.kind === 'error') {
    return (
      <span id={id} className="field-error settings-status" role="alert">
        {state.message}
      </span>
    );
  }
  return (
    <span id={id} className="settings-status settings-saved" role="status">
      {state?.kind === 'saved' && (
        <>
          <CheckIcon size={12} /> Saved
        </>
      )}
    </span>
  );
}

/** A check box saved at once, with its hint and save status. */
export function SettingCheckbox({
  label,
  hint,
  checked,
  disabled,
  onSave,
}: {
  label: string;
  hint?: string;
  checked: boolean;
  disabled?: boolean;
  onSave: (checked: boolean) => Promise<void>;
}) {
  const hintId = useId();
  const statusId = useId();
  const save = useSave();
  return (
    <div className="choice settings-choice">
      <div className="settings-control-row">
        <label className="choice-label">
          <input
            type="checkbox"
            checked={checked}
            disabled={disabled}
            aria-describedby={[hint ? hintId : null, statusId].filter(Boolean).join(' ')}
            aria-invalid={save.state?.kind === 'error' || undefined}
            onChange={(e) => void save.run(() => onSave(e.target.checked))}
          />
          {label}
        </label>
        <SaveStatus state={save.state} id={statusId} />
      </div>
      {hint && (
        <span id={hintId} className="choice-hint">
          {hint}
        </span>
      )}
    </div>
  );
}
