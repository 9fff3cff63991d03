// When a subscription's digest falls due. Occurrences come from croner in the subscription's IANA zone, so
// "08:00 Europe/Berlin" stays 08:00 local across DST changes (06:00 UTC in summer, 07:00 in winter). On a
// spring-forward day a time inside the gap (02:30 when clocks jump 02:00 → 03:00) runs at the next valid
// local time (03:30); on a fall-back day a repeated time runs once (croner picks one of the two instants; the
// delivery log's one-row-per-local-date key makes "once" hold whichever it picks).
import { Cron } from 'croner';
import type { SubscriptionSettings } from './store.ts';

const HOUR_MS = 3_600_000;
/** A digest more than this late (e.g. the bot was down at its time) is skipped and logged, not sent. */
export const DEFAULT_CATCH_UP_MS = 6 * HOUR_MS;

/** "8:05", "08:05" → "08:05"; null when it is not a 24-hour time. */
export function parseTime(input: string): string | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(input.trim());
  return match ? `${(match[1] as string).padStart(2, '0')}:${match[2] as string}` : null;
}

/**
 * The canonical IANA name ("europe/berlin" → "Europe/Berlin", "US/Eastern" → "America/New_York"), or null
 * when the runtime does not know it. Offsets ("+02:00") are refused: they ignore DST, which is the point.
 */
export function canonicalTimeZone(input: string): string | null {
  const name = input.trim();
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

function parts(instant: number, timeZone: string): Record<string, string> {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return Object.fromEntries(formatter.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
}

/** YYYY-MM-DD of `instant` in `timeZone`: the day a digest belongs to. */
export function localDateOf(instant: number, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "2025-03-30 08:00 GMT+2": for people reading /digest show. */
export function formatLocal(instant: number, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** One scheduled run: the instant and the local date it counts for. */
export interface Occurrence {
  at: number;
  localDate: string;
}

function cronOf(settings: Pick<SubscriptionSettings, 'time' | 'timezone'>): Cron {
  const time = parseTime(settings.time);
  if (!time) throw new Error(`not a HH:MM time: '${settings.time}'`);
  const [hour, minute] = time.split(':').map(Number);
  // No callback: croner then schedules no timer, it only computes.
  return new Cron(`${minute} ${hour} * * *`, { timezone: settings.timezone });
}

/** The first occurrence strictly after `after`. */
export function nextDue(settings: Pick<SubscriptionSettings, 'time' | 'timezone'>, after: number): Occurrence | null {
  const next = cronOf(settings).nextRun(new Date(after));
  return next ? { at: next.getTime(), localDate: localDateOf(next.getTime(), settings.timezone) } : null;
}

/** The most recent occurrence at or before `now`. */
export function latestDue(settings: Pick<SubscriptionSettings, 'time' | 'timezone'>, now: number): Occurrence | null {
  const cron = cronOf(settings);
  // Two days back always contains at least one daily occurrence, whatever the zone's offset changes.
  let cursor = new Date(now - 2 * 24 * HOUR_MS - 1);
  let latest: Date | null = null;
  for (let i = 0; i < 5; i++) {
    const next = cron.nextRun(cursor);
    if (!next || next.getTime() > now) break;
    latest = next;
    cursor = next;
  }
  return latest ? { at: latest.getTime(), localDate: localDateOf(latest.getTime(), settings.timezone) } : null;
}

export type DueDecision =
  | { kind: 'not-due' }
  | { kind: 'due'; occurrence: Occurrence; lateMs: number }
  /** Fell due more than the catch-up window ago (the bot was down): skip and log, do not send. */
  | { kind: 'too-late'; occurrence: Occurrence; lateMs: number };

/**
 * Whether a subscription has a digest due at `now`. Only the latest occurrence counts: days missed before it
 * are not sent late (their news is not lost, the next digest starts where the last one sent ended).
 * Occurrences before `activeSince` (subscribing at 10:00 for 08:00) are not due.
 */
export function dueDecision(
  subscription: Pick<SubscriptionSettings, 'time' | 'timezone'> & { activeSince: number },
  now: number,
  catchUpMs: number = DEFAULT_CATCH_UP_MS,
): DueDecision {
  const occurrence = latestDue(subscription, now);
  if (!occurrence || occurrence.at < subscription.activeSince) return { kind: 'not-due' };
  const lateMs = now - occurrence.at;
  return lateMs > catchUpMs ? { kind: 'too-late', occurrence, lateMs } : { kind: 'due', occurrence, lateMs };
}
