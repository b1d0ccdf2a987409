import { SurveyError } from './errors';
import { describeError } from '../i18n';
import {
  assertAcceptsAnswers,
  assertTransition,
  canTransition,
  createRound,
  DEFAULT_REMINDER_HOURS,
  REFLECTION_SECTION,
  roundDimensions,
  roundSections,
  ROUND_STATES,
  type RoundInput,
  type RoundState,
} from './round';
import { makeRound, TEST_NOW, tinyQuestionnaire } from './testing/fixtures';

const HOUR = 3_600_000;
const at = (hoursFromNow: number) => new Date(TEST_NOW.getTime() + hoursFromNow * HOUR);

/** Catches the SurveyError a call throws, failing the test when it throws nothing or something else. */
function surveyErrorOf(fn: () => unknown): SurveyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SurveyError) return e;
    throw e;
  }
  throw new Error('expected a SurveyError, but nothing was thrown');
}

describe('round state machine', () => {
  // Written out by hand from the lifecycle: a draft is scheduled or opened directly, an open round
  // closes, a closed one is published; anything not yet closed can be cancelled. Ends are final.
  const LEGAL = new Set([
    'draft→scheduled',
    'draft→open',
    'draft→cancelled',
    'scheduled→open',
    'scheduled→cancelled',
    'open→closed',
    'open→cancelled',
    'closed→published',
  ]);

  it('knows the six states', () => {
    expect([...ROUND_STATES]).toEqual(['draft', 'scheduled', 'open', 'closed', 'published', 'cancelled']);
  });

  const pairs: [RoundState, RoundState][] = ROUND_STATES.flatMap((from) => ROUND_STATES.map((to) => [from, to] as [RoundState, RoundState]));
  it('covers all 36 pairs', () => expect(pairs).toHaveLength(36));

  it.each(pairs.filter(([f, t]) => LEGAL.has(`${f}→${t}`)))('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(pairs.filter(([f, t]) => !LEGAL.has(`${f}→${t}`)))('refuses %s → %s with illegal_transition', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    const err = surveyErrorOf(() => assertTransition(from, to));
    expect(err.code).toBe('illegal_transition');
    expect(err.params).toEqual({ from, to });
  });

  it('has exactly 8 legal moves and 28 illegal ones', () => {
    // 36 pairs − 8 legal = 28 (including the 6 "stay in the same state" pairs).
    expect(pairs.filter(([f, t]) => canTransition(f, t))).toHaveLength(8);
  });
});

describe('createRound', () => {
  const q = tinyQuestionnaire();
  const ctx = { id: 'r1', tenantId: 'slack:T1', questionnaire: q, anonymityThreshold: 5, createdBy: 'U1', now: TEST_NOW };
  const input = (over: Partial<RoundInput> = {}): RoundInput => ({
    title: 'Voorjaar 2026',
    dimensionIds: ['X', 'Y'],
    depth: 'detailed',
    includeReflection: true,
    audience: { kind: 'channel', id: 'C1' },
    closesAt: at(14 * 24),
    language: 'nl',
    ...over,
  });

  it('builds a draft that opens now, with the defaults filled in', () => {
    const round = createRound(input(), ctx);
    expect(round).toMatchObject({
      id: 'r1',
      tenantId: 'slack:T1',
      title: 'Voorjaar 2026',
      dimensionIds: ['X', 'Y'],
      depth: 'detailed',
      includeReflection: true,
      state: 'draft',
      moderation: true,
      anonymityThreshold: 5,
      createdBy: 'U1',
      language: 'nl',
    });
    expect(round.questionnaire).toBe(q);
    expect(round.opensAt).toEqual(TEST_NOW);
    expect(round.createdAt).toEqual(TEST_NOW);
    expect(round.closesAt).toEqual(at(336));
    // Defaults [72, 24] both fit in 336 hours and are sorted latest-first.
    expect(round.reminderHours).toEqual([72, 24]);
    expect(DEFAULT_REMINDER_HOURS).toEqual([72, 24]);
  });

  it('keeps a future opening and moves an opening in the past to now', () => {
    expect(createRound(input({ opensAt: at(48) }), ctx).opensAt).toEqual(at(48));
    expect(createRound(input({ opensAt: at(-48) }), ctx).opensAt).toEqual(TEST_NOW);
  });

  it('normalises the dimension order to the questionnaire order', () => {
    expect(createRound(input({ dimensionIds: ['Y', 'X'] }), ctx).dimensionIds).toEqual(['X', 'Y']);
    expect(createRound(input({ dimensionIds: ['Y'] }), ctx).dimensionIds).toEqual(['Y']);
  });

  it('refuses an unknown dimension, naming it', () => {
    const err = surveyErrorOf(() => createRound(input({ dimensionIds: ['X', 'Q9'] }), ctx));
    expect(err.code).toBe('invalid_round');
    expect(err.field).toBe('dimensionIds');
    expect(String(err.params.dimensions)).toContain('Q9');
    expect(describeError(err, 'en')).toBe('The survey is not valid yet: unknown dimension Q9.');
  });

  it('refuses an empty dimension list', () => {
    const err = surveyErrorOf(() => createRound(input({ dimensionIds: [] }), ctx));
    expect(err.code).toBe('invalid_round');
    expect(err.field).toBe('dimensionIds');
  });

  it('refuses a closing before (or at) the opening', () => {
    for (const closesAt of [at(-1), TEST_NOW]) {
      const err = surveyErrorOf(() => createRound(input({ closesAt }), ctx));
      expect(err.code).toBe('invalid_round');
      expect(err.field).toBe('closesAt');
    }
    // Opening in 48 h, closing in 24 h: closing is in the future but before the opening.
    const err = surveyErrorOf(() => createRound(input({ opensAt: at(48), closesAt: at(24) }), ctx));
    expect(err.field).toBe('closesAt');
  });

  it('refuses more than three reminders', () => {
    const err = surveyErrorOf(() => createRound(input({ reminderHours: [96, 72, 48, 24] }), ctx));
    expect(err.code).toBe('invalid_round');
    expect(err.field).toBe('reminderHours');
    expect(createRound(input({ reminderHours: [96, 72, 24] }), ctx).reminderHours).toEqual([96, 72, 24]);
  });

  it('drops reminders that would fall before the opening, de-duplicates and sorts them', () => {
    // The round lasts 48 h: a reminder 72 h before closing would be 24 h before opening; 48 h
    // before closing is the opening itself. Both are dropped; 24 stays.
    expect(createRound(input({ closesAt: at(48), reminderHours: [72, 48, 24] }), ctx).reminderHours).toEqual([24]);
    expect(createRound(input({ reminderHours: [24, 72, 24] }), ctx).reminderHours).toEqual([72, 24]);
    // Round of 10 h: the default 72 and 24 both exceed it → no reminders at all.
    expect(createRound(input({ closesAt: at(10) }), ctx).reminderHours).toEqual([]);
  });

  it('refuses a blank title and a non-positive reminder', () => {
    expect(surveyErrorOf(() => createRound(input({ title: '   ' }), ctx)).field).toBe('title');
    expect(surveyErrorOf(() => createRound(input({ reminderHours: [0] }), ctx)).field).toBe('reminderHours');
  });

  it('copies the threshold from the context', () => {
    expect(createRound(input(), { ...ctx, anonymityThreshold: 7 }).anonymityThreshold).toBe(7);
  });
});

describe('round sections', () => {
  it('lists chosen dimensions in questionnaire order, then the reflection', () => {
    const round = makeRound({ dimensionIds: ['Y', 'X'] });
    expect(roundDimensions(round).map((d) => d.id)).toEqual(['X', 'Y']);
    expect(roundSections(round)).toEqual(['X', 'Y', REFLECTION_SECTION]);
    expect(roundSections(makeRound({ dimensionIds: ['Y'], includeReflection: false }))).toEqual(['Y']);
  });
});

describe('assertAcceptsAnswers', () => {
  const closesAt = at(24);
  const codeFor = (state: RoundState, now: Date) => {
    try {
      assertAcceptsAnswers({ state, closesAt }, now);
      return 'accepted';
    } catch (e) {
      return (e as SurveyError).code;
    }
  };

  it.each([
    ['draft', 'round_not_open'],
    ['scheduled', 'round_not_open'],
    ['open', 'accepted'],
    ['closed', 'round_closed'],
    ['published', 'round_closed'],
    ['cancelled', 'round_closed'],
  ] as const)('a %s round before closing time: %s', (state, expected) => {
    expect(codeFor(state, TEST_NOW)).toBe(expected);
  });

  it('refuses answers from the closing moment on, even while the state still says open', () => {
    expect(codeFor('open', new Date(closesAt.getTime() - 1))).toBe('accepted');
    expect(codeFor('open', closesAt)).toBe('round_closed');
    expect(codeFor('open', at(25))).toBe('round_closed');
  });
});
