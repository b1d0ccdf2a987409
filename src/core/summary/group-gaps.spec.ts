import { withheld } from '../anonymity';
import { GAP_THRESHOLD, largestGaps, MAX_GAP_CALLOUTS } from './group-gaps';
import type { GroupComparison, ScaleFigure } from './model';

const label = (id: string) => ({ nl: id, en: id });
const fig = (mean: number): ScaleFigure => ({
  status: 'shown',
  n: 5,
  answers: 5,
  mean,
  median: mean,
  sd: 0,
  distribution: [],
  bandShares: { below: 0, approaching: 0, meeting: 0, exceeding: 0 },
  band: 'meeting',
});
const comparison = (dimensionId: string, groups: [string, number | null][]): GroupComparison => ({
  dimensionId,
  groups: groups.map(([groupId, mean]) => ({ groupId, label: label(groupId), figure: mean === null ? withheld() : fig(mean) })),
});

describe('largestGaps', () => {
  it('uses a threshold of one scale point and at most three callouts', () => {
    expect(GAP_THRESHOLD).toBe(1);
    expect(MAX_GAP_CALLOUTS).toBe(3);
  });

  it('counts a difference of exactly one point despite floating-point noise', () => {
    // 2.3 − 1.3 = 0.9999999999999998 in floating point.
    const gaps = largestGaps([comparison('A', [['leadership', 2.3], ['teacher', 1.3]])]);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ dimensionId: 'A', higher: { groupId: 'leadership', mean: 2.3 }, lower: { groupId: 'teacher', mean: 1.3 } });
  });

  it('ignores differences below the threshold and withheld figures', () => {
    expect(largestGaps([comparison('A', [['leadership', 4.9], ['teacher', 3.95]])])).toEqual([]);
    expect(largestGaps([comparison('A', [['leadership', 6], ['teacher', null]])])).toEqual([]);
  });

  it('orders the higher group first whatever the input order', () => {
    const [gap] = largestGaps([comparison('A', [['care-team', 2], ['teacher', 4.5]])]);
    expect([gap!.higher.groupId, gap!.lower.groupId, gap!.difference]).toEqual(['teacher', 'care-team', 2.5]);
  });

  it('lists every qualifying pair, largest first, capped at three; ties keep dimension order', () => {
    const gaps = largestGaps([
      // A: 5 − 2 = 3, 5 − 3.5 = 1.5, 3.5 − 2 = 1.5
      comparison('A', [['care-team', 5], ['leadership', 3.5], ['teacher', 2]]),
      // B: 4 − 2.5 = 1.5 (tie with A's 1.5s, comes after them)
      comparison('B', [['leadership', 4], ['teacher', 2.5]]),
      // C: 6 − 1 = 5
      comparison('C', [['leadership', 1], ['teacher', 6]]),
    ]);
    expect(gaps.map((g) => [g.dimensionId, g.higher.groupId, g.lower.groupId, g.difference])).toEqual([
      ['C', 'teacher', 'leadership', 5],
      ['A', 'care-team', 'teacher', 3],
      ['A', 'care-team', 'leadership', 1.5],
    ]);
  });
});
