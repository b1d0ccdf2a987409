import { formatDateTime } from './format';
import { hasDateMention, mentionDateTime, mentionDay, plainDates, renderDateMentions } from './date-mention';

// 15 December 2026, 17:00 in Brussels (UTC+1 in winter) = 16:00 UTC.
const closes = new Date('2026-12-15T16:00:00Z');

describe('the fallback date wording (our own formatter, in the school time zone)', () => {
  test('nl-BE: weekday, day, month and the 24-hour time with "om"', () => {
    expect(formatDateTime(closes, 'nl', 'Europe/Brussels')).toBe('dinsdag 15 december om 17:00');
  });
  test('en: weekday, day, month and the 24-hour time with "at"', () => {
    expect(formatDateTime(closes, 'en', 'Europe/Brussels')).toBe('Tuesday 15 December at 17:00');
  });
  test('the school time zone decides the wall-clock time and the day', () => {
    expect(formatDateTime(new Date('2026-12-15T23:30:00Z'), 'nl', 'Europe/Brussels')).toBe('woensdag 16 december om 00:30');
  });
});

describe('date mentions', () => {
  test('carry the instant, the sentence language and the fallback; plain text shows the fallback', () => {
    const text = `De bevraging sluit ${mentionDateTime(closes, 'nl', 'Europe/Brussels')}.`;
    expect(hasDateMention(text)).toBe(true);
    expect(plainDates(text)).toBe('De bevraging sluit dinsdag 15 december om 17:00.');
    const seen: unknown[] = [];
    renderDateMentions(text, (m) => (seen.push(m), ''));
    expect(seen).toEqual([{ kind: 'dateTime', lang: 'nl', at: closes, fallback: 'dinsdag 15 december om 17:00' }]);
  });

  test('a calendar day is mentioned at noon in the school time zone', () => {
    const seen: { at: Date }[] = [];
    renderDateMentions(mentionDay('2027-06-12', 'en', 'Europe/Brussels', 'Saturday 12 June 2027'), (m) => (seen.push(m), m.fallback));
    expect(seen[0]!.at.toISOString()).toBe('2027-06-12T10:00:00.000Z');
    expect(mentionDay('2027-02-30', 'en', 'Europe/Brussels', '2027-02-30')).toBe('2027-02-30');
  });

  test('text that imitates a mention cannot render as anything but a date, and stray markers vanish', () => {
    const forged = 'a\uE000dateTime\uE001nl\uE001<script>\uE001x\uE002b \uE000';
    expect(plainDates(forged)).toBe('adateTimenl<script>xb ');
  });
});
