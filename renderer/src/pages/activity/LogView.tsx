/**
 * The live log: filters by level and endpoint and a text search (answered by the core, then applied to live entries
 * by the store), oldest at the top and following the newest at the bottom. Scrolling up pauses the following: the
 * list holds still while entries keep arriving, and "Jump to latest" resumes. At most RENDER_STEP entries are in
 * the page at once (more on request), so thousands of kept entries stay smooth.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { LogEntry, LogLevel } from '../../../../src/contract/model';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SearchIcon } from '../../components/Icons';
import { Spinner } from '../../components/Spinner';
import { formatCount } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { LOG_LIMIT, useActivityStore, type LogFilter } from '../../store/activity';
import { LogList } from './LogList';

/** Entries rendered at first, and added by each "Show earlier entries". */
export const RENDER_STEP = 300;
/** How close to the bottom (px) still counts as following the newest entries. */
const BOTTOM_SLACK = 24;

function LogFilters({ endpoints }: { endpoints: { id: number; name: string }[] }) {
  const filter = useActivityStore((s) => s.logFilter);
  const setLogFilter = useActivityStore((s) => s.setLogFilter);
  const [text, setText] = useState(filter.search);
  const debounced = useDebounced(text, 250);
  const searchId = useId();

  // "Show its log" on a failed run resets the search from outside: show that here.
  const [applied, setApplied] = useState(filter.search);
  if (applied !== filter.search) {
    setApplied(filter.search);
    setText(filter.search);
  }
  useEffect(() => {
    if (debounced !== useActivityStore.getState().logFilter.search) setLogFilter({ search: debounced });
  }, [debounced, setLogFilter]);

  return (
    <div className="log-filters">
      <label className="inline-label">
        Log level
        <select
          className="input input-compact"
          value={filter.level ?? ''}
          onChange={(e) => setLogFilter({ level: (e.target.value || null) as LogLevel | null })}
        >
          <option value="">All levels</option>
          <option value="info">Info and above</option>
          <option value="warn">Warnings and errors</option>
          <option value="error">Errors only</option>
        </select>
      </label>
      <label className="inline-label">
        Endpoint
        <select
          className="input input-compact log-endpoint-select"
          value={filter.endpointId ?? ''}
          onChange={(e) => setLogFilter({ endpointId: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">All endpoints</option>
          {endpoints.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </label>
      <div className="log-search">
        <SearchIcon size={15} className="log-search-icon" />
        <label htmlFor={searchId} className="visually-hidden">
          Search the log
        </label>
        <input
          id={searchId}
          className="input input-compact log-search-input"
          type="search"
          placeholder="Search the log"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && text) {
              e.stopPropagation();
              setText('');
            }
          }}
        />
      </div>
    </div>
  );
}

const describeFilter = (f: LogFilter) => f.level !== null || f.endpointId !== null || f.search.trim() !== '';

/** The log section's filters and list. */
export function LogView({ endpoints }: { endpoints: { id: number; name: string }[] }) {
  const logs = useActivityStore((s) => s.logs);
  const filter = useActivityStore((s) => s.logFilter);
  const loaded = useActivityStore((s) => s.logsLoaded);
  const error = useActivityStore((s) => s.logsError);
  const loadLogs = useActivityStore((s) => s.loadLogs);
  const scrollRef = useRef<HTMLDivElement>(null);
  /** The entries shown while following is paused; null while following the newest. */
  const [frozen, setFrozen] = useState<LogEntry[] | null>(null);
  const [renderLimit, setRenderLimit] = useState(RENDER_STEP);

  // Another filter is another list: follow its newest entries from the start.
  const [shownFilter, setShownFilter] = useState(filter);
  if (shownFilter !== filter) {
    setShownFilter(filter);
    setFrozen(null);
    setRenderLimit(RENDER_STEP);
  }

  const source = frozen ?? logs;
  const shown = source.length > renderLimit ? source.slice(-renderLimit) : source;
  const earlier = source.length - shown.length;
  const lastShownId = frozen?.[frozen.length - 1]?.id ?? 0;
  const arrived = frozen ? logs.filter((l) => l.id > lastShownId).length : 0;

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && !frozen) el.scrollTop = el.scrollHeight;
  }, [shown, frozen]);

  function onScroll() {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK;
    if (!atBottom && !frozen) setFrozen(logs);
    else if (atBottom && frozen) setFrozen(null);
  }

  const names = new Map(endpoints.map((e) => [e.id, e.name]));

  return (
    <>
      <LogFilters endpoints={endpoints} />
      {error && <ErrorBanner message={error} onRetry={() => void loadLogs()} />}
      {!loaded ? (
        <Spinner label="Loading log…" />
      ) : source.length === 0 ? (
        <p className="muted section-empty">
          {describeFilter(filter)
            ? 'No log entries match these filters. Choose another level or endpoint, or search for other words.'
            : 'No log entries yet. They appear here as endpoints sync.'}
        </p>
      ) : (
        <div className="log-panel">
          <div className="log-status">
            <span className="muted">
              {formatCount(source.length)} {source.length === 1 ? 'entry' : 'entries'}
              {source.length >= LOG_LIMIT && ` (the latest ${formatCount(LOG_LIMIT)}; search to find older ones)`}
            </span>
            {frozen ? (
              <span className="log-paused" role="status">
                Autoscroll paused
                <button type="button" className="btn btn-small" onClick={() => setFrozen(null)}>
                  Jump to latest{arrived > 0 ? ` (${formatCount(arrived)} new)` : ''}
                </button>
              </span>
            ) : (
              <span className="log-following muted">Following new entries</span>
            )}
          </div>
          <div
            ref={scrollRef}
            className="log-scroll"
            tabIndex={0}
            role="region"
            aria-label="Log messages"
            onScroll={onScroll}
          >
            {earlier > 0 && (
              <button
                type="button"
                className="link-btn log-earlier"
                onClick={() => setRenderLimit((n) => n + RENDER_STEP)}
              >
                Show {formatCount(Math.min(earlier, RENDER_STEP))} earlier entries
              </button>
            )}
            <LogList entries={shown} endpointNames={names} />
          </div>
        </div>
      )}
    </>
  );
}
