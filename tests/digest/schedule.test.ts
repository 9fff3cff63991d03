// Due times in the subscription's own zone, across DST changes, and the catch-up window.
import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, dueDecision, formatLocal, latestDue, localDateOf, nextDue, parseTime } from '../../src/digest/schedule.ts';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const at = (value: string) => Date.parse(value);

describe('digest schedule', () => {
  it('reads 24-hour times and IANA zones, and refuses the rest', () => {
    expect(parseTime('8:05')).toBe('08:05');
    expect(parseTime('23:59')).toBe('23:59');
    for (const bad of ['24:00', '8', '08:60', '8am', '']) expect(parseTime(bad)).toBeNull();
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    for (const bad of ['Mars/Olympus', '+02:00', 'Europe/Berlin; DROP', '']) expect(canonicalTimeZone(bad)).toBeNull();
  });

  it('keeps 08:00 Europe/Berlin at 08:00 local on the spring-forward day (06:00 UTC, not 07:00)', () => {
    const settings = { time: '08:00', timezone: 'Europe/Berlin' };
    expect(iso(nextDue(settings, at('2025-03-29T00:00:00Z'))?.at)).toBe('2025-03-29T07:00:00.000Z');
    const sunday = nextDue(settings, at('2025-03-29T07:00:00Z'));
    expect(iso(sunday?.at)).toBe('2025-03-30T06:00:00.000Z');
    expect(sunday?.localDate).toBe('2025-03-30');
  });

  it('keeps 08:00 Europe/Berlin at 08:00 local on the fall-back day (07:00 UTC, not 06:00)', () => {
    const settings = { time: '08:00', timezone: 'Europe/Berlin' };
    expect(iso(nextDue(settings, at('2025-10-25T12:00:00Z'))?.at)).toBe('2025-10-26T07:00:00.000Z');
    // At 06:30 UTC (07:30 local after the change) nothing of that day is due yet.
    expect(latestDue(settings, at('2025-10-26T06:30:00Z'))?.localDate).toBe('2025-10-25');
  });

  it('runs a time that does not exist on the spring-forward day once, at the next valid local time', () => {
    const settings = { time: '02:30', timezone: 'Europe/Berlin' };
    const due = nextDue(settings, at('2025-03-29T12:00:00Z'));
    expect(iso(due?.at)).toBe('2025-03-30T01:30:00.000Z'); // 03:30 CEST
    expect(due?.localDate).toBe('2025-03-30');
    expect(nextDue(settings, due?.at ?? 0)?.localDate).toBe('2025-03-31');
  });

  it('runs a time that happens twice on the fall-back day only once that day', () => {
    for (const [zone, time, from] of [
      ['Europe/Berlin', '02:30', '2025-10-25T12:00:00Z'],
      ['America/New_York', '01:30', '2025-11-01T12:00:00Z'],
    ] as const) {
      const settings = { time, timezone: zone };
      const runs: string[] = [];
      let cursor = at(from);
      for (let i = 0; i < 3; i++) {
        const next = nextDue(settings, cursor);
        if (!next) break;
        runs.push(next.localDate);
        cursor = next.at;
      }
      expect(new Set(runs).size).toBe(runs.length);
      expect(runs.slice(0, 2)).toEqual(zone === 'Europe/Berlin' ? ['2025-10-26', '2025-10-27'] : ['2025-11-02', '2025-11-03']);
    }
  });

  it('decides due, too-late and not-due from the latest occurrence', () => {
    const sub = { time: '08:00', timezone: 'UTC', activeSince: at('2025-03-01T00:00:00Z') };
    const sixHours = 6 * 3_600_000;
    expect(dueDecision(sub, at('2025-03-10T08:00:00Z'), sixHours)).toMatchObject({ kind: 'due', lateMs: 0, occurrence: { localDate: '2025-03-10' } });
    expect(dueDecision(sub, at('2025-03-10T13:59:00Z'), sixHours).kind).toBe('due');
    expect(dueDecision(sub, at('2025-03-10T14:01:00Z'), sixHours)).toMatchObject({ kind: 'too-late', occurrence: { localDate: '2025-03-10' } });
    // Before 08:00 the latest occurrence is yesterday's, long past the window.
    expect(dueDecision(sub, at('2025-03-10T07:59:00Z'), sixHours)).toMatchObject({ kind: 'too-late', occurrence: { localDate: '2025-03-09' } });
    // Subscribed at 10:00: that day's 08:00 is not due.
    expect(dueDecision({ ...sub, activeSince: at('2025-03-10T10:00:00Z') }, at('2025-03-10T10:01:00Z'), sixHours).kind).toBe('not-due');
  });

  it('gives local dates and readable local times in the zone', () => {
    expect(localDateOf(at('2025-03-30T23:30:00Z'), 'Europe/Berlin')).toBe('2025-03-31');
    expect(localDateOf(at('2025-03-30T23:30:00Z'), 'America/New_York')).toBe('2025-03-30');
    expect(formatLocal(at('2025-03-30T06:00:00Z'), 'Europe/Berlin')).toBe('2025-03-30 08:00 GMT+2');
  });
});
