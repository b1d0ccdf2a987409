import fs from 'node:fs';
import { CARD_NAMES, CARDS_DIR, cardSize, MAX_CARD_BYTES } from '../../src/teams/cards/render-card';
import { cardProblems } from './parse-card';
import { sampleCards, sampleSummary } from './sample-cards';
import { cardText } from './teams-harness';

/**
 * Every template in cards/, expanded with data from the core's own views (both languages,
 * errors, withheld figures, long answers), parses with the adaptivecards library at 1.5 with no
 * problems and fits Teams' card size limit.
 */
const samples = sampleCards();

test('cards/ holds exactly the templates the code knows, each a 1.5 card', () => {
  const files = fs.readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  expect(files).toEqual([...CARD_NAMES].sort());
  for (const name of CARD_NAMES) {
    const template = JSON.parse(fs.readFileSync(`${CARDS_DIR}/${name}.json`, 'utf8'));
    expect(template).toMatchObject({ type: 'AdaptiveCard', version: '1.5', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json' });
  }
});

test('every template is exercised by the samples', () => {
  expect([...new Set(samples.map((s) => s.name))].sort()).toEqual([...CARD_NAMES].sort());
});

test.each(samples.map((s) => [s.label, s] as const))('%s parses at 1.5 without problems and fits', (_label, sample) => {
  expect(cardProblems(sample.card)).toEqual([]);
  expect(cardSize(sample.card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
});

test('a card in English says no Dutch of ours, and the other way round', () => {
  const nl = samples.find((s) => s.label === 'nl invitation')!;
  const en = samples.find((s) => s.label === 'en invitation')!;
  expect(cardText(nl.card)).toContain('Starten');
  expect(cardText(en.card)).toContain('Start');
  expect(cardText(en.card)).not.toContain('Starten');
});

test('every approved answer reaches the team: the overview points to the replies, which list them all, each under the size limit', () => {
  const long = samples.find((s) => s.label === 'nl summary with long answers')!;
  const text = cardText(long.card);
  expect(text).toContain('A1. Visie op leerzorg');
  expect(text).toContain('in de reacties onder dit bericht');
  const replies = samples.filter((s) => s.label.startsWith('nl summary with long answers, reply'));
  const replyText = replies.map((r) => cardText(r.card)).join('\n');
  const summary = sampleSummary({ respondents: 30, longText: true, lang: 'nl' });
  const all = summary.dimensions.flatMap((d) => [...d.quotes.strengths, ...d.quotes.priorities, ...(d.quotes.practices ?? [])]);
  expect(all.length).toBeGreaterThan(20);
  for (const quote of all) expect(replyText).toContain(quote);
  // Every count in a heading is the number of answers listed under it (continuations add up).
  for (const d of summary.dimensions) {
    if (d.quotes.strengths.length) expect(replyText).toContain(`Sterktes (${d.quotes.strengths.length} antwoord`);
  }
  for (const r of replies) expect(Buffer.byteLength(JSON.stringify(r.card))).toBeLessThanOrEqual(28_000);
});

test('a summary of too few people withholds the figures and says why', () => {
  const text = cardText(samples.find((s) => s.label === 'nl summary of 3 (withheld)')!.card);
  expect(text).toContain('te weinig antwoorden');
  expect(text).not.toContain('Spreiding');
});
