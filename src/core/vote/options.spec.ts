import { buildSummary } from '../summary';
import { closedRound, FIXTURE_NOW, MAIN_PROGRESS, mainResponses } from '../summary/__fixtures__/summary-fixture';
import { voteOptions } from './options';

test('the work points come first, then every other statement once; a quick round votes on dimensions', () => {
  const summary = buildSummary({ round: closedRound(), responses: mainResponses(), progress: MAIN_PROGRESS, quotes: [], now: FIXTURE_NOW });
  const options = voteOptions(summary);
  expect(options.slice(0, summary.weakest.length).map((o) => o.id)).toEqual(summary.weakest.map((w) => w.statementId));
  expect(options.slice(0, summary.weakest.length).every((o) => o.kind === 'workPoint')).toBe(true);
  const statements = summary.dimensions.flatMap((d) => d.statements.map((s) => s.statementId));
  expect(options.map((o) => o.id).sort()).toEqual([...statements].sort());

  const quick = voteOptions({ weakest: [], dimensions: summary.dimensions.map((d) => ({ ...d, statements: [] })) });
  expect(quick.map((o) => o.id)).toEqual(summary.dimensions.map((d) => `dim:${d.dimensionId}`));
  expect(quick.every((o) => o.kind === 'dimension')).toBe(true);
});
