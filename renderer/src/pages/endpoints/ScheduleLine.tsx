/** An endpoint card's schedule: in words, when it syncs next, and whether it waits, is paused or keeps failing. */
import type { ReactNode } from 'react';
import type { EndpointSummary } from '../../../../src/contract/model';
import { AlertIcon, ClockIcon } from '../../components/Icons';
import { formatDateTime, plural } from '../../lib/format';
import { describeSchedule, formatUntil } from '../../lib/schedule';

/** "Every 30 minutes · Next sync in 12 minutes", with the exact time as the tooltip. */
export function ScheduleLine({
  endpoint,
  now,
  pausedAll,
}: {
  endpoint: EndpointSummary;
  now: number;
  pausedAll: boolean;
}) {
  const words = describeSchedule(endpoint.schedule);
  const { scheduleState, nextRunAt } = endpoint;
  let state: ReactNode = null;
  if (endpoint.paused) {
    state = 'Paused: syncs only when you press Sync now';
  } else if (pausedAll && endpoint.schedule.type !== 'manual') {
    state = 'Paused with all automatic syncing';
  } else if (scheduleState === 'waiting-for-hook') {
    state = 'Waiting for a call';
  } else if (scheduleState === 'scheduled' && nextRunAt) {
    state = (
      <>
        Next sync{' '}
        <time dateTime={nextRunAt} title={formatDateTime(nextRunAt, true)}>
          {formatUntil(nextRunAt, now)}
        </time>
      </>
    );
  }
  return (
    <div className="endpoint-schedule-block">
      <p className="endpoint-schedule">
        <ClockIcon size={14} />
        <span className="endpoint-schedule-text">
          <span className="endpoint-schedule-words" title={words}>
            {words}
          </span>
          {state && <span className="endpoint-schedule-state">{state}</span>}
        </span>
      </p>
      {scheduleState === 'backing-off' && endpoint.consecutiveFailures > 0 && (
        <p className="notice notice-warning endpoint-backoff" role="status">
          <AlertIcon size={15} />
          <span>
            {endpoint.consecutiveFailures === 1
              ? 'Failed once'
              : `Failed ${plural(endpoint.consecutiveFailures, 'time')} in a row`}{' '}
            — retrying later
            {nextRunAt && (
              <>
                {' '}
                (next try{' '}
                <time dateTime={nextRunAt} title={formatDateTime(nextRunAt, true)}>
                  {formatUntil(nextRunAt, now)}
                </time>
                )
              </>
            )}
            .
          </span>
        </p>
      )}
    </div>
  );
}
