/** The endpoints whose file changes are notified about (when that notification is on). */
import { useId } from 'react';
import { SaveStatus, useSave } from './controls';

/** The endpoints whose changes are notified about. */
export function WatchedEndpoints({
  watched,
  enabled,
  endpoints,
  onSave,
}: {
  watched: number[];
  enabled: boolean;
  endpoints: { id: number; name: string }[];
  onSave: (ids: number[]) => Promise<void>;
}) {
  const save = useSave();
  const statusId = useId();
  const known = new Set(endpoints.map((e) => e.id));

  function toggle(id: number, on: boolean) {
    // Endpoints removed since they were chosen drop out of the list.
    const kept = watched.filter((w) => known.has(w) && w !== id);
    void save.run(() => onSave(on ? [...kept, id] : kept));
  }

  return (
    <fieldset className="fieldset nested settings-watch" disabled={!enabled} aria-describedby={statusId}>
      <legend>
        Endpoints to watch <SaveStatus state={save.state} id={statusId} />
      </legend>
      {endpoints.length === 0 ? (
        <p className="muted">No endpoints yet. Add one on the Endpoints page.</p>
      ) : (
        <div className="choice-list">
          {endpoints.map((e) => (
            <label key={e.id} className="choice-label">
              <input
                type="checkbox"
                checked={watched.includes(e.id)}
                disabled={!enabled}
                onChange={(ev) => toggle(e.id, ev.target.checked)}
              />
              {e.name}
            </label>
          ))}
        </div>
      )}
      {!enabled && <p className="field-help">Turn on the option above to choose endpoints.</p>}
    </fieldset>
  );
}
