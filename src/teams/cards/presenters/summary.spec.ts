import { sampleSummary } from '../../../../test/teams/sample-cards';
import { assertValidCard } from '../../../../test/teams/parse-card';
import { cardSize, MAX_CARD_BYTES } from '../render-card';
import { CHART_WIDTH } from '../../../render/chart/size';
import { summaryCard } from './summary';

test('the summary shows rate, per dimension band/mean/spread/n, strengths, priorities, and the chart by URL', () => {
  const summary = sampleSummary({ respondents: 12, lang: 'nl' });
  const card = summaryCard(summary, 'nl', { url: 'https://bot.example/charts/t.png', altText: 'Diagram' });
  assertValidCard(card);
  const json = JSON.stringify(card);
  expect(json).toContain('12 van de 16 uitgenodigde');
  expect(json).toContain('"url":"https://bot.example/charts/t.png"');
  expect(json).toContain('"altText":"Diagram"');
  // At the width the chart is drawn for, not stretched over the card.
  expect(json).toContain(`"width":"${CHART_WIDTH}px"`);
  expect(json).not.toContain('"size":"Stretch"');
  for (const label of ['Niveau', 'Gemiddelde', 'Spreiding (standaardafwijking)', 'Respondenten', 'Sterktes', 'Werkpunten', 'Bedankt aan iedereen']) expect(json).toContain(label);
  expect(cardSize(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
});

test('without a chart there is no image; too few people withholds every figure and says why', () => {
  const card = summaryCard(sampleSummary({ respondents: 2, lang: 'en' }), 'en');
  assertValidCard(card);
  const json = JSON.stringify(card);
  expect(json).not.toContain('"type":"Image"');
  expect(json).toContain('too few');
  expect(json).not.toContain('Spread (standard deviation)');
});
