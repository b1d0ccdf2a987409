import { dimensionStats, statementStats, type AnswerSet } from '../../src/core/aggregation';
import type { AnswerValue } from '../../src/core/answers';
import { openTestDatabase, type TestDatabase } from '../support/mongo';
import { sampleRound, T0 } from './fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

/**
 * Responses stored through the repository and read back with listByRound() must give exactly the
 * figures the pure aggregation functions compute for the same data held in memory — and those
 * figures must be the ones worked out by hand below.
 */
describe('aggregation over stored responses', () => {
  const round = sampleRound({ state: 'closed' }); // detailed, dimensions C and E, k = 5
  const answers: Record<string, Record<string, AnswerValue>> = {
    r1: { 'C-global': 4, 'C-s1': 1, 'C-s2': 4, 'E-s1': 2, 'C-strengths': 'Korte lijnen' },
    r2: { 'C-global': 5, 'C-s1': 2, 'C-s2': 4, 'E-s1': 3 },
    r3: { 'C-global': 6, 'C-s1': 3, 'C-s2': 4, 'E-s1': 4 },
    r4: { 'C-global': 2, 'C-s1': 4, 'C-s2': 5, 'E-s1': 5 },
    r5: { 'C-global': 3, 'C-s1': 5, 'C-s2': 5 },
    r6: { 'C-global': 4, 'C-s1': 6, R3: { onderwijsloopbaan: 1, 'leren-en-studeren': 0.5 } },
    // Only open text: a response, but behind no figure.
    r7: { 'C-priorities': 'Meer overleg' },
  };

  beforeAll(async () => {
    for (const [key, value] of Object.entries(answers)) {
      // Two saves per respondent, as two sections would arrive.
      const entries = Object.entries(value);
      await t.repos.responses.saveAnswers(round.id, key, Object.fromEntries(entries.slice(0, 2)), T0);
      await t.repos.responses.saveAnswers(round.id, key, Object.fromEntries(entries.slice(2)), T0);
    }
    // Another round's response must not leak into this round's figures.
    await t.repos.responses.saveAnswers('other-round', 'r1', { 'C-s1': 6, 'C-s2': 6, 'C-global': 1 }, T0);
  });

  it('listByRound gives the same figures as the pure functions on the same data', async () => {
    const stored = await t.repos.responses.listByRound(round.id);
    expect(stored).toHaveLength(7);
    const inMemory: AnswerSet[] = Object.values(answers).map((a) => ({ answers: a }));
    expect(dimensionStats(round, stored)).toEqual(dimensionStats(round, inMemory));
    expect(statementStats(round, stored)).toEqual(statementStats(round, inMemory));
  });

  it('gives the hand-computed figures', async () => {
    const stored = await t.repos.responses.listByRound(round.id);
    const dims = dimensionStats(round, stored);
    const c = dims.find((d) => d.dimensionId === 'C')!;
    // Score pools C-s1 (1..6) and C-s2 (4,4,4,5,5): 11 answers from 6 people, sum 21 + 22 = 43.
    expect(c.score.status).toBe('shown');
    if (c.score.status === 'shown') {
      expect(c.score.n).toBe(6);
      expect(c.score.answers).toBe(11);
      expect(c.score.mean).toBeCloseTo(43 / 11, 10);
      expect(c.score.median).toBe(4);
      expect(c.score.band).toBe('meeting');
      expect(c.score.distribution).toEqual({ 1: 1, 2: 1, 3: 1, 4: 4, 5: 3, 6: 1 });
    }
    // Global judgement 4,5,6,2,3,4: four of six on an agreeing point (4, 5, 6).
    expect(c.agreement).toEqual({ status: 'shown', n: 6, share: 4 / 6 });
    // E: four people answered, fewer than k = 5.
    const e = dims.find((d) => d.dimensionId === 'E')!;
    expect(e.score).toEqual({ status: 'withheld', reason: 'too_few' });
    expect(e.agreement).toEqual({ status: 'withheld', reason: 'too_few' });

    const statements = statementStats(round, stored);
    const s1 = statements.find((s) => s.statementId === 'C-s1')!.figure;
    expect(s1).toMatchObject({ status: 'shown', n: 6, answers: 6, mean: 3.5, median: 3.5 });
    if (s1.status === 'shown') expect(s1.sd).toBeCloseTo(Math.sqrt(35 / 12), 10);
    const s2 = statements.find((s) => s.statementId === 'C-s2')!.figure;
    expect(s2).toMatchObject({ status: 'shown', n: 5, mean: 4.4, median: 4 });
    if (s2.status === 'shown') {
      expect(s2.sd).toBeCloseTo(Math.sqrt(0.24), 10);
      expect(s2.bandShares).toEqual({ below: 0, approaching: 0, meeting: 0.6, exceeding: 0.4 });
    }
    expect(statements.find((s) => s.statementId === 'C-s3')!.figure).toEqual({ status: 'withheld', reason: 'too_few' });
  });
});
