import { mentionDateTime } from '../../core/views/date-mention';
import { cardDates, renderCardDates } from './card-dates';

const closes = new Date('2026-12-15T16:00:00.250Z');
const RFC3339 = /\{\{DATE\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})), LONG\)\}\} om \{\{TIME\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2}))\)\}\}/;

test('a date in a TextBlock becomes DATE()/TIME() with a strict RFC 3339 instant (no fractions)', () => {
  const text = cardDates(`De bevraging sluit ${mentionDateTime(closes, 'nl', 'Europe/Brussels')}.`);
  expect(text).toBe('De bevraging sluit {{DATE(2026-12-15T16:00:00Z, LONG)}} om {{TIME(2026-12-15T16:00:00Z)}}.');
  const [, date, time] = RFC3339.exec(text)!;
  expect(new Date(date!).getTime()).toBe(Date.parse('2026-12-15T16:00:00Z'));
  expect(time).toBe(date);
});

test('outside a TextBlock or TextRun (button titles, facts, data) the fallback wording is used', () => {
  const mention = mentionDateTime(closes, 'en', 'Europe/Brussels');
  const card = renderCardDates({
    type: 'AdaptiveCard',
    body: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: mention }] }, { type: 'FactSet', facts: [{ title: 'Closes', value: mention }] }],
    actions: [{ type: 'Action.Execute', title: mention, data: { note: mention } }],
  }) as { body: [{ inlines: [{ text: string }] }, { facts: [{ value: string }] }]; actions: [{ title: string; data: { note: string } }] };
  expect(card.body[0].inlines[0].text).toBe('{{DATE(2026-12-15T16:00:00Z, LONG)}} at {{TIME(2026-12-15T16:00:00Z)}}');
  expect(card.body[1].facts[0].value).toBe('Tuesday 15 December at 17:00');
  expect(card.actions[0].title).toBe('Tuesday 15 December at 17:00');
  expect(card.actions[0].data.note).toBe('Tuesday 15 December at 17:00');
});
