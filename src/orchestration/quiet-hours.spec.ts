import { DateTime } from 'luxon';
import { DEFAULT_QUIET_HOURS } from '../core/tenant';
import { isAllowedMoment, nextAllowedMoment, parseClock } from './quiet-hours';

const BRUSSELS = 'Europe/Brussels';
/** A wall-clock moment in Brussels as a Date. */
const brussels = (iso: string) => DateTime.fromISO(iso, { zone: BRUSSELS }).toJSDate();
const local = (d: Date) => DateTime.fromJSDate(d, { zone: BRUSSELS }).toFormat("ccc yyyy-MM-dd HH:mm ZZ");

describe('parseClock', () => {
  it('reads HH:mm and accepts 24:00 as an end', () => {
    expect(parseClock('08:00')).toBe(480);
    expect(parseClock('8:30')).toBe(510);
    expect(parseClock('24:00')).toBe(1440);
  });
  it('refuses what is not a time', () => {
    for (const bad of ['', '8', '25:00', '24:30', '08:60', 'noon']) expect(parseClock(bad)).toBeUndefined();
  });
});

describe('nextAllowedMoment (default 08:00–18:00 on weekdays, Europe/Brussels)', () => {
  const next = (iso: string) => local(nextAllowedMoment(brussels(iso), DEFAULT_QUIET_HOURS, BRUSSELS));

  it('inside working hours: now', () => {
    const now = brussels('2026-03-04T10:15');
    expect(nextAllowedMoment(now, DEFAULT_QUIET_HOURS, BRUSSELS)).toBe(now);
    expect(isAllowedMoment(brussels('2026-03-04T08:00'), DEFAULT_QUIET_HOURS, BRUSSELS)).toBe(true);
    expect(isAllowedMoment(brussels('2026-03-04T17:59'), DEFAULT_QUIET_HOURS, BRUSSELS)).toBe(true);
  });

  it('early on a weekday: 08:00 the same day', () => {
    expect(next('2026-03-04T06:30')).toBe('Wed 2026-03-04 08:00 +01:00');
  });

  it('in the evening: 08:00 the next weekday; the end is exclusive', () => {
    expect(isAllowedMoment(brussels('2026-03-04T18:00'), DEFAULT_QUIET_HOURS, BRUSSELS)).toBe(false);
    expect(next('2026-03-04T18:00')).toBe('Thu 2026-03-05 08:00 +01:00');
    expect(next('2026-03-04T23:59')).toBe('Thu 2026-03-05 08:00 +01:00');
  });

  it('on Friday evening and at the weekend: Monday 08:00', () => {
    expect(next('2026-03-06T19:00')).toBe('Mon 2026-03-09 08:00 +01:00');
    expect(next('2026-03-07T12:00')).toBe('Mon 2026-03-09 08:00 +01:00');
    expect(next('2026-03-08T23:00')).toBe('Mon 2026-03-09 08:00 +01:00');
  });

  it('across the spring DST change: Monday 08:00 local is 06:00 UTC, not 07:00', () => {
    // Clocks go forward in Brussels on Sunday 29 March 2026 at 02:00.
    const at = nextAllowedMoment(brussels('2026-03-27T20:00'), DEFAULT_QUIET_HOURS, BRUSSELS);
    expect(local(at)).toBe('Mon 2026-03-30 08:00 +02:00');
    expect(at.toISOString()).toBe('2026-03-30T06:00:00.000Z');
  });

  it('across the autumn DST change: Monday 08:00 local is 07:00 UTC', () => {
    // Clocks go back in Brussels on Sunday 25 October 2026 at 03:00.
    const at = nextAllowedMoment(brussels('2026-10-23T18:30'), DEFAULT_QUIET_HOURS, BRUSSELS);
    expect(local(at)).toBe('Mon 2026-10-26 08:00 +01:00');
    expect(at.toISOString()).toBe('2026-10-26T07:00:00.000Z');
  });

  it('a window that starts in the skipped hour begins right after the gap', () => {
    const sunday = { start: '02:30', end: '05:00', days: [7] };
    const at = nextAllowedMoment(brussels('2026-03-28T12:00'), sunday, BRUSSELS);
    expect(at.toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST: 02:30 does not exist that night
    expect(isAllowedMoment(at, sunday, BRUSSELS)).toBe(true);
  });

  it('respects the tenant time zone, not the server one', () => {
    const utcMorning = new Date('2026-03-04T07:30:00Z'); // 08:30 in Brussels, 07:30 in London
    expect(nextAllowedMoment(utcMorning, DEFAULT_QUIET_HOURS, BRUSSELS)).toBe(utcMorning);
    expect(nextAllowedMoment(utcMorning, DEFAULT_QUIET_HOURS, 'Europe/London').toISOString()).toBe('2026-03-04T08:00:00.000Z');
  });
});

describe('other windows', () => {
  it('a window past midnight belongs to the day it starts on', () => {
    const nights = { start: '22:00', end: '06:00', days: [1] }; // Monday night into Tuesday
    expect(isAllowedMoment(brussels('2026-03-02T23:00'), nights, BRUSSELS)).toBe(true);
    expect(isAllowedMoment(brussels('2026-03-03T05:59'), nights, BRUSSELS)).toBe(true);
    expect(isAllowedMoment(brussels('2026-03-03T23:00'), nights, BRUSSELS)).toBe(false);
    expect(local(nextAllowedMoment(brussels('2026-03-03T12:00'), nights, BRUSSELS))).toBe('Mon 2026-03-09 22:00 +01:00');
  });

  it('a setting that allows no moment at all does not hold messages forever', () => {
    const now = brussels('2026-03-07T12:00');
    expect(nextAllowedMoment(now, { start: '08:00', end: '18:00', days: [] }, BRUSSELS)).toBe(now);
    expect(nextAllowedMoment(now, { start: 'x', end: '18:00', days: [1] }, BRUSSELS)).toBe(now);
  });

  it('00:00–24:00 every day is always allowed', () => {
    const always = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] };
    const now = brussels('2026-03-08T03:00');
    expect(nextAllowedMoment(now, always, BRUSSELS)).toBe(now);
  });
});
