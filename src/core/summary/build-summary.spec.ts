import type { Quote, SummaryRecord } from '../ports';
import type { RoundSummary, ScaleFigure } from './model';
import { buildSummary, type SummaryInput } from './build-summary';
import { extractQuotes } from './quotes';
import { closedRound, FIXTURE_NOW, MAIN_PROGRESS, mainResponses, response } from './__fixtures__/summary-fixture';

/** Quotes with a predictable order: 1, 2, 3… in extraction order. */
function quotesOf(input: Pick<SummaryInput, 'round' | 'responses'>): Quote[] {
  let rank = 0;
  return extractQuotes(input.round, input.responses, FIXTURE_NOW, () => ++rank);
}

function mainInput(overrides: Partial<SummaryInput> = {}): SummaryInput {
  const round = overrides.round ?? closedRound();
  const responses = overrides.responses ?? mainResponses();
  return { round, responses, progress: MAIN_PROGRESS, quotes: quotesOf({ round, responses }), now: FIXTURE_NOW, ...overrides };
}

function shown(f: ScaleFigure) {
  if (f.status !== 'shown') throw new Error(`expected a shown figure, got withheld (${f.reason})`);
  return f;
}

const dim = (s: RoundSummary, id: string) => s.dimensions.find((d) => d.dimensionId === id)!;

describe('buildSummary — the main scenario (k = 3)', () => {
  const summary = buildSummary(mainInput());

  it('describes the round with ISO dates', () => {
    expect(summary.version).toBe(1);
    expect(summary.round).toEqual({
      id: 'round-2',
      title: 'Voorjaar 2026',
      language: 'nl',
      depth: 'detailed',
      dimensionIds: ['X', 'Y'],
      includeReflection: true,
      moderation: true,
      anonymityThreshold: 3,
      questionnaire: { id: 'summary-fixture', version: 'test' },
      opensAt: '2026-03-02T09:00:00.000Z',
      closesAt: '2026-03-16T09:00:00.000Z',
      closedAt: '2026-03-16T09:00:15.000Z',
    });
    expect(summary.computedAt).toBe('2026-03-20T16:00:00.000Z');
  });

  it('computes the response rate from the participation counts', () => {
    // invited 10, completed 6 → 6/10 = 0.6; started 7 (includes completed) → 7 − 6 = 1 not finished.
    expect(summary.responseRate).toEqual({ invited: 10, completed: 6, startedNotCompleted: 1, optedOut: 0, undeliverable: 1, rate: 0.6 });
  });

  it('scores dimension X over all seven respondents who submitted it', () => {
    const x = shown(dim(summary, 'X').score);
    // Values: 5,4 | 6,5 | 4,4 | 3,2 | 2,3 | 3,3 | 1,2 → 14 answers from 7 people, sum 47.
    expect(x.n).toBe(7);
    expect(x.answers).toBe(14);
    expect(x.mean).toBeCloseTo(47 / 14, 12); // 3.357…
    // Sorted: 1,2,2,2,3,3,3,3,4,4,4,5,5,6 → 7th and 8th are 3 and 3.
    expect(x.median).toBe(3);
    // Σx² = 25+16+36+25+16+16+9+4+4+9+9+9+1+4 = 183; var = 183/14 − (47/14)² = (2562 − 2209)/196 = 353/196.
    expect(x.sd).toBeCloseTo(Math.sqrt(353) / 14, 12); // 1.342…
    expect(x.distribution.map((p) => [p.value, p.count])).toEqual([[1, 1], [2, 3], [3, 4], [4, 3], [5, 2], [6, 1]]);
    expect(x.distribution[2]!.share).toBeCloseTo(4 / 14, 12);
    expect(x.distribution.map((p) => p.band)).toEqual(['below', 'below', 'approaching', 'meeting', 'exceeding', 'exceeding']);
    // below = (1+3)/14, approaching = 4/14, meeting = 3/14, exceeding = (2+1)/14
    expect(x.bandShares.below).toBeCloseTo(4 / 14, 12);
    expect(x.bandShares.exceeding).toBeCloseTo(3 / 14, 12);
    // 3.357 is nearest to 3 → approaching.
    expect(x.band).toBe('approaching');
  });

  it('ignores answers of a section the respondent never submitted', () => {
    const y = shown(dim(summary, 'Y').score);
    // RKEY7's Y answers (6, 6) are a draft: Y has 6 respondents, 12 answers, sum 5+5+4+11+9+11 = 45.
    expect(y.n).toBe(6);
    expect(y.mean).toBeCloseTo(45 / 12, 12); // 3.75 → nearest point 4 → meeting
    expect(y.band).toBe('meeting');
    // Sorted: 2,2,2,2,3,3,4,5,5,5,6,6 → (3 + 4) / 2.
    expect(y.median).toBe(3.5);
    // Σx² = 4·4 + 2·9 + 16 + 3·25 + 2·36 = 197; var = (197·12 − 45²)/144 = 339/144.
    expect(y.sd).toBeCloseTo(Math.sqrt(339) / 12, 12);
    expect(y.distribution.map((p) => p.count)).toEqual([0, 4, 2, 1, 3, 2]);
  });

  it('gives the global-judgement agreement, withheld where fewer than k answered it', () => {
    // X-global: 5, 4, 3 → 3 answers (= k), agreeing (4–6): 2 → 2/3.
    expect(dim(summary, 'X').agreement).toEqual({ status: 'shown', n: 3, share: 2 / 3 });
    // Nobody answered Y-global.
    expect(dim(summary, 'Y').agreement).toEqual({ status: 'withheld', reason: 'too_few' });
  });

  it("lists every statement's figure", () => {
    const means = summary.dimensions.flatMap((d) => d.statements.map((s) => [s.statementId, shown(s.figure).mean, shown(s.figure).n]));
    expect(means).toEqual([
      ['X-s1', 24 / 7, 7], // 5+6+4+3+2+3+1 = 24
      ['X-s2', 23 / 7, 7], // 4+5+4+2+3+3+2 = 23
      ['Y-s1', 22 / 6, 6], // 2+3+2+5+4+6 = 22
      ['Y-s2', 23 / 6, 6], // 3+2+2+6+5+5 = 23
    ]);
    expect(dim(summary, 'X').statements[0]!.text).toEqual({ nl: 'stelling 1 van X', en: 'statement 1 of X' });
  });

  it('ranks the strongest and weakest statements (two each: four statements shown)', () => {
    // min(3, floor(4 / 2)) = 2. Means: Y-s2 3.83 > Y-s1 3.67 > X-s1 3.43 > X-s2 3.29.
    expect(summary.strongest.map((s) => [s.statementId, s.dimensionId, s.mean, s.band, s.n])).toEqual([
      ['Y-s2', 'Y', 23 / 6, 'meeting', 6],
      ['Y-s1', 'Y', 22 / 6, 'meeting', 6],
    ]);
    expect(summary.weakest.map((s) => [s.statementId, s.dimensionId, s.mean, s.band])).toEqual([
      ['X-s2', 'X', 23 / 7, 'approaching'],
      ['X-s1', 'X', 24 / 7, 'approaching'],
    ]);
  });

  it('hides a group whose figure could be derived by subtraction', () => {
    // X: teacher 3, leadership 3, no group 1 (RKEY7). Showing both groups and the total would
    // give away RKEY7's answers (7 − 3 − 3 = 1 < k), so the smaller shown group (tie → first
    // by id: leadership) is withheld; teacher stays: 5+4+6+5+4+4 = 28 over 6 answers.
    const x = summary.groups.find((g) => g.dimensionId === 'X')!;
    expect(x.groups.map((g) => g.groupId)).toEqual(['teacher']);
    expect(shown(x.groups[0]!.figure).mean).toBeCloseTo(28 / 6, 12);
    expect(x.groups[0]!.label).toEqual({ nl: 'Leraar', en: 'Teacher' });
    // Nothing in the model says which group was left out or why.
    expect(JSON.stringify(x)).not.toContain('leadership');
  });

  it('shows both groups where nothing can be derived, and calls out their gap', () => {
    // Y: RKEY7 did not submit Y, so teacher 3 + leadership 3 = 6 = total, remainder 0.
    const y = summary.groups.find((g) => g.dimensionId === 'Y')!;
    expect(y.groups.map((g) => [g.groupId, shown(g.figure).mean])).toEqual([
      ['leadership', 31 / 6], // 5+6+4+5+6+5 = 31
      ['teacher', 14 / 6], // 2+3+3+2+2+2 = 14
    ]);
    expect(summary.gaps).toEqual([
      {
        dimensionId: 'Y',
        higher: { groupId: 'leadership', label: { nl: 'Beleidsteam', en: 'Leadership team' }, mean: 31 / 6 },
        lower: { groupId: 'teacher', label: { nl: 'Leraar', en: 'Teacher' }, mean: 14 / 6 },
        difference: 31 / 6 - 14 / 6, // 17/6 ≈ 2.83
      },
    ]);
  });

  it('has no trend without a previous round', () => {
    expect(summary.trend).toEqual({ comparable: false, reason: 'no_previous' });
  });

  it('gives reflection question 3 as mean days per domain', () => {
    // RKEY1 {1, 2}, RKEY2 {0.5, 2.5}, RKEY3 {0, 1}: career 1.5/3 = 0.5, learning 5.5/3.
    expect(summary.reflection!.allocation).toEqual({
      questionId: 'R3',
      number: 3,
      text: { nl: 'Days per domain? (nl)', en: 'Days per domain?' },
      figure: {
        status: 'shown',
        n: 3,
        means: [
          { domainId: 'career', label: { nl: 'Onderwijsloopbaan', en: 'Career' }, mean: 0.5 },
          { domainId: 'learning', label: { nl: 'Leren en studeren', en: 'Learning' }, mean: 5.5 / 3 },
        ],
      },
    });
  });

  it('shows no quote while none is approved (moderation on)', () => {
    expect(summary.dimensions.map((d) => d.quotes)).toEqual([
      { strengths: [], priorities: [], practices: [] },
      { strengths: [], priorities: [], practices: [] },
    ]);
    expect(summary.reflection!.questions.map((q) => q.quotes)).toEqual([[], []]);
    expect(summary.reflection!.roleGrid!.domains).toEqual([]);
    expect(summary.themes).toEqual([]);
  });

  it('thanks in locale keys', () => {
    expect(summary.closing).toEqual({
      thanks: { key: 'summary:closing.thanks', params: { completed: 6, invited: 10 } },
      nextSteps: { key: 'summary:closing.nextSteps', params: {} },
    });
  });

  it('survives JSON (and so MongoDB) unchanged', () => {
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    // Stored as-is: the model type fits SummaryRecord.summary without a cast (checked by tsc).
    const stored: SummaryRecord['summary'] = summary;
    expect(stored).toBe(summary);
  });

  it('carries nothing that identifies a respondent', () => {
    const json = JSON.stringify(summary);
    expect(json).not.toMatch(/RKEY/);
    // No quote ids either (they are random, but the summary has no use for them).
    for (const q of quotesOf({ round: closedRound(), responses: mainResponses() })) expect(json).not.toContain(q.id);
  });
});

describe('buildSummary — withholding at k − 1 and k', () => {
  const answers = (i: number) => ({ 'X-s1': 4, 'X-s2': 5, 'X-global': 4, 'Y-s1': 2, 'Y-s2': 3, R3: { career: 1, learning: i } });
  const run = (k: number, count: number) => {
    const round = closedRound({ anonymityThreshold: k });
    const responses = Array.from({ length: count }, (_, i) => response(`RKEY${i}`, answers(i % 3), { group: 'teacher' }));
    return buildSummary({ round, responses, progress: MAIN_PROGRESS, quotes: [], now: FIXTURE_NOW });
  };

  it.each([3, 5])('k = %i: k − 1 respondents → every figure withheld', (k) => {
    const s = run(k, k - 1);
    for (const d of s.dimensions) {
      expect(d.score).toEqual({ status: 'withheld', reason: 'too_few' });
      expect(d.agreement).toEqual({ status: 'withheld', reason: 'too_few' });
      for (const st of d.statements) expect(st.figure).toEqual({ status: 'withheld', reason: 'too_few' });
    }
    expect(s.strongest).toEqual([]);
    expect(s.weakest).toEqual([]);
    expect(s.groups.every((g) => g.groups.length === 0)).toBe(true);
    expect(s.reflection!.allocation!.figure).toEqual({ status: 'withheld', reason: 'too_few' });
    // A withheld figure carries its reason and nothing else: no n, no mean.
    expect(Object.keys(s.dimensions[0]!.score).sort()).toEqual(['reason', 'status']);
  });

  it.each([3, 5])('k = %i: exactly k respondents → shown', (k) => {
    const s = run(k, k);
    const x = shown(s.dimensions[0]!.score);
    // Everyone answered 4 and 5 → mean 4.5, n = k.
    expect(x.n).toBe(k);
    expect(x.mean).toBe(4.5);
    expect(s.dimensions[0]!.agreement).toEqual({ status: 'shown', n: k, share: 1 });
    // A single group holding everyone: shown (nothing to subtract).
    expect(s.groups[0]!.groups.map((g) => g.groupId)).toEqual(['teacher']);
    expect(s.reflection!.allocation!.figure.status).toBe('shown');
  });
});

describe('buildSummary — quick rounds and rounds without reflection', () => {
  it('scores a quick round on the global judgement and has no statements to rank', () => {
    const round = closedRound({ depth: 'quick', includeReflection: false });
    // X-global: 5, 4, 3 (RKEY1–3) → mean 4, n 3.
    const s = buildSummary({ round, responses: mainResponses(), progress: MAIN_PROGRESS, quotes: [], now: FIXTURE_NOW });
    const x = shown(s.dimensions[0]!.score);
    expect([x.n, x.mean, x.band]).toEqual([3, 4, 'meeting']);
    expect(s.dimensions[0]!.statements).toEqual([]);
    expect(s.strongest).toEqual([]);
    expect(s.reflection).toBeNull();
  });

  it('gives a null rate when nobody was invited', () => {
    const s = buildSummary({ ...mainInput(), progress: { invited: 0, pending: 0, delivered: 0, started: 0, completed: 0, optedOut: 0, undeliverable: 0 } });
    expect(s.responseRate.rate).toBeNull();
  });

  it("ignores another round's responses", () => {
    const other = response('RKEY-other', { 'X-s1': 1, 'X-s2': 1 }, { roundId: 'round-other' });
    const s = buildSummary(mainInput({ responses: [...mainResponses(), other] }));
    expect(shown(s.dimensions[0]!.score).n).toBe(7);
  });
});

describe('buildSummary — quotes without moderation', () => {
  it('shows quotes of sections with at least k respondents, never those of a smaller section', () => {
    // Only RKEY1 and RKEY2 submitted the reflection (2 < k = 3); X (7) and Y (6) are big enough.
    const responses = mainResponses().map((r) =>
      ['RKEY1', 'RKEY2'].includes(r.respondentKey) ? r : { ...r, submittedSections: r.submittedSections.filter((s) => s !== 'reflection') },
    );
    const round = closedRound({ moderation: false });
    const s = buildSummary(mainInput({ round, responses }));
    expect(s.dimensions.map((d) => d.quotes)).toEqual([
      // Extraction order (ranks 1, 2, …): RKEY1's X-strengths, then RKEY4's and RKEY7's X-priorities.
      { strengths: ['Heldere afspraken over de basiszorg.'], priorities: ['Meer tijd voor overleg.', 'Jan van het zorgteam luistert niet.'], practices: [] },
      { strengths: ['Goede samenwerking met het CLB.'], priorities: [], practices: [] },
    ]);
    // RKEY1's two grid cells exist as quotes but the reflection section is below k.
    expect(s.reflection!.roleGrid!.domains).toEqual([]);
    expect(s.reflection!.questions.every((q) => q.quotes.length === 0)).toBe(true);
    // And question 3 has only 2 answers left: withheld.
    expect(s.reflection!.allocation!.figure).toEqual({ status: 'withheld', reason: 'too_few' });
  });
});
