import { dueReminderAt, isCalendarDay, today } from './due';

test('calendar days, today in the school’s zone, and the reminder two days before at nine', () => {
  expect(isCalendarDay('2026-02-28')).toBe(true);
  expect(isCalendarDay('2026-02-30')).toBe(false);
  expect(isCalendarDay('28/02/2026')).toBe(false);
  // 23:30 UTC on 1 March is already 2 March in Brussels.
  expect(today(new Date('2026-03-01T23:30:00Z'), 'Europe/Brussels')).toBe('2026-03-02');
  expect(dueReminderAt('2026-03-20', 'Europe/Brussels', new Date('2026-03-01T09:00:00Z')).toISOString()).toBe('2026-03-18T08:00:00.000Z');
  // Due tomorrow: the reminder cannot be in the past, so it is now.
  const now = new Date('2026-03-19T12:00:00Z');
  expect(dueReminderAt('2026-03-20', 'Europe/Brussels', now)).toEqual(now);
});
