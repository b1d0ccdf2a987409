import { guard, isShown, visibleGroups, withheld } from './anonymity';

const UNDECLARED = '_undeclared';

describe('guard', () => {
  it('withholds a figure from k − 1 respondents without computing it', () => {
    const compute = jest.fn(() => ({ mean: 4 }));
    expect(guard(4, 5, compute)).toEqual({ status: 'withheld', reason: 'too_few' });
    expect(compute).not.toHaveBeenCalled();
  });

  it('shows a figure from exactly k respondents', () => {
    const figure = guard(5, 5, () => ({ mean: 4 }));
    expect(figure).toEqual({ status: 'shown', mean: 4 });
    expect(isShown(figure)).toBe(true);
    expect(isShown(withheld())).toBe(false);
    expect(withheld('derivable')).toEqual({ status: 'withheld', reason: 'derivable' });
  });
});

describe('visibleGroups', () => {
  it('withholds a lone group of k − 1 and shows one of k', () => {
    expect(visibleGroups({ teacher: 4 }, 5)).toEqual({ shown: [], withheld: { teacher: 'too_few' } });
    expect(visibleGroups({ teacher: 5 }, 5)).toEqual({ shown: ['teacher'], withheld: {} });
  });

  it('shows two groups of exactly k', () => {
    expect(visibleGroups({ teacher: 5, leadership: 5 }, 5)).toEqual({ shown: ['leadership', 'teacher'], withheld: {} });
  });

  it('withholds a group that could be worked out by subtracting from the total', () => {
    // k = 5, total 12 = teachers 10 + leadership 2. Leadership (2) is too few; showing the
    // teachers next to the total would give leadership away: 12 − 10 = 2 < 5.
    expect(visibleGroups({ teacher: 10, leadership: 2 }, 5)).toEqual({
      shown: [],
      withheld: { leadership: 'too_few', teacher: 'derivable' },
    });
  });

  it('hides the smallest shown group until the remainder is at least k', () => {
    // Total 18; shown would be teacher 10 + leadership 6 = 16, remainder 2 (care-team) < 5.
    // Hiding leadership (the smallest shown) makes the remainder 2 + 6 = 8 ≥ 5.
    expect(visibleGroups({ teacher: 10, leadership: 6, 'care-team': 2 }, 5)).toEqual({
      shown: ['teacher'],
      withheld: { leadership: 'derivable', 'care-team': 'too_few' },
    });
    // Equal sizes: the tie is broken by id, so "a" goes first; remainder 2 + 5 = 7 ≥ 5.
    expect(visibleGroups({ a: 5, b: 5, c: 2 }, 5)).toEqual({ shown: ['b'], withheld: { a: 'derivable', c: 'too_few' } });
  });

  it('shows a group when the small groups together reach k', () => {
    // Remainder 3 + 2 = 5 ≥ 5: subtracting gives only the pooled five, never one small group.
    expect(visibleGroups({ teacher: 10, leadership: 3, 'care-team': 2 }, 5)).toEqual({
      shown: ['teacher'],
      withheld: { leadership: 'too_few', 'care-team': 'too_few' },
    });
  });

  it('counts respondents without a group in the total but never shows them', () => {
    // 8 teachers + 3 undeclared: 11 − 8 = 3 < 5, so the teachers would expose the undeclared three.
    expect(visibleGroups({ teacher: 8, [UNDECLARED]: 3 }, 5, [UNDECLARED])).toEqual({
      shown: [],
      withheld: { [UNDECLARED]: 'too_few', teacher: 'derivable' },
    });
    // 8 + 6: the remainder 6 ≥ 5 protects them; the undeclared are still not a group of their own.
    const result = visibleGroups({ teacher: 8, [UNDECLARED]: 6 }, 5, [UNDECLARED]);
    expect(result.shown).toEqual(['teacher']);
    expect(result.withheld[UNDECLARED]).toBeDefined();
  });

  it('shows nothing when the total is below k', () => {
    expect(visibleGroups({ teacher: 2, leadership: 2 }, 5)).toEqual({ shown: [], withheld: { teacher: 'too_few', leadership: 'too_few' } });
  });

  it('ignores empty groups when the total is large enough', () => {
    expect(visibleGroups({ teacher: 6, leadership: 0 }, 5)).toEqual({ shown: ['teacher'], withheld: {} });
  });

  it('applies the same rules at the minimum threshold 3', () => {
    // 3 + 3 + 1 = 7; remainder 1 < 3 → hide the smaller shown group by id order ("a"); remainder 4.
    expect(visibleGroups({ a: 3, b: 3, c: 1 }, 3)).toEqual({ shown: ['b'], withheld: { a: 'derivable', c: 'too_few' } });
  });
});
