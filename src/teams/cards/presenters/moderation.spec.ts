import type { Quote } from '../../../core/ports';
import { makeRound } from '../../../core/testing/fixtures';
import { buildModeration } from '../../../core/views/moderation';
import { assertValidCard } from '../../../../test/teams/parse-card';
import { cardSize, MAX_CARD_BYTES } from '../render-card';
import { moderationCard, quoteEditCard } from './moderation';

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
const actionData = (card: object) => JSON.stringify(card);

test('a page approves exactly its pending answers in one click; each answer can be hidden or opened', () => {
  const view = buildModeration(round, [quote(1), { ...quote(2), editedText: 'Zonder naam', status: 'approved', themes: ['clear-communication'] }], 'nl');
  const card = moderationCard(view, 'nl');
  assertValidCard(card);
  const json = actionData(card);
  expect(json).toContain('{"roundId":"round-1","action":"approvePage","quoteIds":["q1"],"offset":0}');
  expect(json).toContain('Gelezen: keur dit antwoord goed');
  expect(json).toContain('{"roundId":"round-1","quoteId":"q1","offset":0,"action":"hide"}');
  expect(json).toContain('{"roundId":"round-1","quoteId":"q2","offset":0,"action":"open"}');
  expect(json).toContain('Oorspronkelijk: Antwoord 2');
  // The question heads the run of answers once, not every answer.
  expect(json.match(/X\. Dimension X \(nl\) · What are the strengths\?/g)).toHaveLength(2); // pending run, approved run
});

test('one answer opens on its own card to edit, tag, approve or hide', () => {
  const view = buildModeration(round, [{ ...quote(2), themes: ['clear-communication'] }], 'nl');
  const card = quoteEditCard(view, view.quotes[0]!, 'nl', 0);
  assertValidCard(card);
  const json = actionData(card);
  expect(json).toContain('"id":"edit.q2"');
  expect(json).toContain('"id":"themes.q2"');
  expect(json).toContain('"value":"clear-communication"');
  expect(json).toContain('"action":"approve"');
});

test('a page holds as many answers as fit, long ones fewer, always under the size limit', () => {
  const many = Array.from({ length: 60 }, (_, i) => quote(i, `Antwoord ${i}: ${'een realistisch antwoord van een collega over de zorg. '.repeat(2)}`));
  const first = moderationCard(buildModeration(round, many, 'nl'), 'nl');
  // Answers of about a hundred characters: twenty or more per card, so 200 answers take ten clicks at most.
  const shown = Number(/Antwoorden 1–(\d+) van 60/.exec(JSON.stringify(first))![1]);
  expect(shown).toBeGreaterThanOrEqual(20);
  expect(cardSize(first)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  const second = moderationCard(buildModeration(round, many, 'nl'), 'nl', shown);
  expect(JSON.stringify(second)).toContain(`Antwoorden ${shown + 1}–`);
  expect(JSON.stringify(second)).toContain('"offset":0');
  const long = Array.from({ length: 30 }, (_, i) => ({ ...quote(i, 'x'.repeat(1900)), editedText: 'y'.repeat(1900) }));
  const card = moderationCard(buildModeration(round, long, 'nl'), 'nl');
  assertValidCard(card);
  expect(cardSize(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
});
