/** The Performance page's time range: a segmented group of radio buttons (arrow keys move between them). */
import { ranges, type RangeId } from '../../store/performance';

/** "Last hour · Last day · Last week · Last 30 days". */
export function RangePicker({ value, onChange }: { value: RangeId; onChange(range: RangeId): void }) {
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">Time range</legend>
      {ranges.map((r) => (
        <label key={r.id} className={`segmented-option${value === r.id ? ' segmented-option-on' : ''}`}>
          <input
            type="radio"
            name="performance-range"
            value={r.id}
            checked={value === r.id}
            onChange={() => onChange(r.id)}
          />
          {r.label}
        </label>
      ))}
    </fieldset>
  );
}
