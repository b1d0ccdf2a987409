import {
  allocationMeans,
  bandOf,
  dimensionStats,
  globalAgreement,
  groupBreakdown,
  median,
  scaleStats,
  statementStats,
  strongestAndWeakest,
  UNDECLARED_GROUP,
  type AnswerSet,
  type ScaleStats,
  type StatementFigure,
} from './aggregation';
import type { Figure } from './anonymity';
import { makeRound, tinyQuestionnaire } from './testing/fixtures';

// Tiny questionnaire scale: 1–2 below, 3 approaching, 4 meeting, 5–6 exceeding; 4–6 agree.
const q = tinyQuestionnaire();
const scale = q.scale;
const detailed = makeRound({ depth: 'detailed', anonymityThreshold: 5 });
const quick = makeRound({ depth: 'quick', anonymityThreshold: 5 });

function shown<T>(figure: Figure<T>): T {
  if (figure.status !== 'shown') throw new Error(`expected a shown figure, got ${JSON.stringify(figure)}`);
  return figure;
}

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the two middle values of an even count', () => {
    expect(median([5, 1, 6, 2, 6])).toBe(5); // sorted 1 2 [5] 6 6
    expect(median([4, 1, 3, 2])).toBe(2.5); // sorted 1 [2 3] 4 → (2 + 3) / 2
    expect(median([3])).toBe(3);
  });
});

describe('bandOf', () => {
  it('takes the band of the nearest scale point, ties going up', () => {
    expect(bandOf(scale, 1.2)).toBe('below'); // nearest 1
    expect(bandOf(scale, 2.5)).toBe('approaching'); // 2 and 3 equally near → 3
    expect(bandOf(scale, 3.4)).toBe('approaching'); // nearest 3
    expect(bandOf(scale, 3.5)).toBe('meeting'); // 3 and 4 equally near → 4
    expect(bandOf(scale, 4.49)).toBe('meeting'); // nearest 4
    expect(bandOf(scale, 4.5)).toBe('exceeding'); // 4 and 5 → 5
  });
});

describe('scaleStats', () => {
  it('computes mean, odd median, population sd, distribution with zeros and band shares', () => {
    // values 1 2 6 6 5: sum 20, mean 4; sorted 1 2 5 6 6 → median 5.
    // squared deviations 9 4 4 4 1 = 22; population variance 22 / 5 = 4.4; sd √4.4.
    const s = scaleStats(scale, [1, 2, 6, 6, 5], 5);
    expect(s.n).toBe(5);
    expect(s.answers).toBe(5);
    expect(s.mean).toBe(4);
    expect(s.median).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(4.4), 12);
    expect(s.sd).toBeCloseTo(2.0976, 4);
    expect(s.distribution).toEqual({ 1: 1, 2: 1, 3: 0, 4: 0, 5: 1, 6: 2 });
    // below: 1 and 2 → 2/5; approaching: 3 → 0; meeting: 4 → 0; exceeding: 5, 6, 6 → 3/5.
    expect(s.bandShares.below).toBeCloseTo(0.4, 12);
    expect(s.bandShares.approaching).toBe(0);
    expect(s.bandShares.meeting).toBe(0);
    expect(s.bandShares.exceeding).toBeCloseTo(0.6, 12);
    expect(s.band).toBe('meeting'); // mean 4
  });

  it('computes the even median and the band of a mean between two points', () => {
    // values 1 2 3 4: mean 10 / 4 = 2.5; median (2 + 3) / 2 = 2.5;
    // squared deviations 2.25 0.25 0.25 2.25 = 5; variance 5 / 4 = 1.25; sd √1.25.
    const s = scaleStats(scale, [1, 2, 3, 4], 2);
    expect(s.mean).toBe(2.5);
    expect(s.median).toBe(2.5);
    expect(s.sd).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(s.band).toBe('approaching'); // 2.5 is between 2 (below) and 3 (approaching): up
    // n is the respondent count passed in, answers the number of values.
    expect(s.n).toBe(2);
    expect(s.answers).toBe(4);
  });

  it('puts a mean of exactly 3.5 in the band "meeting"', () => {
    // 3 3 4 4: mean 14 / 4 = 3.5; median (3 + 4) / 2 = 3.5; every deviation is 0.5 → sd 0.5.
    const s = scaleStats(scale, [3, 4, 3, 4], 4);
    expect(s.mean).toBe(3.5);
    expect(s.median).toBe(3.5);
    expect(s.sd).toBe(0.5);
    expect(s.band).toBe('meeting');
    expect(s.bandShares).toEqual({ below: 0, approaching: 0.5, meeting: 0.5, exceeding: 0 });
  });

  it('gives sd 0 when everyone agrees', () => {
    const s = scaleStats(scale, [6, 6, 6], 3);
    expect(s).toMatchObject({ mean: 6, median: 6, sd: 0, band: 'exceeding', bandShares: { below: 0, approaching: 0, meeting: 0, exceeding: 1 } });
  });
});

/**
 * Five respondents of a detailed round over X (X-s1..X-s3) and Y (Y-s1, Y-s2), k = 5:
 *
 *        X-s1 X-s2 X-s3 X-global  Y-s1 Y-s2
 *   r1     6    5    4     5        2    3
 *   r2     5    5    3     4        1    –
 *   r3     6    4    2     3        2    2
 *   r4     4    6    3     2        3    4
 *   r5     5    5    1     6        –    –      (r5 never reached Y)
 */
const five: AnswerSet[] = [
  { answers: { 'X-s1': 6, 'X-s2': 5, 'X-s3': 4, 'X-global': 5, 'Y-s1': 2, 'Y-s2': 3, 'X-strengths': 'goed overleg' }, group: 'teacher' },
  { answers: { 'X-s1': 5, 'X-s2': 5, 'X-s3': 3, 'X-global': 4, 'Y-s1': 1 }, group: 'teacher' },
  { answers: { 'X-s1': 6, 'X-s2': 4, 'X-s3': 2, 'X-global': 3, 'Y-s1': 2, 'Y-s2': 2 }, group: 'teacher' },
  { answers: { 'X-s1': 4, 'X-s2': 6, 'X-s3': 3, 'X-global': 2, 'Y-s1': 3, 'Y-s2': 4 }, group: 'leadership' },
  { answers: { 'X-s1': 5, 'X-s2': 5, 'X-s3': 1, 'X-global': 6 } },
];
/** A sixth respondent who answered only Y: Y now has five people behind it. */
const six: AnswerSet[] = [...five, { answers: { 'Y-s1': 4, 'Y-s2': 5 }, group: 'care-team' }];

describe('statementStats', () => {
  it('computes every statement of a detailed round, withholding those with fewer than k respondents', () => {
    const figures = statementStats(detailed, five);
    expect(figures.map((f) => `${f.dimensionId}/${f.statementId}:${f.figure.status}`)).toEqual([
      'X/X-s1:shown',
      'X/X-s2:shown',
      'X/X-s3:shown',
      'Y/Y-s1:withheld', // 4 respondents
      'Y/Y-s2:withheld', // 3 respondents
    ]);
    // X-s1: 6 5 6 4 5 → sum 26, mean 5.2; sorted 4 5 5 6 6 → median 5;
    // deviations 0.8 −0.2 0.8 −1.2 −0.2 → squares 0.64 0.04 0.64 1.44 0.04 = 2.8; /5 = 0.56.
    const s1 = shown(figures[0]!.figure);
    expect(s1.n).toBe(5);
    expect(s1.mean).toBeCloseTo(5.2, 12);
    expect(s1.median).toBe(5);
    expect(s1.sd).toBeCloseTo(Math.sqrt(0.56), 12);
    expect(s1.distribution).toEqual({ 1: 0, 2: 0, 3: 0, 4: 1, 5: 2, 6: 2 });
    expect(s1.band).toBe('exceeding');
    // X-s3: 4 3 2 3 1 → sum 13, mean 2.6 (nearest point 3 → approaching); sorted 1 2 3 3 4 → median 3;
    // deviations 1.4 0.4 −0.6 0.4 −1.6 → squares 1.96 0.16 0.36 0.16 2.56 = 5.2; /5 = 1.04.
    const s3 = shown(figures[2]!.figure);
    expect(s3.mean).toBeCloseTo(2.6, 12);
    expect(s3.median).toBe(3);
    expect(s3.sd).toBeCloseTo(Math.sqrt(1.04), 12);
    expect(s3.band).toBe('approaching');
    expect(figures[3]!.figure).toEqual({ status: 'withheld', reason: 'too_few' });
  });

  it('shows a statement at exactly k respondents', () => {
    const figures = statementStats(detailed, six);
    // Y-s1: 2 1 2 3 4 → 5 people, sum 12, mean 2.4. Y-s2: 3 2 4 5 → 4 people: still withheld.
    const y1 = shown(figures.find((f) => f.statementId === 'Y-s1')!.figure);
    expect(y1.n).toBe(5);
    expect(y1.mean).toBeCloseTo(2.4, 12);
    expect(figures.find((f) => f.statementId === 'Y-s2')!.figure.status).toBe('withheld');
  });

  it('returns nothing for a quick round (statements are not asked)', () => {
    expect(statementStats(quick, five)).toEqual([]);
  });

  it('withholds everything at k − 1 and shows at k with a different threshold', () => {
    // With k = 6 the five respondents of X are one too few.
    expect(statementStats(makeRound({ anonymityThreshold: 6 }), five).every((f) => f.figure.status === 'withheld')).toBe(true);
    expect(statementStats(makeRound({ anonymityThreshold: 4 }), five).map((f) => f.figure.status)).toEqual(['shown', 'shown', 'shown', 'shown', 'withheld']);
  });
});

describe('dimensionStats', () => {
  it('pools a detailed dimension’s statements and counts people, not answers', () => {
    const [x, y] = dimensionStats(detailed, five);
    // X: 15 answers from 5 people; sum 26 + 25 + 13 = 64 → mean 64 / 15 ≈ 4.2667 → nearest 4 → meeting.
    const xs = shown(x!.score);
    expect(x!.dimensionId).toBe('X');
    expect(xs.n).toBe(5);
    expect(xs.answers).toBe(15);
    expect(xs.mean).toBeCloseTo(64 / 15, 12);
    // The fifteen values 6 5 4 | 5 5 3 | 6 4 2 | 4 6 3 | 5 5 1,
    // sorted 1 2 3 3 4 4 4 5 5 5 5 5 6 6 6 → the 8th is 5.
    expect(xs.median).toBe(5);
    expect(xs.distribution).toEqual({ 1: 1, 2: 1, 3: 2, 4: 3, 5: 5, 6: 3 });
    expect(xs.band).toBe('meeting');
    // Y: 7 answers (2 3 | 1 | 2 2 | 3 4) but only 4 people → withheld although 7 ≥ 5.
    expect(y!.score).toEqual({ status: 'withheld', reason: 'too_few' });
  });

  it('computes the share of agreement on the global judgement (points 4–6 agree)', () => {
    const [x, y] = dimensionStats(detailed, five);
    // X-global: 5 4 3 2 6 → agreeing 5, 4, 6 → 3 / 5 = 0.6.
    expect(x!.agreement).toEqual({ status: 'shown', n: 5, share: 0.6 });
    // Nobody gave Y a global judgement.
    expect(y!.agreement).toEqual({ status: 'withheld', reason: 'too_few' });
  });

  it('shows Y once a fifth person answered it', () => {
    const y = shown(dimensionStats(detailed, six)[1]!.score);
    // 2 3 | 1 | 2 2 | 3 4 | 4 5 → 9 answers, sum 26, mean 26 / 9; sorted 1 2 2 2 3 3 4 4 5 → median 3.
    expect(y.n).toBe(5);
    expect(y.answers).toBe(9);
    expect(y.mean).toBeCloseTo(26 / 9, 12);
    expect(y.median).toBe(3);
    expect(y.distribution).toEqual({ 1: 1, 2: 3, 3: 2, 4: 2, 5: 1, 6: 0 });
    // below 4/9 (1 2 2 2), approaching 2/9, meeting 2/9, exceeding 1/9.
    expect(y.bandShares.below).toBeCloseTo(4 / 9, 12);
    expect(y.bandShares.approaching).toBeCloseTo(2 / 9, 12);
    expect(y.bandShares.meeting).toBeCloseTo(2 / 9, 12);
    expect(y.bandShares.exceeding).toBeCloseTo(1 / 9, 12);
    expect(y.band).toBe('approaching'); // 2.89 → nearest 3
  });

  it('scores a quick round by the global judgement only', () => {
    const [x, y] = dimensionStats(quick, five);
    // X-global: 5 4 3 2 6 → mean 20 / 5 = 4; sorted 2 3 4 5 6 → median 4;
    // squared deviations 1 0 1 4 4 = 10; /5 = 2 → sd √2. Statement answers are ignored.
    const xs = shown(x!.score);
    expect(xs).toMatchObject({ n: 5, answers: 5, mean: 4, median: 4, band: 'meeting' });
    expect(xs.sd).toBeCloseTo(Math.SQRT2, 12);
    expect(x!.agreement).toEqual({ status: 'shown', n: 5, share: 0.6 });
    expect(y!.score.status).toBe('withheld');
  });

  it('covers only the round’s dimensions', () => {
    expect(dimensionStats(makeRound({ dimensionIds: ['Y'] }), six).map((d) => d.dimensionId)).toEqual(['Y']);
  });
});

describe('"geen zicht" counts', () => {
  const noView = (n: number, rest: number): AnswerSet[] => [
    ...Array.from({ length: n }, () => ({ answers: { 'X-s1': 'no_view' as const, 'X-s2': 4, 'X-s3': 4 } })),
    ...Array.from({ length: rest }, () => ({ answers: { 'X-s1': 5, 'X-s2': 4, 'X-s3': 4 } })),
  ];

  it('are withheld like any figure when fewer than k people answered: "2 van 3: geen zicht" would tell about 3 people', () => {
    const x1 = statementStats(detailed, noView(2, 1)).find((f) => f.statementId === 'X-s1')!;
    expect(x1.figure.status).toBe('withheld');
    expect(x1.noView).toBeUndefined();
    expect(dimensionStats(detailed, noView(2, 1))[0]!.noView).toBeUndefined();
  });

  it('are shown from k people on, also beside a withheld figure (the scale answers of 4 of 5 are too few)', () => {
    const x1 = statementStats(detailed, noView(2, 3)).find((f) => f.statementId === 'X-s1')!;
    expect(x1.noView).toEqual({ noView: 2, answered: 5 });
    expect(statementStats(detailed, noView(1, 4)).find((f) => f.statementId === 'X-s1')!.figure.status).toBe('withheld');
    // Over the dimension: answers, not people (15 from 5 people); the guard counts the people.
    expect(dimensionStats(detailed, noView(2, 3))[0]!.noView).toEqual({ noView: 2, answered: 15 });
    expect(dimensionStats(detailed, noView(1, 3))[0]!.noView).toBeUndefined();
  });
});

describe('globalAgreement', () => {
  it('counts points 4, 5 and 6 as agreeing', () => {
    // 1 2 3 4 5 6 → three of six agree → 0.5.
    const many: AnswerSet[] = [1, 2, 3, 4, 5, 6].map((v) => ({ answers: { 'X-global': v } }));
    expect(globalAgreement(scale, many, 'X-global', 5)).toEqual({ status: 'shown', n: 6, share: 0.5 });
    // 4 4 4 4 3 → 4 / 5 = 0.8.
    const mostly: AnswerSet[] = [4, 4, 4, 4, 3].map((v) => ({ answers: { 'X-global': v } }));
    expect(globalAgreement(scale, mostly, 'X-global', 5)).toEqual({ status: 'shown', n: 5, share: 0.8 });
  });

  it('withholds the share below k and ignores people who did not answer', () => {
    const four: AnswerSet[] = [6, 6, 6, 6].map((v) => ({ answers: { 'X-global': v } }));
    const withSilent = [...four, { answers: { 'X-s1': 5 } }, { answers: { 'X-global': 'x' as unknown as number } }];
    expect(globalAgreement(scale, withSilent, 'X-global', 5)).toEqual({ status: 'withheld', reason: 'too_few' });
  });
});

describe('strongestAndWeakest', () => {
  const fig = (statementId: string, mean: number | null): StatementFigure => ({
    statementId,
    dimensionId: 'X',
    figure: mean === null ? { status: 'withheld', reason: 'too_few' } : ({ status: 'shown', mean } as Figure<ScaleStats>),
    noView: { noView: 0, answered: 0 },
  });
  const ids = (list: StatementFigure[]) => list.map((f) => f.statementId);

  it('takes the three best and the three worst, weakest first', () => {
    const figures = [fig('s1', 4.1), fig('s2', 5.2), fig('s3', 2.0), fig('s4', 3.3), fig('s5', 4.8), fig('s6', 1.5), fig('s7', 3.9), fig('s8', 2.7)];
    // Ranked: s2 5.2, s5 4.8, s1 4.1, s7 3.9, s4 3.3, s8 2.7, s3 2.0, s6 1.5.
    const { strongest, weakest } = strongestAndWeakest(figures);
    expect(ids(strongest)).toEqual(['s2', 's5', 's1']);
    expect(ids(weakest)).toEqual(['s6', 's3', 's8']);
  });

  it('skips withheld statements', () => {
    const figures = [fig('s1', 6), fig('s2', null), fig('s3', 1), fig('s4', 5), fig('s5', 2), fig('s6', 4), fig('s7', 3), fig('s8', null)];
    const { strongest, weakest } = strongestAndWeakest(figures);
    expect(ids(strongest)).toEqual(['s1', 's4', 's6']);
    expect(ids(weakest)).toEqual(['s3', 's5', 's7']);
  });

  it('never lists a statement on both sides when there are few', () => {
    // 5 shown → at most ⌊5 / 2⌋ = 2 per side; s3 (the middle) is on neither.
    const five = [fig('s1', 5), fig('s2', 4), fig('s3', 3), fig('s4', 2), fig('s5', 1)];
    expect(ids(strongestAndWeakest(five).strongest)).toEqual(['s1', 's2']);
    expect(ids(strongestAndWeakest(five).weakest)).toEqual(['s5', 's4']);
    // 3 shown → 1 per side.
    expect(strongestAndWeakest([fig('a', 2), fig('b', 3), fig('c', 4)])).toEqual({ strongest: [fig('c', 4)], weakest: [fig('a', 2)] });
    // 1 shown → nothing; all equal → still disjoint.
    expect(strongestAndWeakest([fig('a', 4), fig('b', null)])).toEqual({ strongest: [], weakest: [] });
    const equal = strongestAndWeakest([fig('a', 4), fig('b', 4), fig('c', 4), fig('d', 4)]);
    expect(ids(equal.strongest)).toEqual(['a', 'b']);
    expect(ids(equal.weakest)).toEqual(['c', 'd']);
  });

  it('keeps questionnaire order among ties on both sides', () => {
    // Ranked (stable): s2 5, s4 5, s1 4, s6 4, s3 3, s7 3, s5 2.
    const figures = [fig('s1', 4), fig('s2', 5), fig('s3', 3), fig('s4', 5), fig('s5', 2), fig('s6', 4), fig('s7', 3)];
    const { strongest, weakest } = strongestAndWeakest(figures);
    expect(ids(strongest)).toEqual(['s2', 's4', 's1']);
    // Weakest first: s5 (2), then the tied s3 and s7 (3) in questionnaire order.
    expect(ids(weakest)).toEqual(['s5', 's3', 's7']);
  });

  it('honours a different count', () => {
    const figures = [fig('s1', 1), fig('s2', 2), fig('s3', 3), fig('s4', 4), fig('s5', 5), fig('s6', 6)];
    expect(ids(strongestAndWeakest(figures, 1).strongest)).toEqual(['s6']);
    expect(ids(strongestAndWeakest(figures, 1).weakest)).toEqual(['s1']);
  });
});

describe('groupBreakdown', () => {
  const people = (group: string | undefined, values: number[]): AnswerSet[] =>
    values.map((v) => ({ answers: { 'X-global': v }, ...(group ? { group } : {}) }));

  it('shows each group of at least k with its own figures', () => {
    const responses = [
      ...people('teacher', [4, 4, 5, 5, 6, 6]),
      ...people('leadership', [2, 2, 3, 3, 5]),
      // Answered something else but not X: not counted for X at all.
      { answers: { 'Y-global': 4 }, group: 'care-team' },
    ];
    const breakdown = groupBreakdown(quick, responses, 'X');
    expect(breakdown.dimensionId).toBe('X');
    expect(breakdown.withheld).toEqual({});
    expect(breakdown.groups.map((g) => g.groupId)).toEqual(['leadership', 'teacher']);
    // leadership: 2 2 3 3 5 → mean 15 / 5 = 3, median 3; squared deviations 1 1 0 0 4 = 6; /5 = 1.2.
    const leadership = shown(breakdown.groups[0]!.figure);
    expect(leadership).toMatchObject({ n: 5, mean: 3, median: 3, band: 'approaching' });
    expect(leadership.sd).toBeCloseTo(Math.sqrt(1.2), 12);
    // teacher: 4 4 5 5 6 6 → mean 30 / 6 = 5, median (5 + 5) / 2 = 5; squares 1 1 0 0 1 1 = 4; /6.
    const teacher = shown(breakdown.groups[1]!.figure);
    expect(teacher).toMatchObject({ n: 6, mean: 5, median: 5, band: 'exceeding' });
    expect(teacher.sd).toBeCloseTo(Math.sqrt(4 / 6), 12);
  });

  it('withholds the teachers when the two leaders could be worked out by subtraction', () => {
    // k = 5: 12 respondents = 10 teachers + 2 leaders; 12 − 10 = 2.
    const responses = [...people('teacher', [4, 4, 4, 4, 4, 5, 5, 5, 5, 5]), ...people('leadership', [1, 1])];
    expect(groupBreakdown(quick, responses, 'X')).toEqual({
      dimensionId: 'X',
      groups: [],
      withheld: { teacher: 'derivable', leadership: 'too_few' },
    });
  });

  it('counts undeclared respondents in the total but never shows them as a group', () => {
    const fewUndeclared = [...people('teacher', [4, 4, 4, 4, 4, 4, 4, 4]), ...people(undefined, [1, 1, 1])];
    expect(groupBreakdown(quick, fewUndeclared, 'X')).toEqual({
      dimensionId: 'X',
      groups: [],
      withheld: { teacher: 'derivable', [UNDECLARED_GROUP]: 'too_few' },
    });
    const manyUndeclared = [...people('teacher', [4, 4, 4, 4, 4, 4, 4, 4]), ...people(undefined, [1, 1, 1, 1, 1, 1])];
    const breakdown = groupBreakdown(quick, manyUndeclared, 'X');
    expect(breakdown.groups.map((g) => g.groupId)).toEqual(['teacher']);
    expect(shown(breakdown.groups[0]!.figure)).toMatchObject({ n: 8, mean: 4 });
  });

  it('uses the statements in a detailed round', () => {
    // Five teachers and five leaders each answering X-s1 only (no global judgement).
    const responses = [
      ...[6, 6, 6, 6, 6].map((v) => ({ answers: { 'X-s1': v }, group: 'teacher' })),
      ...[1, 2, 3, 4, 5].map((v) => ({ answers: { 'X-s1': v }, group: 'leadership' })),
    ];
    const breakdown = groupBreakdown(detailed, responses, 'X');
    expect(breakdown.groups.map((g) => [g.groupId, shown(g.figure).mean])).toEqual([
      ['leadership', 3], // 15 / 5
      ['teacher', 6],
    ]);
  });

  it('refuses a dimension that is not in the round', () => {
    expect(() => groupBreakdown(makeRound({ dimensionIds: ['X'] }), [], 'Y')).toThrow();
  });
});

describe('allocationMeans', () => {
  const allocations: AnswerSet[] = [
    { answers: { R2: { career: 1, learning: 2 } } },
    { answers: { R2: { career: 0.5, learning: 0 } } },
    { answers: { R2: { career: 2, learning: 3 } } },
    { answers: { R2: { career: 0, learning: 0 } } },
    { answers: { R2: { career: 1.5, learning: 0.5 } } },
    // Did not answer question R2: does not count.
    { answers: { R1: 'geen tijd' } },
  ];

  it('averages days per domain over the people who answered', () => {
    // career 1 + 0.5 + 2 + 0 + 1.5 = 5 → 5 / 5 = 1; learning 2 + 0 + 3 + 0 + 0.5 = 5.5 → 1.1.
    const figure = shown(allocationMeans(detailed, allocations, 'R2'));
    expect(figure.n).toBe(5);
    expect(figure.means.career).toBeCloseTo(1, 12);
    expect(figure.means.learning).toBeCloseTo(1.1, 12);
    expect(Object.keys(figure.means)).toEqual(['career', 'learning']);
  });

  it('withholds the means below k', () => {
    expect(allocationMeans(detailed, allocations.slice(1), 'R2')).toEqual({ status: 'withheld', reason: 'too_few' });
  });
});
