import type { Quote } from '../../../core/ports';
import { makeRound } from '../../../core/testing/fixtures';
import { buildModeration } from '../../../core/views/moderation';
import { assertValidCard } from '../../../../test/teams/parse-card';
import { cardSize, MAX_CARD_BYTES } from '../render-card';
import { moderationCard } from './moderation';

const round = makeRound({ state: 'closed' });
const quote = (i: number, text = `Antwoord ${i}`): Quote => ({
  id: `q${i}`,
  roundId: round.id,
  itemId: 'X-strengths',
  section: 'X',
  text,
  status: 'pending',
  themes: [],
  order: i,
  createdAt: new Date(),
  updatedAt: new Date(),
});

test('each quote can be approved, hidden, edited or tagged; the inputs are per quote', () => {
  const card = moderationCard(buildModeration(round, [quote(1), { ...quote(2), editedText: 'Zonder naam', status: 'approved', themes: ['clear-communication'] }], 'nl'), 'nl');
  assertValidCard(card);
  const json = JSON.stringify(card);
  expect(json).toContain('"id":"edit.q1"');
  expect(json).toContain('"id":"themes.q2"');
  expect(json).toContain('"value":"clear-communication"');
  expect(json).toContain('Oorspronkelijk: Antwoord 2');
  expect(json).toContain('{"roundId":"round-1","quoteId":"q1","offset":0,"action":"approve"}');
  expect(json.match(/"verb":"moderateQuote"/g)).toHaveLength(8);
});

test('many quotes are paged, long ones a few at a time, always under the size limit', () => {
  const many = Array.from({ length: 12 }, (_, i) => quote(i));
  const first = moderationCard(buildModeration(round, many, 'nl'), 'nl');
  expect(JSON.stringify(first)).toContain('Antwoorden 1–5 van 12');
  const second = moderationCard(buildModeration(round, many, 'nl'), 'nl', 10);
  expect(JSON.stringify(second)).toContain('Antwoorden 11–12 van 12');
  expect(JSON.stringify(second)).toContain('"offset":5');
  const long = Array.from({ length: 6 }, (_, i) => ({ ...quote(i, 'x'.repeat(1900)), editedText: 'y'.repeat(1900) }));
  const card = moderationCard(buildModeration(round, long, 'nl'), 'nl');
  assertValidCard(card);
  expect(cardSize(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
});
