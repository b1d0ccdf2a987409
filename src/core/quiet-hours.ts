import { DateTime } from 'luxon';
import type { QuietHours } from './tenant';

/**
 * Quiet hours: invitations and reminders are only sent inside the tenant's working hours
 * (default 08:00–18:00 on weekdays, in the tenant's time zone). Everything here works on
 * wall-clock time in that zone through luxon, so a daylight-saving change moves the UTC instant
 * of "08:00" but never the local hour people see the message at.
 *
 * A window whose end is not after its start ("22:00"–"06:00") runs past midnight: it belongs to
 * the day it starts on. "24:00" is accepted as an end ("00:00"–"24:00" = the whole day).
 */

/** Minutes since midnight for "HH:mm" (00:00–24:00), or undefined when malformed. */
export function parseClock(hhmm: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return hours * 60 + minutes;
}

interface Window {
  start: number;
  end: number;
  days: Set<number>;
}

function windowOf(quietHours: QuietHours): Window | undefined {
  const start = parseClock(quietHours.start);
  const end = parseClock(quietHours.end);
  const days = new Set(quietHours.days.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7));
  // A setting that allows no moment at all would hold every invitation forever; a round that
  // reaches nobody is worse than one that ignores a broken setting, so that case means "no
  // quiet hours" (tenant settings are validated when they are saved; this is the backstop).
  if (start === undefined || start >= 24 * 60 || end === undefined || days.size === 0 || start === end) return undefined;
  return { start, end, days };
}

function minuteOfDay(dt: DateTime): number {
  return dt.hour * 60 + dt.minute + dt.second / 60 + dt.millisecond / 60_000;
}

/** Whether a message may be sent at `at` (wall clock in `timeZone`). */
export function isAllowedMoment(at: Date, quietHours: QuietHours, timeZone: string): boolean {
  const window = windowOf(quietHours);
  if (!window) return true;
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  if (!local.isValid) return true;
  const minute = minuteOfDay(local);
  if (window.start < window.end) return window.days.has(local.weekday) && minute >= window.start && minute < window.end;
  // Past midnight: the evening part belongs to today, the early-morning part to yesterday.
  const yesterday = local.minus({ days: 1 }).weekday;
  return (window.days.has(local.weekday) && minute >= window.start) || (window.days.has(yesterday) && minute < window.end);
}

/**
 * The first moment at or after `now` at which sending is allowed: `now` itself inside working
 * hours, else the start of the next window. Local times that do not exist (a window starting in
 * the hour skipped by the spring DST change) resolve to the first instant after the gap.
 */
export function nextAllowedMoment(now: Date, quietHours: QuietHours, timeZone: string): Date {
  const window = windowOf(quietHours);
  if (!window || isAllowedMoment(now, quietHours, timeZone)) return now;
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) return now;
  const startHour = Math.floor(window.start / 60);
  const startMinute = window.start % 60;
  // Today's window may still be ahead; otherwise one of the next seven days has one.
  for (let offset = 0; offset <= 7; offset++) {
    const day = local.startOf('day').plus({ days: offset });
    if (!window.days.has(day.weekday)) continue;
    const start = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: startHour, minute: startMinute }, { zone: timeZone });
    if (start.toMillis() >= now.getTime()) return start.toJSDate();
  }
  return now;
}
