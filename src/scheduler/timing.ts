/** When a schedule fires next, and whether it missed a run while the app slept or was closed. */
import cronParser from 'cron-parser';
import type { Schedule } from '../contract/schemas.js';

/** Interval jitter: up to this share of the period, and never more than `MAX_JITTER_MS`. */
const JITTER_SHARE = 0.05;
const MAX_JITTER_MS = 60_000;

/** Random extra delay for an interval of `periodMs`, so many endpoints on one interval do not fire together. */
export function jitterMs(periodMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(periodMs * JITTER_SHARE, MAX_JITTER_MS));
}

/** Checks a cron expression and time zone; returns a sentence saying what is wrong, or null. */
export function cronProblem(expression: string, timezone?: string): string | null {
  if (timezone !== undefined && !isTimeZone(timezone)) {
    return `"${timezone}" is not a time zone; use a name such as "Europe/Berlin" or "UTC"`;
  }
  try {
    cronParser.parseExpression(expression, timezone ? { tz: timezone } : {});
    return null;
  } catch (error) {
    return `"${expression}" is not a valid cron expression: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Whether the runtime knows the IANA time zone `name`. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The latest fire time of a cron schedule at or before `now`. */
export function previousCronFire(expression: string, timezone: string | undefined, now: Date): Date {
  // cron-parser's prev() is exclusive of currentDate; a millisecond later includes a fire at exactly `now`.
  const parsed = cronParser.parseExpression(expression, {
    currentDate: new Date(now.getTime() + 1),
    ...(timezone ? { tz: timezone } : {}),
  });
  return parsed.prev().toDate();
}

/** The interval of an `interval` schedule in milliseconds. */
export function intervalMs(schedule: Extract<Schedule, { type: 'interval' }>): number {
  return schedule.minutes * 60_000;
}

/**
 * Whether a schedule missed a run: an interval whose last run is older than its period, a cron
 * schedule that should have fired since the last run. Never-run schedules count as missed.
 */
export function isOverdue(schedule: Schedule, lastRunAt: Date | null, now: Date): boolean {
  if (schedule.type === 'interval') {
    return lastRunAt === null || now.getTime() - lastRunAt.getTime() >= intervalMs(schedule);
  }
  if (schedule.type === 'cron') {
    return lastRunAt === null || previousCronFire(schedule.expression, schedule.timezone, now) > lastRunAt;
  }
  return false;
}
