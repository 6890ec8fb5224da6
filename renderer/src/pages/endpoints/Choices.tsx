/** Radio groups and check boxes with hints, shared by the cloud endpoint forms. */
import { useId } from 'react';

/** A group of radio buttons with a legend; arrow keys move between them as in any native radio group. */
export function RadioGroup<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  inline = false,
}: {
  inline?: boolean;
  legend: string;
  name: string;
  value: V;
  options: { value: V; label: string; hint?: string }[];
  onChange: (value: V) => void;
}) {
  const id = useId();
  return (
    <fieldset className="fieldset">
      <legend className="field-label">{legend}</legend>
      <div className={`choice-list${inline ? ' choice-list-inline' : ''}`}>
        {options.map((o) => (
          <Choice
            key={o.value}
            type="radio"
            name={name}
            label={o.label}
            hint={o.hint}
            hintId={`${id}-${o.value}`}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** One radio button or check box; its hint is its description, not part of its name. */
export function Choice({
  type,
  name,
  label,
  hint,
  hintId,
  checked,
  onChange,
  describedBy,
  invalid,
}: {
  type: 'radio' | 'checkbox';
  name: string;
  label: string;
  hint?: string;
  hintId: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  describedBy?: string;
  invalid?: boolean;
}) {
  const ids = [describedBy, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="choice">
      <label className="choice-label">
        <input
          type={type}
          name={name}
          checked={checked}
          aria-describedby={ids}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      {hint && (
        <span id={hintId} className="choice-hint">
          {hint}
        </span>
      )}
    </div>
  );
}
