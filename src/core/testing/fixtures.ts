import { questionnaireSchema, type LocalizedText, type Questionnaire } from '../questionnaire/schema';
import type { Round } from '../round';

/**
 * Small, hand-countable test data for any engineer's tests. The tiny questionnaire is built in
 * code (not read from the shipped file) so a test's arithmetic does not change when the default
 * questionnaire is edited. It is parsed by the real schema, so it is always a valid questionnaire.
 */

const text = (en: string, nl = `${en} (nl)`): LocalizedText => ({ nl, en });

/**
 * Two dimensions: X with three statements (X-s1..X-s3), Y with two (Y-s1, Y-s2); each has a
 * global judgement (X-global, Y-global) and the two open questions (X-strengths, X-priorities, …).
 * The scale is the default's six points with the same ROK bands (1–2 below, 3 approaching,
 * 4 meeting, 5–6 exceeding) and 4–6 counting as agreeing. Reflection: R1 text, R2 allocation
 * (0..5 days in steps of 0.5 over the domains "career" and "learning"), R3 role grid over those
 * domains and the roles "mine" and "others". Groups: "teacher", "leadership", "care-team".
 */
export function tinyQuestionnaire(): Questionnaire {
  const bands = ['below', 'below', 'approaching', 'meeting', 'exceeding', 'exceeding'] as const;
  const dimension = (id: string, statementCount: number) => ({
    id,
    title: text(`Dimension ${id}`),
    intro: text(`Why ${id} matters`),
    globalJudgement: { id: `${id}-global`, text: text(`overall, ${id} is in place.`) },
    statements: Array.from({ length: statementCount }, (_, i) => ({ id: `${id}-s${i + 1}`, text: text(`statement ${i + 1} of ${id}.`) })),
    openQuestions: [
      { id: `${id}-strengths`, kind: 'strengths' as const, text: text('What are the strengths?') },
      { id: `${id}-priorities`, kind: 'priorities' as const, text: text('What are the priorities?') },
    ],
  });
  return questionnaireSchema.parse({
    id: 'tiny',
    version: 'test',
    title: text('Tiny questionnaire'),
    stem: text('At our school…', 'Op onze school…'),
    scale: {
      id: 'likert6',
      points: bands.map((band, i) => ({
        value: i + 1,
        label: text(`point ${i + 1}`),
        meaning: text(`meaning of point ${i + 1}`),
        band,
        agrees: i + 1 >= 4,
      })),
      bandLabels: {
        below: text('Below expectations'),
        approaching: text('Approaching expectations'),
        meeting: text('Meets expectations'),
        exceeding: text('Exceeds expectations'),
      },
    },
    dimensions: [dimension('X', 3), dimension('Y', 2)],
    guidanceDomains: [
      { id: 'career', label: text('Career') },
      { id: 'learning', label: text('Learning') },
    ],
    roles: [
      { id: 'mine', label: text('My role') },
      { id: 'others', label: text('Others') },
    ],
    reflection: {
      title: text('Reflection'),
      intro: text('A few questions about your own work.'),
      questions: [
        { id: 'R1', number: 1, type: 'text', text: text('What goes well?') },
        { id: 'R2', number: 2, type: 'allocation', max: 5, step: 0.5, text: text('How many days per domain?') },
        { id: 'R3', number: 3, type: 'roleGrid', text: text('Who does what?') },
      ],
    },
    groups: [
      { id: 'teacher', label: text('Teacher') },
      { id: 'leadership', label: text('Leadership team') },
      { id: 'care-team', label: text('Care team') },
    ],
  });
}

/** A fixed "now" for tests: Monday 2 March 2026, 09:00 UTC. */
export const TEST_NOW = new Date('2026-03-02T09:00:00.000Z');

const DAY_MS = 86_400_000;

/**
 * A complete Round, open since TEST_NOW and closing two weeks later, over the tiny questionnaire
 * (both dimensions, detailed, with reflection, k = 5). Override any field.
 */
export function makeRound(overrides: Partial<Round> = {}): Round {
  const questionnaire = overrides.questionnaire ?? tinyQuestionnaire();
  return {
    id: 'round-1',
    tenantId: 'playground:demo',
    title: 'Test round',
    questionnaire,
    dimensionIds: questionnaire.dimensions.map((d) => d.id),
    depth: 'detailed',
    includeReflection: true,
    audience: { kind: 'list', id: 'test-audience' },
    opensAt: TEST_NOW,
    closesAt: new Date(TEST_NOW.getTime() + 14 * DAY_MS),
    reminderHours: [72, 24],
    moderation: true,
    language: 'nl',
    anonymityThreshold: 5,
    state: 'open',
    createdBy: 'U-coordinator',
    createdAt: TEST_NOW,
    openedAt: TEST_NOW,
    ...overrides,
  };
}
