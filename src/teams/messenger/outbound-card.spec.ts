import { makeRound } from '../../core/testing/fixtures';
import { buildInvitation, buildReminder } from '../../core/views/invitation';
import { sampleSummary } from '../../../test/teams/sample-cards';
import { outboundCard } from './outbound-card';

test('each outbound message kind becomes its card, with a short notification text', () => {
  const round = makeRound();
  expect(outboundCard({ kind: 'invitation', view: buildInvitation(round, 'nl', 'Europe/Brussels') }).summary).toBe(round.title);
  expect(outboundCard({ kind: 'reminder', view: buildReminder(round, 'nl', 'Europe/Brussels', false) }).summary).toContain(round.title);
  expect(outboundCard({ kind: 'notice', view: { lang: 'nl', text: 'Regel 1\nRegel 2', tone: 'info' } }).summary).toBe('Regel 1');
});

test('the summary is in the round\'s language and carries the chart only when there is a URL and a chart', () => {
  const summary = sampleSummary({ respondents: 6, lang: 'en' });
  const withChart = outboundCard({ kind: 'summary', summary, chart: { png: Buffer.from(''), altText: 'Chart' } }, 'https://bot/charts/t.png');
  expect(JSON.stringify(withChart.card)).toContain('"url":"https://bot/charts/t.png"');
  expect(JSON.stringify(withChart.card)).toContain('Results:');
  expect(JSON.stringify(outboundCard({ kind: 'summary', summary }, 'https://bot/charts/t.png').card)).not.toContain('"type":"Image"');
});
