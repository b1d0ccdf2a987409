import pino from 'pino';
import type { Clock } from '../../src/core/ports';
import { createServices, type Actor, type Services } from '../../src/core/services';
import { respondentKey } from '../../src/core/response';
import { tinyQuestionnaire, TEST_NOW } from '../../src/core/testing/fixtures';
import type { FormField } from '../../src/core/views/types';
import { openTestDatabase, type TestDatabase } from '../support/mongo';

/**
 * "Later verder" keeps what was typed: a draft of the section (not counted, not submitted, not
 * validated), stored under the respondent's pseudonym and shown again at the next opening;
 * deleted once the section is submitted, and at closing.
 */
const SECRET = 'test-secret-test-secret-test-secret-0123';
let database: TestDatabase;
let services: Services;
const clock: Clock = { now: () => TEST_NOW };
let ids = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  services = createServices({ repos: database.repos, questionnaire: tinyQuestionnaire(), respondentSecret: SECRET, clock, logger: pino({ level: 'silent' }), newId: () => `draft-round-${++ids}` });
});
afterAll(() => database.close());

async function setUp(): Promise<{ coordinator: Actor; ann: Actor; roundId: string; closesAt: Date }> {
  const tenant = await services.tenants.ensure('playground', `draft-school-${ids}`, { installerId: 'coord' });
  const coordinator: Actor = { tenant, platformUserId: 'coord', lang: 'nl' };
  const closesAt = new Date(TEST_NOW.getTime() + 7 * 86_400_000);
  const round = await services.coordinators.createRound(coordinator, { title: 'Nulmeting', dimensionIds: ['X', 'Y'], depth: 'detailed', includeReflection: true, audience: { kind: 'list', id: 'staff' }, closesAt });
  await database.repos.rounds.transition(round.id, 'scheduled', 'open', { openedAt: TEST_NOW });
  await database.repos.participations.invite(round.id, tenant.id, ['ann', 'coord'], TEST_NOW);
  return { coordinator, ann: { tenant, platformUserId: 'ann', lang: 'nl' }, roundId: round.id, closesAt };
}

const valueOf = (fields: FormField[], id: string) => {
  const f = fields.find((x) => x.id === id);
  return f && 'value' in f ? f.value : undefined;
};

describe('drafts', () => {
  it('shows what was typed before a pause at the next opening, without counting or submitting it', async () => {
    const { ann, roundId, closesAt } = await setUp();
    await services.respondents.startOrContinue(ann, roundId);
    // Three statements answered, a text written, then "Later verder" (with a field no form has).
    await services.respondents.saveDraft(ann, roundId, 'X', { 'X-s1': '4', 'X-s2': '5', 'X-s3': '2', 'X-strengths': 'Een sterk zorgteam', group: 'teacher', __proto__: 'x', 'Y-s1': '3', $where: '1' });

    const again = await services.respondents.startOrContinue(ann, roundId);
    if (again.kind !== 'form') throw new Error('expected the form');
    expect(again.view.section).toBe('X');
    expect([1, 2, 3].map((i) => valueOf(again.view.fields, `X-s${i}`))).toEqual([4, 5, 2]);
    expect(valueOf(again.view.fields, 'X-strengths')).toBe('Een sterk zorgteam');
    expect(valueOf(again.view.fields, 'group')).toBe('teacher');
    expect(again.view.draft?.note).toContain('nog niet ingediend');
    expect(again.view.saved).toBe(false);
    // Paused, not saved: the person's own views say "under way" (Verdergaan), the counts do not.
    expect((await services.respondents.myRounds(ann))[0]!.status).toBe('in_progress');

    // Not an answer: nothing in responses, nothing counted.
    expect(await database.repos.responses.get(roundId, respondentKey(SECRET, roundId, 'ann'))).toBeNull();
    expect(await database.repos.responses.count(roundId)).toEqual({ started: 0, completed: 0 });
    // Stored under the pseudonym, with the round's close as its only time, and only the form's own fields.
    const [doc] = await database.db.collection('drafts').find({ roundId }).toArray();
    expect(JSON.stringify(doc)).not.toContain('"ann"');
    expect(doc).toMatchObject({ roundId, respondentKey: respondentKey(SECRET, roundId, 'ann'), section: 'X', expiresAt: closesAt });
    expect(Object.keys(doc!).sort()).toEqual(['_id', 'expiresAt', 'fields', 'respondentKey', 'roundId', 'schemaVersion', 'section']);
    expect(Object.keys(doc!.fields as object).sort()).toEqual(['X-s1', 'X-s2', 'X-s3', 'X-strengths', 'group']);
  });

  it('keeps days and grid cells of the reflection, and merges pages of one section', async () => {
    const { ann, roundId } = await setUp();
    await services.respondents.saveDraft(ann, roundId, 'reflection', { 'R2.career': '1,5' }, 'merge');
    await services.respondents.saveDraft(ann, roundId, 'reflection', { 'R3.career.mine': 'Gesprekken', R1: 'Goed' }, 'merge');
    expect(await services.respondents.draft(ann, roundId, 'reflection')).toEqual({ 'R2.career': '1,5', 'R3.career.mine': 'Gesprekken', R1: 'Goed' });
    const view = await services.respondents.openSection(ann, roundId, 'reflection');
    const days = view.fields.find((f) => f.id === 'R2');
    expect(days?.type === 'allocation' && days.domains.map((d) => d.value)).toEqual([1.5, undefined]);
    // The running total of the days chosen so far is on the form.
    expect(days?.type === 'allocation' && days.hint).toContain('Nu samen: 1,5 van de 5 dagen.');
    const grid = view.fields.find((f) => f.id === 'R3');
    expect(grid?.type === 'roleGrid' && grid.domains[0]!.cells[0]!.value).toBe('Gesprekken');
  });

  it('is gone once the section is submitted, and at closing', async () => {
    const { coordinator, ann, roundId } = await setUp();
    await services.respondents.saveDraft(ann, roundId, 'X', { 'X-s1': '4' });
    await services.respondents.saveDraft(ann, roundId, 'Y', { 'Y-s1': '2' });
    const out = await services.respondents.submitSection(ann, roundId, 'X', { 'X-s1': '4', 'X-s2': '4', 'X-s3': '4' });
    expect(out.ok).toBe(true);
    expect(await services.respondents.draft(ann, roundId, 'X')).toEqual({});
    // The next section opens with its own draft.
    if (!out.ok || out.next.kind !== 'form') throw new Error('expected the next form');
    expect(valueOf(out.next.view.fields, 'Y-s1')).toBe(2);
    await services.coordinators.cancel(coordinator, roundId);
    expect(await database.db.collection('drafts').countDocuments({ roundId })).toBe(0);
  });

  it('refuses a draft for a section the round does not have, or after closing', async () => {
    const { ann, roundId } = await setUp();
    await expect(services.respondents.saveDraft(ann, roundId, 'Z', { 'Z-s1': '1' })).rejects.toMatchObject({ code: 'unknown_section' });
    await database.repos.rounds.transition(roundId, 'open', 'closed', { closedAt: TEST_NOW });
    await expect(services.respondents.saveDraft(ann, roundId, 'X', { 'X-s1': '1' })).rejects.toMatchObject({ code: 'round_closed' });
  });
});

describe('a quick round', () => {
  it('is one form for all dimensions (then the reflection); submitting it submits every dimension', async () => {
    const tenant = await services.tenants.ensure('playground', `quick-school-${ids}`, { installerId: 'coord' });
    const coordinator: Actor = { tenant, platformUserId: 'coord', lang: 'nl' };
    const round = await services.coordinators.createRound(coordinator, { title: 'Snel', dimensionIds: ['X', 'Y'], depth: 'quick', includeReflection: true, audience: { kind: 'list', id: 'staff' }, closesAt: new Date(TEST_NOW.getTime() + 7 * 86_400_000) });
    await database.repos.rounds.transition(round.id, 'scheduled', 'open', { openedAt: TEST_NOW });
    await database.repos.participations.invite(round.id, tenant.id, ['ann'], TEST_NOW);
    const ann: Actor = { tenant, platformUserId: 'ann', lang: 'nl' };

    const first = await services.respondents.startOrContinue(ann, round.id);
    if (first.kind !== 'form') throw new Error('expected the form');
    expect(first.view.section).toBe('dimensions');
    expect(first.view.fields.filter((f) => f.type === 'scale').map((f) => f.id)).toEqual(['X-global', 'Y-global']);
    expect(first.view.fields.find((f) => f.id === 'Y-global')?.label).toMatch(/^Y\. /);
    expect(first.view.progress).toMatchObject({ index: 1, total: 2 });

    const refused = await services.respondents.submitSection(ann, round.id, 'dimensions', { 'X-global': '4' });
    expect(!refused.ok && Object.keys(refused.form.errors)).toEqual(['Y-global']);
    const saved = await services.respondents.submitSection(ann, round.id, 'dimensions', { 'X-global': '4', 'Y-global': '2', 'Y-strengths': 'Goed' });
    if (!saved.ok || saved.next.kind !== 'form') throw new Error('expected the reflection');
    expect(saved.next.view.section).toBe('reflection');
    const stored = await database.repos.responses.get(round.id, respondentKey(SECRET, round.id, 'ann'));
    expect(stored?.submittedSections.sort()).toEqual(['X', 'Y']);
    expect(stored?.answers).toMatchObject({ 'X-global': 4, 'Y-global': 2, 'Y-strengths': 'Goed' });
    // The review lists the one form, and a dimension opens it.
    const review = await services.respondents.review(ann, round.id);
    expect(review.sections.map((s) => [s.section, s.submitted])).toEqual([['dimensions', true], ['reflection', false]]);
    expect((await services.respondents.openSection(ann, round.id, 'Y')).section).toBe('dimensions');
  });
});
