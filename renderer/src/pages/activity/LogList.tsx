/** Log entries in the order they were written: time, level, endpoint, message and the first few data fields. */
import { memo } from 'react';
import type { LogEntry } from '../../../../src/contract/model';
import { formatDateTime } from '../../lib/format';
import { formatWhen } from './when';

/** One entry; entries never change, so a new one arriving re-renders only itself. */
const LogRow = memo(function LogRow({ entry, endpointName }: { entry: LogEntry; endpointName: string | null }) {
  const data = entry.data && Object.keys(entry.data).length > 0 ? entry.data : null;
  return (
    <li className={`log-entry log-${entry.level}`}>
      <time className="log-time" dateTime={entry.at} title={formatDateTime(entry.at, true)}>
        {formatWhen(entry.at)}
      </time>
      <span className={`log-level level-${entry.level}`}>{entry.level.toUpperCase()}</span>
      {endpointName !== null && <span className="log-endpoint">{endpointName}</span>}
      <span className="log-message">{entry.message}</span>
      {data && (
        <span className="log-data" title={JSON.stringify(data, null, 2)}>
          {Object.entries(data)
            .slice(0, 4)
            .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
            .join('  ')}
        </span>
      )}
    </li>
  );
});

/** The log list; `endpointNames` turns endpoint ids into names. */
export function LogList({ entries, endpointNames }: { entries: LogEntry[]; endpointNames: Map<number, string> }) {
  return (
    <ol className="log-list" aria-label="Log entries">
      {entries.map((e) => (
        <LogRow
          key={e.id}
          entry={e}
          endpointName={e.endpointId === null ? null : (endpointNames.get(e.endpointId) ?? `Endpoint ${e.endpointId}`)}
        />
      ))}
    </ol>
  );
}
