import { buildSummary } from './build-summary';
import type { Round } from '../round';
import { closedRound, FIXTURE_NOW, MAIN_PROGRESS, mainResponses, response } from './__fixtures__/summary-fixture';
import type { PreviousRound } from './trend';

/**
 * The previous round ("round-1", autumn): three respondents answered X with 3 and 3 (mean 3);
 * only two of them submitted Y (below k = 3, so Y was withheld then).
 */
function previousRound(overrides: Partial<Round> = {}): Round {
  return closedRound({
    id: 'round-1',
    title: 'Najaar 2025',
    state: 'published',
    closedAt: new Date('2025-11-14T09:00:15.000Z'),
    publishedAt: new Date('2025-11-15T10:00:00.000Z'),
    ...overrides,
  });
}
const previousResponses = () => [
  response('PKEY1', { 'X-s1': 3, 'X-s2': 3, 'Y-s1': 4, 'Y-s2': 4 }, { roundId: 'round-1' }),
  response('PKEY2', { 'X-s1': 3, 'X-s2': 3, 'Y-s1': 4, 'Y-s2': 4 }, { roundId: 'round-1' }),
  response('PKEY3', { 'X-s1': 3, 'X-s2': 3 }, { roundId: 'round-1', sections: ['X'] }),
];

const current = (previous?: PreviousRound) =>
  buildSummary({ round: closedRound(), responses: mainResponses(), progress: MAIN_PROGRESS, quotes: [], previous, now: FIXTURE_NOW });

describe('trend', () => {
  const expected = {
    comparable: true,
    previous: { roundId: 'round-1', title: 'Najaar 2025', closedAt: '2025-11-14T09:00:15.000Z' },
    dimensions: [
      // X now 47/14 (see build-summary.spec), then 3 → change 47/14 − 42/14 = 5/14 ≈ +0.36.
      { dimensionId: 'X', change: { status: 'shown', previousMean: 3, currentMean: 47 / 14, change: 47 / 14 - 3 } },
      // Y then had 2 respondents (< k): no change is shown, though Y is shown now.
      { dimensionId: 'Y', change: { status: 'withheld', reason: 'too_few' } },
    ],
  };

  it('compares with a previous round given with its responses', () => {
    expect(current({ round: previousRound(), responses: previousResponses() }).trend).toEqual(expected);
  });

  it('compares with a previous round given as its stored summary, after a trip through JSON', () => {
    const before = buildSummary({ round: previousRound(), responses: previousResponses(), progress: MAIN_PROGRESS, quotes: [], now: FIXTURE_NOW });
    const stored = JSON.parse(JSON.stringify(before));
    expect(current({ summary: stored }).trend).toEqual(expected);
  });

  it('withholds the change where the current round withholds the dimension', () => {
    // Now only RKEY1 and RKEY2 (2 < 3): X is withheld now, though shown before.
    const s = buildSummary({
      round: closedRound(),
      responses: mainResponses().slice(0, 2),
      progress: MAIN_PROGRESS,
      quotes: [],
      previous: { round: previousRound(), responses: previousResponses() },
      now: FIXTURE_NOW,
    });
    expect(s.trend).toMatchObject({ comparable: true, dimensions: [{ dimensionId: 'X', change: { status: 'withheld', reason: 'too_few' } }, { dimensionId: 'Y', change: { status: 'withheld' } }] });
  });

  it('has no trend against a round with other dimensions', () => {
    const other = previousRound({ dimensionIds: ['X'] });
    expect(current({ round: other, responses: previousResponses() }).trend).toEqual({ comparable: false, reason: 'different_dimensions' });
  });

  it('has no trend against a round of another depth', () => {
    const quick = previousRound({ depth: 'quick' });
    expect(current({ round: quick, responses: previousResponses() }).trend).toEqual({ comparable: false, reason: 'different_depth' });
  });

  it('has no trend against a round on another scale', () => {
    const q = closedRound().questionnaire;
    const shifted = { ...q, scale: { ...q.scale, points: q.scale.points.map((p) => ({ ...p, value: p.value - 1 })) } };
    expect(current({ round: previousRound({ questionnaire: shifted }), responses: [] }).trend).toEqual({ comparable: false, reason: 'different_scale' });
  });

  it('does not compare a round with itself', () => {
    expect(current({ round: closedRound(), responses: mainResponses() }).trend).toEqual({ comparable: false, reason: 'no_previous' });
  });

  it('compares regardless of the order the dimensions were listed in', () => {
    const reordered = previousRound({ dimensionIds: ['Y', 'X'] });
    expect(current({ round: reordered, responses: previousResponses() }).trend).toMatchObject({ comparable: true });
  });
});
