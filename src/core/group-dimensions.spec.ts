import type { AnswerValue } from './answers';
import { countedSections, dimensionsOfGroup, GROUP_STEP, groupsAskedAbout, roundForGroup } from './group-dimensions';
import { loadQuestionnaire } from './questionnaire/load';
import { isComplete, nextStep, type ResponseRecord } from './response';
import { answerSteps, createRound, type Round, type RoundInput } from './round';
import { buildSummary } from './summary/build-summary';
import { estimatedMinutes } from './views/invitation';
import { progressView } from './views/section-form';
import { describeError } from '../i18n';
import { SurveyError } from './errors';

const questionnaire = loadQuestionnaire(undefined);
const NOW = new Date('2026-03-02T09:00:00Z');

function round(extra: Partial<RoundInput> = {}): Round {
  return createRound(
    {
      title: 'Groepen',
      dimensionIds: ['A1', 'C', 'E'],
      depth: 'detailed',
      includeReflection: false,
      audience: { kind: 'list', id: 'school' },
      closesAt: new Date('2026-03-16T16:00:00Z'),
      language: 'nl',
      ...extra,
    },
    { id: 'r-groups', tenantId: 't', questionnaire, anonymityThreshold: 3, createdBy: 'u', now: NOW },
  );
}

const SECRETARIAT = [{ group: 'support-staff', dimensionIds: ['C', 'E'] }];

function refusal(input: unknown): SurveyError {
  try {
    round({ groupDimensions: input });
  } catch (e) {
    if (e instanceof SurveyError) return e;
    throw e;
  }
  throw new Error('the assignment was accepted');
}

describe('the per-group assignment as the coordinator gives it', () => {
  it('is stored for every group, in questionnaire order; groups left out get every chosen dimension', () => {
    expect(round({ groupDimensions: SECRETARIAT }).groupDimensions).toEqual([
      { group: 'teacher', dimensionIds: ['A1', 'C', 'E'] },
      { group: 'leadership', dimensionIds: ['A1', 'C', 'E'] },
      { group: 'care-team', dimensionIds: ['A1', 'C', 'E'] },
      { group: 'support-staff', dimensionIds: ['C', 'E'] },
    ]);
  });

  it('is absent when every group gets every dimension (the default), and a dimension not in the round is simply not asked', () => {
    expect(round().groupDimensions).toBeUndefined();
    expect(round({ groupDimensions: [{ group: 'teacher', dimensionIds: ['A1', 'C', 'E', 'B'] }] }).groupDimensions).toBeUndefined();
  });

  it('refuses an unknown group, an unknown dimension, a group named twice and a group with no dimension', () => {
    expect(refusal([{ group: 'janitors', dimensionIds: ['C'] }]).params.reason).toBe('unknown_group');
    expect(refusal([{ group: 'teacher', dimensionIds: ['Z9'] }]).params).toMatchObject({ reason: 'unknown_dimension', dimensions: 'Z9' });
    expect(refusal([...SECRETARIAT, ...SECRETARIAT]).params.reason).toBe('groupDimensions');
    const empty = refusal([{ group: 'support-staff', dimensionIds: ['B'] }]);
    expect(empty.field).toBe('groupDimensions.support-staff');
    expect(describeError(empty, 'nl')).toContain('de groep “Ondersteunend personeel” krijgt geen enkele dimensie');
    expect(describeError(empty, 'en')).toContain('Choose at least one dimension for every group');
  });

  it('refuses forged shapes: __proto__ as a group, extra keys, an object instead of a list', () => {
    const forged = JSON.parse('[{"group":"__proto__","dimensionIds":["C"]}]');
    expect(refusal(forged).params.reason).toBe('unknown_group');
    expect(refusal(JSON.parse('[{"group":"teacher","dimensionIds":["C"],"__proto__":{"polluted":true}}]')).params.reason).toBe('groupDimensions');
    expect(refusal(JSON.parse('{"__proto__":{"dimensionIds":["C"]},"teacher":["C"]}')).params.reason).toBe('groupDimensions');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('what a respondent of a group is asked', () => {
  const r = round({ groupDimensions: SECRETARIAT });

  it('the group first, then only the group’s dimensions; no group means every dimension', () => {
    expect(answerSteps(roundForGroup(r, 'support-staff'))).toEqual([GROUP_STEP, 'C', 'E']);
    expect(answerSteps(roundForGroup(r, 'teacher'))).toEqual([GROUP_STEP, 'A1', 'C', 'E']);
    expect(dimensionsOfGroup(r, undefined)).toEqual(['A1', 'C', 'E']);
    expect(answerSteps(round())).toEqual(['A1', 'C', 'E']);
  });

  it('progress, time estimate and completion follow the group', () => {
    const mine = roundForGroup(r, 'support-staff');
    expect(progressView(mine, 'C', 'nl').label).toBe('Dimensie 1 van 2');
    expect(progressView(mine, GROUP_STEP, 'nl').label).toBe('Jouw groep (eerste stap)');
    expect(estimatedMinutes(mine)).toBeLessThan(estimatedMinutes(roundForGroup(r, 'teacher')));
    expect(isComplete(mine, [GROUP_STEP, 'C', 'E'])).toBe(true);
    expect(isComplete(mine, ['C', 'E'])).toBe(false);
    expect(nextStep(mine, [GROUP_STEP, 'C'])).toBe('E');
  });

  it('a quick round asks the group’s global judgements on one form after the group step', () => {
    const quick = round({ depth: 'quick', groupDimensions: SECRETARIAT });
    expect(answerSteps(roundForGroup(quick, 'support-staff'))).toEqual([GROUP_STEP, 'dimensions']);
    expect(roundForGroup(quick, 'support-staff').dimensionIds).toEqual(['C', 'E']);
  });

  it('sections a group was not asked never count, even when submitted', () => {
    expect([...countedSections(r, { submittedSections: [GROUP_STEP, 'A1', 'C'], group: 'support-staff' })]).toEqual([GROUP_STEP, 'C']);
    expect([...countedSections(r, { submittedSections: [GROUP_STEP, 'A1', 'C'], group: 'teacher' })]).toEqual([GROUP_STEP, 'A1', 'C']);
  });
});

describe('the summary of a round where the secretariat judges only C and E (k = 3, hand-computed)', () => {
  const r: Round = { ...round({ groupDimensions: SECRETARIAT }), state: 'closed', closedAt: NOW };
  const statementsOf = (dim: string) => questionnaire.dimensions.find((d) => d.id === dim)!.statements.map((s) => s.id);
  const fill = (dim: string, value: AnswerValue, first?: AnswerValue): Record<string, AnswerValue> =>
    Object.fromEntries(statementsOf(dim).map((id, i) => [id, i === 0 && first !== undefined ? first : value]));
  const responses: ResponseRecord[] = [
    // Five teachers: A1 all 4, C all 5, E all 3.
    ...[1, 2, 3, 4, 5].map((i) => ({
      roundId: r.id,
      respondentKey: `t${i}`,
      answers: { ...fill('A1', 4), ...fill('C', 5), ...fill('E', 3) },
      submittedSections: [GROUP_STEP, 'A1', 'C', 'E'],
      group: 'teacher',
      complete: true,
    })),
    // Three secretariat members: C all 2, E "geen zicht" on the first statement and 6 on the rest.
    // Their A1 answers (a forged submission, or answers from before switching group) must not count.
    ...[1, 2, 3].map((i) => ({
      roundId: r.id,
      respondentKey: `s${i}`,
      answers: { ...fill('A1', 1), ...fill('C', 2), ...fill('E', 6, 'no_view'), 'A1-strengths': 'mag niet meetellen' },
      submittedSections: [GROUP_STEP, 'A1', 'C', 'E'],
      group: 'support-staff',
      complete: true,
    })),
  ];
  const progress = { invited: 8, pending: 0, delivered: 8, started: 8, completed: 8, optedOut: 0, undeliverable: 0 };
  const summary = buildSummary({ round: r, responses, progress, quotes: [], now: NOW });
  const dim = (id: string) => summary.dimensions.find((d) => d.dimensionId === id)!;
  const stat = (dimId: string, i: number) => {
    const s = dim(dimId).statements[i]!;
    if (s.figure.status !== 'shown') throw new Error(`${s.statementId} withheld`);
    return { n: s.figure.n, mean: s.figure.mean, noView: s.noView };
  };

  it('each statement’s n counts only those asked', () => {
    expect(stat('A1', 0)).toEqual({ n: 5, mean: 4, noView: { noView: 0, answered: 5 } });
    expect(stat('C', 0)).toEqual({ n: 8, mean: (5 * 5 + 3 * 2) / 8, noView: { noView: 0, answered: 8 } });
    // "Geen zicht" is counted beside the figure; k applies to the 5 scale answers that remain.
    expect(stat('E', 0)).toEqual({ n: 5, mean: 3, noView: { noView: 3, answered: 8 } });
    expect(stat('E', 1)).toEqual({ n: 8, mean: (5 * 3 + 3 * 6) / 8, noView: { noView: 0, answered: 8 } });
  });

  it('groups are compared only within what they were asked', () => {
    const groupsOf = (id: string) => summary.groups.find((g) => g.dimensionId === id)!.groups.map((g) => g.groupId);
    expect(groupsOf('A1')).toEqual(['teacher']);
    expect(groupsOf('C').sort()).toEqual(['support-staff', 'teacher']);
  });

  it('says per dimension which groups were asked when not everyone was', () => {
    expect(dim('A1').askedGroups?.map((l) => l.nl)).toEqual(['Leraar', 'Beleidsteam', 'Zorgteam']);
    expect(dim('C').askedGroups).toBeUndefined();
    expect(groupsAskedAbout(r, 'E')).toBeUndefined();
  });
});
