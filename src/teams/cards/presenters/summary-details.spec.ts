import { sampleSummary } from '../../../../test/teams/sample-cards';
import { assertValidCard } from '../../../../test/teams/parse-card';
import { cardSize, MAX_CARD_BYTES } from '../render-card';
import { summaryDetailCards } from './summary-details';

const texts = (card: object): string[] => {
  const out: string[] = [];
  JSON.stringify(card, (_k, v) => {
    if (v && typeof v === 'object' && (v as { type?: string }).type === 'TextBlock') out.push(String((v as { text: string }).text));
    return v;
  });
  return out;
};

test('a list too long for one card continues on the next; every answer appears once and the headings count them all', () => {
  const summary = sampleSummary({ respondents: 12, lang: 'nl' });
  const d = summary.dimensions[0]!;
  const many = Array.from({ length: 180 }, (_, i) => `Antwoord ${i + 1}: ${'een lang en concreet antwoord over de zorg op school. '.repeat(6)}`);
  d.quotes = { strengths: many, priorities: ['Eén werkpunt.'], practices: ['Ons planbord in het derde leerjaar.'] };
  d.noView = { noView: 4, answered: 20 };
  const cards = summaryDetailCards(summary, 'nl');
  for (const card of cards) {
    assertValidCard(card);
    expect(cardSize(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  }
  const all = cards.flatMap(texts);
  for (const quote of many) expect(all.filter((x) => x === `“${quote}”`)).toHaveLength(1);
  const ownCards = cards.filter((c) => texts(c)[0]!.startsWith(d.dimensionId));
  expect(ownCards.length).toBeGreaterThan(1);
  expect(texts(ownCards[1]!)[0]).toContain('(vervolg)');
  // The heading says how many answers the list has, wherever it continues.
  expect(all).toContain('Sterktes (180 antwoorden)');
  expect(all).toContain('Werkpunten (1 antwoord)');
  expect(all).toContain('Voorbeelden uit de praktijk die anderen kunnen inspireren (1 antwoord)');
  expect(all).toContain('4 van 20: geen zicht');
});
