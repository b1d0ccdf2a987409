import { dimensionStats, groupBreakdown, statementStats, type AnswerSet } from './aggregation';
import { findItem, validateAnswer } from './answers';
import { SurveyError } from './errors';
import { countNoView, NO_VIEW } from './no-view';
import { makeRound } from './testing/fixtures';

/**
 * "Geen zicht op" in every figure, against numbers worked out by hand. The tiny questionnaire's
 * scale: 1–2 below, 3 approaching, 4 meeting, 5–6 exceeding.
 */
const detailed = makeRound({ depth: 'detailed', anonymityThreshold: 5 });
const nv = NO_VIEW as unknown as number;

/**
 * Eight people on X (statements X-s1..X-s3):
 *   X-s1: 6, 5, 5, 4, 4, nv, nv, nv  → 5 scale answers (k = 5 met), 3 "geen zicht" of 8
 *   X-s2: 2, 3, nv, nv, nv, nv, 4, 1 → 4 scale answers: withheld, 4 of 8 "geen zicht"
 *   X-s3: not answered by the last two → 6 answers: 3, 3, 3, 3, 3, nv
 */
const people: AnswerSet[] = [
  { answers: { 'X-s1': 6, 'X-s2': 2, 'X-s3': 3 }, group: 'teacher' },
  { answers: { 'X-s1': 5, 'X-s2': 3, 'X-s3': 3 }, group: 'teacher' },
  { answers: { 'X-s1': 5, 'X-s2': nv, 'X-s3': 3 }, group: 'teacher' },
  { answers: { 'X-s1': 4, 'X-s2': nv, 'X-s3': 3 }, group: 'teacher' },
  { answers: { 'X-s1': 4, 'X-s2': nv, 'X-s3': 3 }, group: 'teacher' },
  { answers: { 'X-s1': nv, 'X-s2': nv, 'X-s3': nv }, group: 'care-team' },
  { answers: { 'X-s1': nv, 'X-s2': 4 }, group: 'care-team' },
  { answers: { 'X-s1': nv, 'X-s2': 1 }, group: 'care-team' },
];

describe('"geen zicht op" in the figures', () => {
  const byId = Object.fromEntries(statementStats(detailed, people).filter((s) => s.dimensionId === 'X').map((s) => [s.statementId, s]));

  it('leaves it out of the mean, median, spread, distribution and bands of a statement', () => {
    const s1 = byId['X-s1']!;
    expect(s1.figure.status).toBe('shown');
    if (s1.figure.status !== 'shown') return;
    // (6 + 5 + 5 + 4 + 4) / 5 = 24 / 5 = 4.8; sorted 4 4 [5] 5 6 → median 5
    expect(s1.figure.mean).toBeCloseTo(4.8, 10);
    expect(s1.figure.median).toBe(5);
    // deviations 1.2, .2, .2, −.8, −.8 → squares 1.44 + .04 + .04 + .64 + .64 = 2.8; /5 = .56
    expect(s1.figure.sd).toBeCloseTo(Math.sqrt(0.56), 10);
    expect(s1.figure.n).toBe(5);
    expect(s1.figure.answers).toBe(5);
    expect(s1.figure.distribution).toEqual({ 1: 0, 2: 0, 3: 0, 4: 2, 5: 2, 6: 1 });
    // exceeding 3 of 5, meeting 2 of 5
    expect(s1.figure.bandShares.below + s1.figure.bandShares.approaching).toBe(0);
    expect(s1.figure.bandShares.meeting).toBeCloseTo(0.4, 10);
    expect(s1.figure.bandShares.exceeding).toBeCloseTo(0.6, 10);
    expect(s1.figure.band).toBe('exceeding'); // 4.8 is nearest 5
    expect(s1.noView).toEqual({ noView: 3, answered: 8 });
  });

  it('applies k to the scale answers that remain, and still counts "geen zicht"', () => {
    // X-s2: 2, 3, 4, 1 are four scale answers: fewer than k = 5, so withheld, though eight people answered.
    expect(byId['X-s2']!.figure).toEqual({ status: 'withheld', reason: 'too_few' });
    expect(byId['X-s2']!.noView).toEqual({ noView: 4, answered: 8 });
    // X-s3: five 3s and one "geen zicht"; the two who skipped it are not counted at all.
    const s3 = byId['X-s3']!;
    expect(s3.figure.status === 'shown' && s3.figure.mean).toBe(3);
    expect(s3.noView).toEqual({ noView: 1, answered: 6 });
  });

  it('pools only scale answers into the dimension score and counts "geen zicht" per dimension', () => {
    const x = dimensionStats(detailed, people).find((d) => d.dimensionId === 'X')!;
    // Scale answers: X-s1 24 (5), X-s2 2+3+4+1 = 10 (4), X-s3 15 (5) → 49 / 14 = 3.5
    expect(x.score.status === 'shown' && x.score.mean).toBeCloseTo(49 / 14, 10);
    expect(x.score.status === 'shown' && x.score.answers).toBe(14);
    // People with at least one scale answer: all but the sixth → 7
    expect(x.score.status === 'shown' && x.score.n).toBe(7);
    // "Geen zicht": 3 + 4 + 1 = 8 of 8 + 8 + 6 = 22 answers
    expect(x.noView).toEqual({ noView: 8, answered: 22 });
  });

  it('leaves a person who only said "geen zicht" out of the group comparison', () => {
    // k = 3. Counted as a member, the sixth person would make care-team 3 and both groups would
    // show. With no scale answer they are not counted: care-team has 2 (withheld), and teacher is
    // then withheld too (it would equal the total minus care-team).
    const k3 = makeRound({ depth: 'detailed', anonymityThreshold: 3 });
    expect(groupBreakdown(k3, people, 'X').groups).toEqual([]);
    // One more care-team member with a scale answer brings the group to 3: both groups show.
    const more = [...people, { answers: { 'X-s1': 2 }, group: 'care-team' }];
    const groups = groupBreakdown(k3, more, 'X').groups;
    expect(groups.map((g) => g.groupId).sort()).toEqual(['care-team', 'teacher']);
    const teacher = groups.find((g) => g.groupId === 'teacher')!.figure;
    // teachers: 6 5 5 4 4 | 2 3 | 3 3 3 3 3 → 24 + 5 + 15 = 44 over 12 answers
    expect(teacher.status === 'shown' && teacher.mean).toBeCloseTo(44 / 12, 10);
    // care-team: 4 1 (seventh) + 2 (ninth) → 7 / 3
    const care = groups.find((g) => g.groupId === 'care-team')!.figure;
    expect(care.status === 'shown' && care.mean).toBeCloseTo(7 / 3, 10);
  });

  it('counts only "geen zicht" and scale numbers as answers', () => {
    expect(countNoView([{ answers: { a: NO_VIEW, b: 3, c: 'text' } }], ['a', 'b', 'c', 'd'])).toEqual({ noView: 1, answered: 2 });
  });
});

describe('"geen zicht op" as an answer', () => {
  it('is a valid answer to a statement and satisfies its being required', () => {
    expect(validateAnswer(detailed, findItem(detailed, 'X-s1'), NO_VIEW)).toBe(NO_VIEW);
  });

  it('is not an answer to a global judgement', () => {
    expect(() => validateAnswer(detailed, findItem(detailed, 'X-global'), NO_VIEW)).toThrow(SurveyError);
  });
});
