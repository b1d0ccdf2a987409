import { buildSummary } from '../../core/summary';
import { closedRound, FIXTURE_NOW, MAIN_PROGRESS, mainResponses } from '../../core/summary/__fixtures__/summary-fixture';

const summaryFixture = () => buildSummary({ round: closedRound(), responses: mainResponses(), progress: MAIN_PROGRESS, quotes: [], now: FIXTURE_NOW });
import { followUpBlocks } from './summary-blocks';

test('the follow-up part lists each dimension with its trend and actions, and is absent without a previous round', () => {
  const summary = summaryFixture();
  expect(followUpBlocks({ ...summary, followUp: undefined }, 'nl')).toEqual([]);
  const d = summary.dimensions[0]!;
  const blocks = followUpBlocks(
    {
      ...summary,
      followUp: {
        previous: { roundId: 'r0', title: 'Nulmeting <september>' },
        dimensions: [{ dimensionId: d.dimensionId, title: d.title, change: { status: 'shown', previousMean: 3, currentMean: 3.5, change: 0.5 }, actions: [{ what: 'Overleg & afspraken', status: 'in_progress', workPoint: d.title }] }],
      },
    },
    'nl',
  );
  const text = JSON.stringify(blocks);
  expect(text).toContain('Acties sinds de vorige bevraging');
  expect(text).toContain('+0,5 (van 3,0 naar 3,5)');
  expect(text).toContain('• Overleg &amp; afspraken (bezig)');
  expect(text).toContain('Nulmeting &lt;september&gt;');
});
