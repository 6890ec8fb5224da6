/** Recent log entries, newest first, live-appended from `log.entry`. */
import type { LogEntry, LogLevel } from '../../../../src/contract/model';
import { formatDateTime } from '../../lib/format';

/** The log list; `endpointNames` turns endpoint ids into names. */
export function LogList({ entries, endpointNames }: { entries: LogEntry[]; endpointNames: Map<number, string> }) {
  return (
    <ol className="log-list" aria-label="Log entries">
      {entries.map((e) => (
        <li key={e.id} className={`log-entry log-${e.level}`}>
          <time className="log-time" dateTime={e.at}>
            {formatDateTime(e.at, true)}
          </time>
          <span className={`log-level level-${e.level}`}>{levelLabel(e.level)}</span>
          {e.endpointId !== null && (
            <span className="log-endpoint">{endpointNames.get(e.endpointId) ?? `Endpoint ${e.endpointId}`}</span>
          )}
          <span className="log-message">{e.message}</span>
          {e.data && Object.keys(e.data).length > 0 && (
            <span className="log-data" title={JSON.stringify(e.data, null, 2)}>
              {Object.entries(e.data)
                .slice(0, 4)
                .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
                .join('  ')}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}

function levelLabel(level: LogLevel): string {
  return level.toUpperCase();
}
