import { DateTime } from 'luxon';
import { mentionDay } from '../views/date-mention';

/** Days before the due date at which the owner is reminded. */
export const REMINDER_DAYS_BEFORE = 2;
/** The local hour the reminder is planned for; quiet hours may move it later still. */
const REMINDER_HOUR = 9;

/** Whether "YYYY-MM-DD" is a real calendar day. */
export function isCalendarDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && DateTime.fromISO(day, { zone: 'UTC' }).isValid;
}

/** Today in the tenant's time zone, as "YYYY-MM-DD". */
export function today(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate() ?? now.toISOString().slice(0, 10);
}

/** When the due reminder is planned: two days before, at 09:00 local; never before `now`. */
export function dueReminderAt(dueDate: string, timeZone: string, now: Date): Date {
  const at = DateTime.fromISO(dueDate, { zone: timeZone }).minus({ days: REMINDER_DAYS_BEFORE }).set({ hour: REMINDER_HOUR, minute: 0, second: 0, millisecond: 0 });
  const when = at.isValid ? at.toJSDate() : now;
  return when > now ? when : now;
}

/** "vrijdag 12 juni" / "Friday 12 June". */
export function formatDay(day: string, lang: 'nl' | 'en'): string {
  const dt = DateTime.fromISO(day, { zone: 'UTC' }).setLocale(lang === 'nl' ? 'nl-BE' : 'en-GB');
  return dt.isValid ? dt.toFormat('cccc d LLLL yyyy') : day;
}

/**
 * The due day as a date mention (see date-mention.ts), so each platform can show it in the
 * reader's own locale; `formatDay` is its fallback. Without the school's time zone the day is
 * taken at noon UTC, which is the same calendar day for every reader from UTC−11 to UTC+11.
 */
export function mentionDue(day: string, lang: 'nl' | 'en', timeZone = 'UTC'): string {
  return mentionDay(day, lang, timeZone, formatDay(day, lang));
}
