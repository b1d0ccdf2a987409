import type { AnswerValue } from '../../answers';
import type { DeliveryProgress } from '../../participation';
import { questionnaireSchema, type LocalizedText, type Questionnaire } from '../../questionnaire/schema';
import type { ResponseRecord } from '../../response';
import type { Round } from '../../round';

/**
 * Hand-countable data for the summary tests. Kept here (not in src/core/testing) so the
 * arithmetic written in the specs cannot drift when shared fixtures change.
 *
 * Questionnaire: dimensions X (X-s1, X-s2) and Y (Y-s1, Y-s2), each with a global judgement and
 * the strengths/priorities open questions; the default six-point scale (1–2 below,
 * 3 approaching, 4 meeting, 5–6 exceeding; 4–6 agree); reflection R1, R2 text, R3 allocation
 * (days over "career" and "learning"), R4 role grid (roles "mine", "teachers") — numbered like
 * the default questionnaire's questions 3 and 4. Groups: teacher, leadership, care-team.
 */
const text = (en: string, nl = `${en} (nl)`): LocalizedText => ({ nl, en });

export function summaryQuestionnaire(): Questionnaire {
  const bands = ['below', 'below', 'approaching', 'meeting', 'exceeding', 'exceeding'] as const;
  const dimension = (id: string) => ({
    id,
    title: text(`Dimension ${id}`, `Dimensie ${id}`),
    intro: text(`Why ${id} matters`),
    globalJudgement: { id: `${id}-global`, text: text(`overall, ${id} is in place.`) },
    statements: [1, 2].map((i) => ({ id: `${id}-s${i}`, text: text(`statement ${i} of ${id}`, `stelling ${i} van ${id}`) })),
    openQuestions: [
      { id: `${id}-strengths`, kind: 'strengths' as const, text: text('Strengths?') },
      { id: `${id}-priorities`, kind: 'priorities' as const, text: text('Priorities?') },
    ],
  });
  return questionnaireSchema.parse({
    id: 'summary-fixture',
    version: 'test',
    title: text('Fixture questionnaire'),
    stem: text('At our school…', 'Op onze school…'),
    scale: {
      id: 'likert6',
      points: bands.map((band, i) => ({
        value: i + 1,
        label: text(`point ${i + 1}`, `punt ${i + 1}`),
        meaning: text(`meaning ${i + 1}`),
        band,
        agrees: i + 1 >= 4,
      })),
      bandLabels: {
        below: { nl: 'Beneden de verwachtingen', en: 'Below expectations' },
        approaching: { nl: 'Benadert de verwachtingen', en: 'Approaching expectations' },
        meeting: { nl: 'Volgens de verwachtingen', en: 'Meets expectations' },
        exceeding: { nl: 'Overstijgt de verwachtingen', en: 'Exceeds expectations' },
      },
    },
    dimensions: [dimension('X'), dimension('Y')],
    guidanceDomains: [
      { id: 'career', label: text('Career', 'Onderwijsloopbaan') },
      { id: 'learning', label: text('Learning', 'Leren en studeren') },
    ],
    roles: [
      { id: 'mine', label: text('My role', 'Mijn rol') },
      { id: 'teachers', label: text('Teachers', 'Leraren') },
    ],
    reflection: {
      title: text('Reflection'),
      intro: text('About your own work.'),
      questions: [
        { id: 'R1', number: 1, type: 'text', text: text('What goes well?') },
        { id: 'R2', number: 2, type: 'text', text: text('What is hard?') },
        { id: 'R3', number: 3, type: 'allocation', max: 5, step: 0.5, text: text('Days per domain?') },
        { id: 'R4', number: 4, type: 'roleGrid', text: text('Who does what?') },
      ],
    },
    groups: [
      { id: 'teacher', label: text('Teacher', 'Leraar') },
      { id: 'leadership', label: text('Leadership team', 'Beleidsteam') },
      { id: 'care-team', label: text('Care team', 'Zorgteam') },
    ],
  });
}

export const FIXTURE_NOW = new Date('2026-03-20T16:00:00.000Z');

/** A closed detailed round over X and Y with reflection, k = 3, moderation on. */
export function closedRound(overrides: Partial<Round> = {}): Round {
  const questionnaire = overrides.questionnaire ?? summaryQuestionnaire();
  return {
    id: 'round-2',
    tenantId: 'playground:demo',
    title: 'Voorjaar 2026',
    questionnaire,
    dimensionIds: ['X', 'Y'],
    depth: 'detailed',
    includeReflection: true,
    audience: { kind: 'list', id: 'team' },
    opensAt: new Date('2026-03-02T09:00:00.000Z'),
    closesAt: new Date('2026-03-16T09:00:00.000Z'),
    reminderHours: [72, 24],
    moderation: true,
    language: 'nl',
    anonymityThreshold: 3,
    state: 'closed',
    createdBy: 'U-coordinator',
    createdAt: new Date('2026-03-01T09:00:00.000Z'),
    openedAt: new Date('2026-03-02T09:00:00.000Z'),
    closedAt: new Date('2026-03-16T09:00:15.000Z'),
    ...overrides,
  };
}

/** A response as stored (no time of any kind). `sections` defaults to every section of the fixture round. */
export function response(
  respondentKey: string,
  answers: Record<string, AnswerValue>,
  opts: { group?: string; sections?: string[]; roundId?: string } = {},
): ResponseRecord {
  const sections = opts.sections ?? ['X', 'Y', 'reflection'];
  const complete = ['X', 'Y', 'reflection'].every((s) => sections.includes(s));
  return {
    roundId: opts.roundId ?? 'round-2',
    respondentKey,
    answers,
    submittedSections: sections,
    ...(opts.group !== undefined ? { group: opts.group } : {}),
    complete,
  };
}

/**
 * The main scenario (k = 3). Scale answers:
 *
 *   key   group       X-s1 X-s2 X-glob | Y-s1 Y-s2 | sections
 *   RKEY1 teacher       5    4    5    |  2    3   | X Y reflection
 *   RKEY2 teacher       6    5    4    |  3    2   | X Y reflection
 *   RKEY3 teacher       4    4    3    |  2    2   | X Y reflection
 *   RKEY4 leadership    3    2    -    |  5    6   | X Y reflection
 *   RKEY5 leadership    2    3    -    |  4    5   | X Y reflection
 *   RKEY6 leadership    3    3    -    |  6    5   | X Y reflection
 *   RKEY7 (none)        1    2    -    | (6)  (6)  | X only — its Y answers are a draft never submitted
 *
 * Reflection: R3 allocation from RKEY1 {career 1, learning 2}, RKEY2 {0.5, 2.5}, RKEY3 {0, 1}.
 * Open answers (8 non-empty ones in submitted sections): RKEY1 X-strengths and two R4 cells
 * (career/mine, learning/teachers; a blank cell is skipped), RKEY2 Y-strengths, RKEY3 R1,
 * RKEY4 X-priorities, RKEY5 R2 (its blank Y-priorities is skipped), RKEY7 X-priorities (names
 * a colleague: the edit case). RKEY7's Y-strengths sits in a section it never submitted.
 */
export function mainResponses(): ResponseRecord[] {
  return [
    response('RKEY1', { 'X-s1': 5, 'X-s2': 4, 'X-global': 5, 'Y-s1': 2, 'Y-s2': 3, R3: { career: 1, learning: 2 }, 'X-strengths': 'Heldere afspraken over de basiszorg.', R4: { career: { mine: 'Loopbaangesprekken met mijn klas.' }, learning: { teachers: 'Differentiëren in de les.', mine: '  ' } } }, { group: 'teacher' }),
    response('RKEY2', { 'X-s1': 6, 'X-s2': 5, 'X-global': 4, 'Y-s1': 3, 'Y-s2': 2, R3: { career: 0.5, learning: 2.5 }, 'Y-strengths': 'Goede samenwerking met het CLB.' }, { group: 'teacher' }),
    response('RKEY3', { 'X-s1': 4, 'X-s2': 4, 'X-global': 3, 'Y-s1': 2, 'Y-s2': 2, R3: { career: 0, learning: 1 }, R1: 'Ik maak het verschil bij een leerling die vastliep.' }, { group: 'teacher' }),
    response('RKEY4', { 'X-s1': 3, 'X-s2': 2, 'Y-s1': 5, 'Y-s2': 6, 'X-priorities': 'Meer tijd voor overleg.' }, { group: 'leadership' }),
    response('RKEY5', { 'X-s1': 2, 'X-s2': 3, 'Y-s1': 4, 'Y-s2': 5, R2: 'Te weinig uren voor zorg.', 'Y-priorities': '   ' }, { group: 'leadership' }),
    response('RKEY6', { 'X-s1': 3, 'X-s2': 3, 'Y-s1': 6, 'Y-s2': 5 }, { group: 'leadership' }),
    response('RKEY7', { 'X-s1': 1, 'X-s2': 2, 'Y-s1': 6, 'Y-s2': 6, 'X-priorities': 'Jan van het zorgteam luistert niet.', 'Y-strengths': 'Draft that was never submitted.' }, { sections: ['X'] }),
  ];
}

/** Invited 10: 6 completed, 1 started (RKEY7), 2 delivered, 1 undeliverable. */
export const MAIN_PROGRESS: DeliveryProgress = {
  invited: 10,
  pending: 0,
  delivered: 9,
  started: 7,
  completed: 6,
  optedOut: 0,
  undeliverable: 1,
};
