import pino from 'pino';
import type { Clock } from '../../src/core/ports';
import { respondentKey } from '../../src/core/response';
import { createServices, type Actor, type Services } from '../../src/core/services';
import { sectionRespondents, submittedAnswerSets } from '../../src/core/summary/answer-sets';
import { tinyQuestionnaire, TEST_NOW } from '../../src/core/testing/fixtures';
import { openTestDatabase, type TestDatabase } from '../support/mongo';

/**
 * "Ik doe niet mee" after answering: asked first, then every answer of that person is erased
 * (open answers too), reminders stop, and nothing of theirs counts — not in the status, not in
 * the response counts, not in what aggregation sees. After closing nothing can be withdrawn.
 */
const SECRET = 'withdrawal-secret-withdrawal-secret-0123';
let database: TestDatabase;
let services: Services;
let now = TEST_NOW;
const clock: Clock = { now: () => now };
let ids = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  services = createServices(
    { repos: database.repos, questionnaire: tinyQuestionnaire(), respondentSecret: SECRET, clock, logger: pino({ level: 'silent' }), newId: () => `wround-${++ids}` },
    { describeUser: (_t, id) => `@${id}` },
  );
});
afterAll(() => database.close());

async function openRound(): Promise<{ coordinator: Actor; staff: (id: string) => Actor; roundId: string }> {
  now = TEST_NOW;
  const tenant = await services.tenants.ensure('playground', `withdraw-${ids}`, { installerId: 'coord' });
  const coordinator: Actor = { tenant, platformUserId: 'coord', lang: 'nl' };
  const round = await services.coordinators.createRound(coordinator, {
    title: 'Nulmeting',
    dimensionIds: ['X', 'Y'],
    depth: 'detailed',
    includeReflection: true,
    audience: { kind: 'list', id: 'staff' },
    closesAt: new Date(TEST_NOW.getTime() + 7 * 86_400_000),
  });
  await database.repos.rounds.transition(round.id, 'scheduled', 'open', { openedAt: now });
  await database.repos.participations.invite(round.id, tenant.id, ['ann', 'bert', 'cleo'], now);
  return { coordinator, staff: (id) => ({ tenant, platformUserId: id, lang: 'nl' }), roundId: round.id };
}

const fullX = { 'X-s1': '4', 'X-s2': 5, 'X-s3': '6', 'X-strengths': 'Ons zorgteam overlegt elke week.', group: 'teacher' };
const fullY = { 'Y-s1': 2, 'Y-s2': 3 };
const reflection = { R1: 'Een leerling die weer graag komt.', 'R2.career': '1' };

async function answerAll(actor: Actor, roundId: string): Promise<void> {
  await services.respondents.submitSection(actor, roundId, 'X', fullX);
  await services.respondents.submitSection(actor, roundId, 'Y', fullY);
  await services.respondents.submitSection(actor, roundId, 'reflection', reflection);
}

describe('withdrawal', () => {
  it('asks first, then erases a finished respondent’s answers so they count nowhere', async () => {
    const { coordinator, staff, roundId } = await openRound();
    await answerAll(staff('ann'), roundId);
    await answerAll(staff('bert'), roundId);
    const key = respondentKey(SECRET, roundId, 'ann');
    expect((await database.repos.responses.get(roundId, key))?.complete).toBe(true);

    const asked = await services.respondents.optOut(staff('ann'), roundId);
    expect(asked).toEqual({ kind: 'confirm', view: expect.objectContaining({ roundId, title: 'Niet meer meedoen?', labels: { confirm: 'Ja, wis mijn antwoorden', cancel: 'Nee, ik doe verder mee' } }) });
    expect(asked.kind === 'confirm' && asked.view.text).toContain('ook je open antwoorden');
    // Asking changed nothing.
    expect((await database.repos.responses.get(roundId, key))?.submittedSections).toHaveLength(3);

    const done = await services.respondents.optOut(staff('ann'), roundId, { confirmed: true });
    expect(done).toEqual({ kind: 'done', erased: true, text: expect.stringContaining('Je antwoorden zijn gewist en tellen niet mee. Je krijgt geen herinneringen meer') });

    // The document stays (counts and order say nothing) but holds nothing of hers.
    const erased = await database.repos.responses.get(roundId, key);
    expect(erased).toMatchObject({ answers: {}, submittedSections: [] });
    expect(erased).not.toHaveProperty('group');
    expect(erased).not.toHaveProperty('completedAt');
    expect(await database.db.collection('responses').countDocuments({ roundId })).toBe(2);
    expect(JSON.stringify(await database.db.collection('responses').findOne({ roundId, respondentKey: key }))).not.toContain('zorgteam');

    // Counted nowhere: not as completed, not as started, not in what aggregation sees.
    expect((await database.repos.participations.get(roundId, 'ann'))?.status).toBe('opted_out');
    expect(await database.repos.responses.count(roundId)).toEqual({ started: 1, completed: 1 });
    const [status] = await services.coordinators.status(coordinator, roundId);
    expect(status?.progress).toMatchObject({ invited: 3, completed: 1, started: 1, optedOut: 1 });
    const round = (await database.repos.rounds.get(roundId))!;
    const responses = await database.repos.responses.listByRound(roundId);
    expect(submittedAnswerSets(round, responses).filter((s) => Object.keys(s.answers).length > 0)).toHaveLength(1);
    expect(sectionRespondents(responses)).toEqual(new Map([['X', 1], ['Y', 1], ['reflection', 1]]));

    // No reminders: she is no longer among the people a reminder goes to.
    expect((await database.repos.participations.listByRound(roundId, { statuses: ['delivered'] })).map((p) => p.platformUserId)).not.toContain('ann');

    // A repeated confirmation changes nothing; starting again is possible while the round is open.
    expect(await services.respondents.optOut(staff('ann'), roundId, { confirmed: true })).toMatchObject({ kind: 'done' });
    const again = await services.respondents.startOrContinue(staff('ann'), roundId);
    expect(again.kind === 'form' && again.view.section).toBe('X');
  });

  it('asks someone who only started too, and erases the section they saved', async () => {
    const { staff, roundId } = await openRound();
    await services.respondents.submitSection(staff('cleo'), roundId, 'X', fullX);
    expect((await services.respondents.optOut(staff('cleo'), roundId)).kind).toBe('confirm');
    await services.respondents.optOut(staff('cleo'), roundId, { confirmed: true });
    expect(await database.repos.responses.get(roundId, respondentKey(SECRET, roundId, 'cleo'))).toMatchObject({ answers: {}, submittedSections: [] });
    expect(await database.repos.responses.count(roundId)).toEqual({ started: 0, completed: 0 });
  });

  it('deletes what was typed and paused on ("Later verder") too, so "Starten" does not bring it back', async () => {
    const { staff, roundId } = await openRound();
    await services.respondents.submitSection(staff('cleo'), roundId, 'X', fullX);
    await services.respondents.saveDraft(staff('cleo'), roundId, 'Y', { 'Y-s1': '2' });
    await services.respondents.saveDraft(staff('cleo'), roundId, 'reflection', { R1: 'Half geschreven over een collega' });
    await services.respondents.optOut(staff('cleo'), roundId, { confirmed: true });
    expect(await database.db.collection('drafts').countDocuments({ roundId })).toBe(0);
    // Someone with only a draft (nothing saved) is let out at once, and the draft goes too.
    await services.respondents.saveDraft(staff('bert'), roundId, 'reflection', { R1: 'Nog niet ingediend' });
    expect(await services.respondents.optOut(staff('bert'), roundId)).toMatchObject({ kind: 'done', erased: false });
    expect(await database.db.collection('drafts').countDocuments({ roundId })).toBe(0);
    const again = await services.respondents.startOrContinue(staff('bert'), roundId);
    expect(JSON.stringify(again)).not.toContain('Nog niet ingediend');
  });

  it('lets someone with nothing saved out at once, without a question, even after opening the form', async () => {
    const { staff, roundId } = await openRound();
    await services.respondents.startOrContinue(staff('bert'), roundId);
    expect((await database.repos.participations.get(roundId, 'bert'))?.status).toBe('delivered');
    const done = await services.respondents.optOut(staff('bert'), roundId);
    expect(done).toEqual({ kind: 'done', erased: false, text: expect.stringContaining('Begrepen') });
    expect((await database.repos.participations.get(roundId, 'bert'))?.status).toBe('opted_out');
    expect(await database.repos.responses.get(roundId, respondentKey(SECRET, roundId, 'bert'))).toBeNull();
  });

  it('withdraws nothing after closing, and says the summary is anonymous and final', async () => {
    const { coordinator, staff, roundId } = await openRound();
    await answerAll(staff('ann'), roundId);
    await services.coordinators.closeNow(coordinator, roundId);
    await database.repos.rounds.transition(roundId, 'open', 'closed', { closedAt: now });
    for (const confirmed of [false, true]) {
      await expect(services.respondents.optOut(staff('ann'), roundId, { confirmed })).rejects.toMatchObject({ code: 'withdrawal_closed' });
    }
    expect((await database.repos.responses.get(roundId, respondentKey(SECRET, roundId, 'ann')))?.submittedSections).toHaveLength(3);
    // Past the closing time, before the close job ran, the same.
    const { staff: staff2, roundId: second } = await openRound();
    await answerAll(staff2('ann'), second);
    now = new Date(TEST_NOW.getTime() + 8 * 86_400_000);
    await expect(services.respondents.optOut(staff2('ann'), second)).rejects.toMatchObject({ code: 'withdrawal_closed' });
  });
});
