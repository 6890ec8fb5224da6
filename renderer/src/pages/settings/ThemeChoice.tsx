/** Light, dark or the system's look, applied at once and saved. */
import { useId } from 'react';
import type { Theme } from '../../../../src/contract/settings';
import { Svg, type IconProps } from '../../components/Icons';
import { SaveStatus, useSave } from './controls';

const SunIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="4" />
    <path d="M12 2.5v2M12 19.5v2M4.6 4.6l1.4 1.4M18 18l1.4 1.4M2.5 12h2M19.5 12h2M4.6 19.4 6 18M18 6l1.4-1.4" />
  </Svg>
);

const MoonIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M20 14.5A8 8 0 1 1 9.5 4a6.5 6.5 0 0 0 10.5 10.5z" />
  </Svg>
);

const MonitorIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="3" y="4" width="18" height="12" rx="2" />
    <path d="M8 20h8M12 16v4" />
  </Svg>
);

const options: { value: Theme; label: string; icon: typeof SunIcon }[] = [
  { value: 'system', label: 'Follow system', icon: MonitorIcon },
  { value: 'light', label: 'Light', icon: SunIcon },
  { value: 'dark', label: 'Dark', icon: MoonIcon },
];

/** Three radio buttons shown as one segmented control. */
export function ThemeChoice({ value, onSave }: { value: Theme; onSave: (theme: Theme) => Promise<void> }) {
  const name = useId();
  const statusId = useId();
  const hintId = useId();
  const save = useSave();
  return (
    <fieldset className="fieldset" aria-describedby={`${hintId} ${statusId}`}>
      <legend className="field-label settings-legend">
        Theme <SaveStatus state={save.state} id={statusId} />
      </legend>
      <div className="segmented">
        {options.map(({ value: option, label, icon: Icon }) => (
          <label key={option} className={`segment${option === value ? ' is-selected' : ''}`}>
            <input
              type="radio"
              name={name}
              value={option}
              checked={option === value}
              onChange={() => void save.run(() => onSave(option))}
            />
            <Icon size={15} />
            {label}
          </label>
        ))}
      </div>
      <span id={hintId} className="field-help">
        Follow system switches between light and dark with your computer’s appearance.
      </span>
    </fieldset>
  );
}
