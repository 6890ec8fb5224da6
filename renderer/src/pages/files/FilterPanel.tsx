/**
 * The Files page's filters: endpoints, type, extensions, size range, modified dates and who modified. Every change
 * is a new query for the core at once (typed numbers after a pause); the extension and modifier choices come from
 * the catalog's facets with their counts.
 */
import { useEffect, useId, useState } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { formatCount } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { useEndpointsStore } from '../../store/endpoints';
import { parseExtensions, useFilesStore, type EntryKind } from '../../store/files';

const SIZE_UNITS = { KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as const;
type SizeUnit = keyof typeof SIZE_UNITS;

const kinds: [EntryKind, string][] = [
  ['all', 'Files and folders'],
  ['files', 'Files only'],
  ['folders', 'Folders only'],
];

/** The panel's content; `id` is what the Filters button controls. */
export function FilterPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const query = useFilesStore((s) => s.query);
  const facets = useFilesStore((s) => s.facets);
  const facetsError = useFilesStore((s) => s.facetsError);
  const setQuery = useFilesStore((s) => s.setQuery);
  const loadFacets = useFilesStore((s) => s.loadFacets);
  const endpoints = useEndpointsStore((s) => s.items);
  const [otherExtensions, setOtherExtensions] = useState('');

  // The choices are counted again each time the panel opens: the catalog may have changed.
  useEffect(() => {
    void loadFacets();
  }, [loadFacets]);

  const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value));
  const offered = facets?.extensions.map((e) => e.value) ?? [];
  const extraChosen = query.extensions.filter((e) => !offered.includes(e));

  return (
    <div
      id={id}
      className="filter-panel"
      role="group"
      aria-label="Filters"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <fieldset className="filter-section">
        <legend>Endpoints</legend>
        {endpoints.length === 0 && <p className="muted">No endpoints yet.</p>}
        {endpoints.map((e) => (
          <label key={e.id} className="check">
            <input
              type="checkbox"
              checked={query.endpointIds.includes(e.id)}
              onChange={(ev) => setQuery({ endpointIds: toggle(query.endpointIds, e.id, ev.target.checked) })}
            />
            {e.name}
          </label>
        ))}
      </fieldset>

      <fieldset className="filter-section">
        <legend>Type</legend>
        {kinds.map(([kind, label]) => (
          <label key={kind} className="check">
            <input type="radio" name={`${id}-kind`} checked={query.kind === kind} onChange={() => setQuery({ kind })} />
            {label}
          </label>
        ))}
      </fieldset>

      <div className="filter-section">
        <label className="field-label" htmlFor={`${id}-by`}>
          Modified by
        </label>
        <select
          id={`${id}-by`}
          className="input"
          value={query.modifiedBy ?? ''}
          onChange={(e) => setQuery({ modifiedBy: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">Anyone</option>
          {query.modifiedBy !== null && !facets?.modifiers.some((m) => m.value === query.modifiedBy) && (
            <option value={query.modifiedBy}>{query.modifiedBy}</option>
          )}
          {facets?.modifiers.map((m) => (
            <option key={m.value} value={m.value}>
              {m.value} ({formatCount(m.count)})
            </option>
          ))}
        </select>
        {facets && facets.modifiers.length === 0 && (
          <p className="muted field-hint">These endpoints record no names (local folders do not).</p>
        )}
      </div>
      <fieldset className="filter-section filter-extensions">
        <legend>Extensions</legend>
        {!facets && !facetsError && <Spinner label="Counting extensions…" />}
        {facetsError && <ErrorBanner message={facetsError} onRetry={() => void loadFacets()} />}
        <div className="facet-list">
          {[...(facets?.extensions.slice(0, 24) ?? []), ...extraChosen.map((value) => ({ value, count: null }))].map(
            (f) => (
              <label key={f.value} className="check facet">
                <input
                  type="checkbox"
                  checked={query.extensions.includes(f.value)}
                  onChange={(ev) => setQuery({ extensions: toggle(query.extensions, f.value, ev.target.checked) })}
                />
                <span className="ext">{f.value}</span>
                {f.count !== null && <span className="facet-count">{formatCount(f.count)}</span>}
              </label>
            ),
          )}
        </div>
        <input
          className="input input-small"
          aria-label="Other extensions"
          placeholder="Other, e.g. ifc, nwd"
          value={otherExtensions}
          onChange={(e) => setOtherExtensions(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            const added = parseExtensions(otherExtensions).filter((x) => !query.extensions.includes(x));
            if (added.length) setQuery({ extensions: [...query.extensions, ...added] });
            setOtherExtensions('');
          }}
          autoComplete="off"
          spellCheck={false}
        />
      </fieldset>

      <SizeRange />
      <ModifiedRange />
    </div>
  );
}

/** A number typed in `unit`, as bytes; null for empty, NaN for something that is not a size. */
function toBytes(text: string, unit: SizeUnit): number | null {
  if (text.trim() === '') return null;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) && n >= 0 ? Math.round(n * SIZE_UNITS[unit]) : Number.NaN;
}

/** What is wrong with a typed size range, or null. */
function sizeProblem(min: string, max: string, unit: SizeUnit): string | null {
  const lo = toBytes(min, unit);
  const hi = toBytes(max, unit);
  if (Number.isNaN(lo) || Number.isNaN(hi)) return 'Sizes are numbers, such as 2 or 0.5';
  if (lo !== null && hi !== null && lo > hi) return 'The minimum is larger than the maximum';
  return null;
}

/** Bytes as a number in `unit` for the inputs. */
function fromBytes(bytes: number | null, unit: SizeUnit): string {
  return bytes === null ? '' : String(Math.round((bytes / SIZE_UNITS[unit]) * 1000) / 1000);
}

function SizeRange() {
  const minSize = useFilesStore((s) => s.query.minSize);
  const maxSize = useFilesStore((s) => s.query.maxSize);
  const setQuery = useFilesStore((s) => s.setQuery);
  const [unit, setUnit] = useState<SizeUnit>('MB');
  const [min, setMin] = useState(fromBytes(minSize, 'MB'));
  const [max, setMax] = useState(fromBytes(maxSize, 'MB'));
  // Typing becomes a query once it pauses; the key is a string so that equal input is equal.
  const typed = useDebounced(JSON.stringify([min, max, unit]), 400);
  const ids = useId();
  // A chip removed elsewhere empties the inputs.
  const [seen, setSeen] = useState({ minSize, maxSize });
  if (seen.minSize !== minSize || seen.maxSize !== maxSize) {
    setSeen({ minSize, maxSize });
    if (minSize === null) setMin('');
    if (maxSize === null) setMax('');
  }

  const problem = sizeProblem(min, max, unit);
  useEffect(() => {
    const [tMin, tMax, tUnit] = JSON.parse(typed) as [string, string, SizeUnit];
    if (sizeProblem(tMin, tMax, tUnit)) return;
    const lo = toBytes(tMin, tUnit);
    const hi = toBytes(tMax, tUnit);
    const { minSize: curMin, maxSize: curMax } = useFilesStore.getState().query;
    if (lo !== curMin || hi !== curMax) setQuery({ minSize: lo, maxSize: hi });
    // Only what was typed makes a query: a chip removed meanwhile must not come back.
  }, [typed, setQuery]);

  return (
    <fieldset className="filter-section">
      <legend>Size</legend>
      <div className="filter-row">
        <input
          aria-label="Minimum size"
          className="input input-number"
          inputMode="decimal"
          placeholder="Min"
          value={min}
          onChange={(e) => setMin(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${ids}-problem` : undefined}
        />
        <span aria-hidden="true">–</span>
        <input
          aria-label="Maximum size"
          className="input input-number"
          inputMode="decimal"
          placeholder="Max"
          value={max}
          onChange={(e) => setMax(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${ids}-problem` : undefined}
        />
        <select
          className="input input-unit"
          aria-label="Size unit"
          value={unit}
          onChange={(e) => setUnit(e.target.value as SizeUnit)}
        >
          {Object.keys(SIZE_UNITS).map((u) => (
            <option key={u}>{u}</option>
          ))}
        </select>
      </div>
      {problem && (
        <p id={`${ids}-problem`} className="field-error">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

function ModifiedRange() {
  const from = useFilesStore((s) => s.query.modifiedFrom);
  const to = useFilesStore((s) => s.query.modifiedTo);
  const setQuery = useFilesStore((s) => s.setQuery);
  const ids = useId();
  const problem = from && to && from > to ? 'The first day is after the last day' : null;
  return (
    <fieldset className="filter-section">
      <legend>Modified</legend>
      <div className="filter-dates">
        <span className="field-label-inline" aria-hidden="true">
          From
        </span>
        <input
          type="date"
          className="input input-date"
          aria-label="Modified from"
          value={from ?? ''}
          max={to ?? undefined}
          onChange={(e) => setQuery({ modifiedFrom: e.target.value || null })}
          aria-describedby={problem ? `${ids}-problem` : undefined}
        />
        <span className="field-label-inline" aria-hidden="true">
          To
        </span>
        <input
          type="date"
          className="input input-date"
          aria-label="Modified to"
          value={to ?? ''}
          min={from ?? undefined}
          onChange={(e) => setQuery({ modifiedTo: e.target.value || null })}
          aria-describedby={problem ? `${ids}-problem` : undefined}
        />
      </div>
      {problem && (
        <p id={`${ids}-problem`} className="field-error" role="alert">
          {problem}: nothing can match.
        </p>
      )}
    </fieldset>
  );
}
