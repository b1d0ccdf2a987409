import { dimensionFigures, scaleStats, statementFigures } from './aggregation';
import type { AnswerValue } from './answers';
import { buildSummary, buildSummaryFromTally } from './summary/build-summary';
import { closedRound, FIXTURE_NOW, MAIN_PROGRESS, mainResponses, response } from './summary/__fixtures__/summary-fixture';
import { NO_VIEW, RoundTallier, tallyResponses, UNDECLARED_GROUP } from './tally';

describe('RoundTallier', () => {
  it('counts scale points per item, dimension pool, group pool and section in one pass', () => {
    const tally = tallyResponses(closedRound(), mainResponses());
    // X-s1 over RKEY1..7: 5 6 4 3 2 3 1.
    expect([...tally.items.get('X-s1')!.values.counts].sort((a, b) => a[0] - b[0])).toEqual([[1, 1], [2, 1], [3, 2], [4, 1], [5, 1], [6, 1]]);
    // RKEY7 submitted X only: its Y answers are a draft and count nowhere.
    expect(tally.items.get('Y-s1')!.values.answers).toBe(6);
    expect(tally.scores.get('X')).toMatchObject({ respondents: 7, answers: 14 });
    expect([...tally.groupScores.get('X')!.keys()]).toEqual(['teacher', 'leadership', UNDECLARED_GROUP]);
    expect(tally.groupScores.get('Y')!.has(UNDECLARED_GROUP)).toBe(false);
    expect(Object.fromEntries(tally.sectionRespondents)).toEqual({ X: 7, Y: 6, reflection: 6 });
    expect(tally.allocations.get('R3')).toEqual({ n: 3, sums: new Map([['career', 1.5], ['learning', 5.5]]) });
  });

  it('skips every non-numeric scale answer and counts "no view" per item without it entering a figure', () => {
    const round = closedRound();
    const withNoView = (key: string, answers: Record<string, AnswerValue>) => response(key, answers);
    const responses = [
      withNoView('A', { 'X-s1': NO_VIEW, 'X-s2': 4 }),
      withNoView('B', { 'X-s1': NO_VIEW, 'X-s2': NO_VIEW }),
      withNoView('C', { 'X-s1': 5, 'X-s2': '3' as unknown as number }),
      withNoView('D', { 'X-s1': 2, 'X-s2': 6 }),
    ];
    const tally = tallyResponses(round, responses);
    expect(tally.items.get('X-s1')).toMatchObject({ noView: 2 });
    expect(tally.items.get('X-s1')!.values.answers).toBe(2);
    expect(tally.items.get('X-s2')).toMatchObject({ noView: 1 });
    // B gave no number in X: not a respondent behind the score.
    expect(tally.scores.get('X')).toMatchObject({ respondents: 3, answers: 4 });
    const [x] = dimensionFigures(round, tally);
    expect(x!.score).toMatchObject({ status: 'shown', n: 3, mean: (4 + 5 + 2 + 6) / 4 });
    expect(statementFigures(round, tally)[0]!.figure).toEqual({ status: 'withheld', reason: 'too_few' });
  });

  it('gives the same stats from counts as from the values (median by position, distribution, sd)', () => {
    const values = [6, 1, 4, 4, 2, 6, 5, 3, 3, 4];
    const scale = closedRound().questionnaire.scale;
    const s = scaleStats(scale, values, 10);
    expect(s.median).toBe(4);
    expect(s.mean).toBe(3.8);
    expect(s.distribution).toEqual({ 1: 1, 2: 1, 3: 2, 4: 3, 5: 1, 6: 2 });
    expect(s.sd).toBeCloseTo(Math.sqrt(values.reduce((a, v) => a + (v - 3.8) ** 2, 0) / 10), 12);
    expect(scaleStats(scale, [1, 2, 5, 6], 4).median).toBe(3.5);
  });

  it('builds the same summary fed one response at a time (a cursor) as from the array', () => {
    const round = closedRound();
    const responses = mainResponses();
    const tallier = new RoundTallier(round);
    for (const r of responses) tallier.addResponse(r);
    const input = { round, progress: MAIN_PROGRESS, quotes: [], now: FIXTURE_NOW };
    expect(buildSummaryFromTally({ ...input, tally: tallier.tally })).toEqual(buildSummary({ ...input, responses }));
  });
});
