/** Schedules in words, the next runs of a cron expression, time zones and webhook secrets, all in the browser. */
import cronParser from 'cron-parser';
import cronstrue from 'cronstrue';
import type { Schedule } from '../../../src/contract/schemas';
import { formatCount } from './format';

/** The time zone this computer is in, e.g. "Europe/Berlin". */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every time zone name the browser knows, for suggestions; empty where the browser cannot list them. */
export function knownTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** Whether the user's locale writes times as 07:00 / 19:00 rather than 7:00 AM / 7:00 PM. */
function uses24HourClock(): boolean {
  try {
    const cycle = new Intl.DateTimeFormat(undefined, { hour: 'numeric' }).resolvedOptions().hourCycle;
    return cycle === 'h23' || cycle === 'h24';
  } catch {
    return true;
  }
}

/** "0 7 * * 1-5" → "At 07:00, Monday through Friday"; null when it cannot be read. */
export function describeCron(expression: string): string | null {
  const text = expression.trim();
  if (!text) return null;
  try {
    return cronstrue.toString(text, {
      throwExceptionOnParseError: true,
      use24HourTimeFormat: uses24HourClock(),
      verbose: false,
    });
  } catch {
    return null;
  }
}

/** The next `count` times a cron expression fires after `from`, or the parser's reason it cannot. */
export function nextCronRuns(
  expression: string,
  timezone: string | undefined,
  count = 3,
  from: Date = new Date(),
): { ok: true; runs: Date[] } | { ok: false; reason: string } {
  const text = expression.trim();
  const fields = text.split(/\s+/).length;
  if (!text || (fields !== 5 && fields !== 6)) {
    return { ok: false, reason: 'A cron expression has five fields: minute, hour, day of month, month, day of week.' };
  }
  try {
    const parsed = cronParser.parseExpression(text, { currentDate: from, ...(timezone ? { tz: timezone } : {}) });
    const runs: Date[] = [];
    for (let i = 0; i < count; i++) runs.push(parsed.next().toDate());
    return { ok: true, runs };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** "Mon 2 Dec, 07:00" in `timeZone` (the browser's when omitted). */
export function formatRunTime(date: Date, timeZone?: string): string {
  try {
    return new Intl.DateTimeFormat(undefined, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      ...(timeZone ? { timeZone } : {}),
    }).format(date);
  } catch {
    return date.toLocaleString();
  }
}

/** "30 minutes", "2 hours", "1 hour 30 minutes". */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = hours === 1 ? '1 hour' : `${formatCount(hours)} hours`;
  const m = rest === 1 ? '1 minute' : `${formatCount(rest)} minutes`;
  if (hours === 0) return m;
  return rest === 0 ? h : `${h} ${m}`;
}

/** A schedule in a few words, as cards show it. */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.type) {
    case 'manual':
      return 'Manual';
    case 'interval':
      if (schedule.minutes === 1) return 'Every minute';
      if (schedule.minutes === 60) return 'Every hour';
      return `Every ${formatMinutes(schedule.minutes)}`;
    case 'cron': {
      const words = describeCron(schedule.expression) ?? schedule.expression;
      return schedule.timezone ? `${words} (${schedule.timezone})` : words;
    }
    case 'startup':
      return 'At start-up';
    case 'webhook':
      return 'On webhook';
  }
}

/**
 * ISO time ahead → "in 12 minutes", "in 1 hour 40 minutes", "in 9 hours", "in 3 days"; a past or imminent time →
 * "in a moment".
 */
export function formatUntil(iso: string, now: number = Date.now()): string {
  const ms = new Date(iso).getTime() - now;
  if (Number.isNaN(ms)) return iso;
  if (ms < 45_000) return 'in a moment';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `in ${formatMinutes(Math.max(1, minutes))}`;
  // Within a few hours the minutes still matter ("in 1 hour 40 minutes"); later, whole hours are enough.
  if (minutes < 180) return `in ${formatMinutes(minutes)}`;
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return `in ${formatMinutes(hours * 60)}`;
  return `in ${formatCount(Math.round(ms / 86_400_000))} days`;
}

const secretAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random secret of `length` letters and digits, from the browser's cryptographic generator (no modulo bias). */
export function generateSecret(length = 32): string {
  const out: string[] = [];
  const limit = 256 - (256 % secretAlphabet.length);
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const b of bytes) {
      if (b < limit && out.length < length) out.push(secretAlphabet[b % secretAlphabet.length]!);
    }
  }
  return out.join('');
}

/** The path a webhook caller posts to. */
export function hookPath(endpointName: string): string {
  const name = endpointName.trim();
  return name ? `/hooks/${encodeURIComponent(name)}` : '/hooks/<endpoint name>';
}
