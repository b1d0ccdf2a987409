import pino from 'pino';
import { SurveyError } from '../../src/core/errors';
import type { Clock } from '../../src/core/ports';
import { createServices, type Actor, type Services } from '../../src/core/services';
import { respondentKey } from '../../src/core/response';
import { tinyQuestionnaire, TEST_NOW } from '../../src/core/testing/fixtures';
import type { Tenant } from '../../src/core/tenant';
import { openTestDatabase, type TestDatabase } from '../support/mongo';

/**
 * The core's use cases end to end on the real store (whichever MongoDB the run picked), with no
 * chat platform: what every adapter relies on.
 */
const SECRET = 'test-secret-test-secret-test-secret-0123';
let database: TestDatabase;
let services: Services;
let now = TEST_NOW;
const clock: Clock = { now: () => now };
let ids = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  services = createServices(
    { repos: database.repos, questionnaire: tinyQuestionnaire(), respondentSecret: SECRET, clock, logger: pino({ level: 'silent' }), newId: () => `round-${++ids}` },
    { describeUser: (_t, id) => `@${id}` },
  );
});
afterAll(() => database.close());

async function setUp(): Promise<{ tenant: Tenant; coordinator: Actor; staff: (id: string) => Actor; roundId: string }> {
  now = TEST_NOW;
  const tenant = await services.tenants.ensure('playground', `school-${ids}`, { installerId: 'coord' });
  const coordinator: Actor = { tenant, platformUserId: 'coord', lang: 'nl' };
  const round = await services.coordinators.createRound(coordinator, {
    title: 'Nulmeting',
    dimensionIds: ['Y', 'X'],
    depth: 'detailed',
    includeReflection: true,
    audience: { kind: 'list', id: 'staff' },
    closesAt: new Date(TEST_NOW.getTime() + 7 * 86_400_000),
  });
  // What the open-round job does: open the round and invite the audience.
  await database.repos.rounds.transition(round.id, 'scheduled', 'open', { openedAt: now });
  await database.repos.participations.invite(round.id, tenant.id, ['ann', 'bert', 'coord'], now);
  return { tenant, coordinator, staff: (id) => ({ tenant, platformUserId: id, lang: 'nl' }), roundId: round.id };
}

const fullX = { 'X-s1': '4', 'X-s2': 5, 'X-s3': '6', 'X-strengths': '  Sterk team \u0007 ', group: 'teacher' };

describe('survey flow on the real store', () => {
  it('plans the round durably and keeps the questionnaire order of dimensions', async () => {
    const { coordinator, roundId } = await setUp();
    const round = await database.repos.rounds.get(roundId);
    expect(round?.dimensionIds).toEqual(['X', 'Y']);
    expect(round?.state).toBe('open');
    const jobs = await database.repos.jobs.countByStatus({ roundId });
    // open + 2 default reminders (72 h, 24 h) + close
    expect(jobs.pending).toBe(4);
    const [status] = await services.coordinators.status(coordinator, roundId);
    expect(status?.progress.invited).toBe(3);
    expect(status?.progressLine).toContain('3 uitgenodigd');
  });

  it('walks a respondent through every section, storing answers under a pseudonym only', async () => {
    const { staff, roundId } = await setUp();
    const ann = staff('ann');
    const first = await services.respondents.startOrContinue(ann, roundId);
    expect(first.kind).toBe('form');
    if (first.kind !== 'form') return;
    expect(first.view.section).toBe('X');
    // Two dimensions and the reflection: the label counts dimensions, the step counts all three.
    expect(first.view.progress).toEqual({ index: 1, total: 3, label: 'Dimensie 1 van 2' });
    expect(first.view.fields.map((f) => f.id)).toEqual(['X-global', 'X-s1', 'X-s2', 'X-s3', 'X-strengths', 'X-priorities', 'group']);

    const afterX = await services.respondents.submitSection(ann, roundId, 'X', fullX);
    expect(afterX.ok).toBe(true);
    if (!afterX.ok || afterX.next.kind !== 'form') throw new Error('expected the next form');
    expect(afterX.next.view.section).toBe('Y');

    const stored = await database.repos.responses.get(roundId, respondentKey(SECRET, roundId, 'ann'));
    expect(stored?.answers).toMatchObject({ 'X-s1': 4, 'X-s2': 5, 'X-s3': 6, 'X-strengths': 'Sterk team' });
    expect(stored?.group).toBe('teacher');
    expect(JSON.stringify(await database.db.collection('responses').find({}).toArray())).not.toContain('"ann"');

    await services.respondents.submitSection(ann, roundId, 'Y', { 'Y-s1': 2, 'Y-s2': 3 });
    const done = await services.respondents.submitSection(ann, roundId, 'reflection', { R1: 'Goed', 'R2.career': '1,5', 'R2.learning': '2', 'R3.career.mine': 'Ik volg op' });
    expect(done.ok && done.next.kind).toBe('review');
    if (done.ok && done.next.kind === 'review') expect(done.next.view.complete).toBe(true);
    // Finished is the response's to say; the invitation only says it arrived.
    expect((await database.repos.participations.get(roundId, 'ann'))?.status).toBe('delivered');
    const [mine] = await services.respondents.myRounds(ann);
    expect(mine?.status).toBe('completed');
  });

  it('returns every error at once, keeps the typed values and saves nothing', async () => {
    const { staff, roundId } = await setUp();
    const bert = staff('bert');
    const out = await services.respondents.submitSection(bert, roundId, 'reflection', { 'R2.career': '3', 'R2.learning': '2.5', R1: 'x'.repeat(2001) });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(Object.keys(out.form.errors).sort()).toEqual(['R1', 'R2']);
    expect(out.form.errors.R2).toBe('Samen is dat 5,5 dagen; een werkweek telt er hoogstens 5.');
    const allocation = out.form.fields.find((f) => f.id === 'R2');
    expect(allocation?.type === 'allocation' && allocation.domains.map((d) => d.value)).toEqual(['3', '2.5']);
    expect(await database.repos.responses.get(roundId, respondentKey(SECRET, roundId, 'bert'))).toBeNull();
  });

  it('lets a respondent change an answer, idempotently', async () => {
    const { staff, roundId } = await setUp();
    const ann = staff('ann');
    await services.respondents.submitSection(ann, roundId, 'X', fullX);
    await services.respondents.submitSection(ann, roundId, 'X', { ...fullX, 'X-s1': 2, 'X-strengths': '' });
    await services.respondents.submitSection(ann, roundId, 'X', { ...fullX, 'X-s1': 2, 'X-strengths': '' });
    const stored = await database.repos.responses.get(roundId, respondentKey(SECRET, roundId, 'ann'));
    expect(stored?.answers['X-s1']).toBe(2);
    expect(stored?.answers).not.toHaveProperty('X-strengths');
    expect(stored?.submittedSections).toEqual(['X']);
    expect(await database.db.collection('responses').countDocuments({ roundId })).toBe(1);
  });

  it('refuses coordinator actions to non-coordinators, naming the coordinators', async () => {
    const { staff, roundId } = await setUp();
    await expect(services.coordinators.status(staff('ann'), roundId)).rejects.toMatchObject({ code: 'not_coordinator', params: { coordinators: '@coord' } });
  });

  it('refuses people who were not invited', async () => {
    const { staff, roundId } = await setUp();
    await expect(services.respondents.startOrContinue(staff('stranger'), roundId)).rejects.toMatchObject({ code: 'not_invited' });
    await expect(services.respondents.invitation(staff('stranger'), roundId)).rejects.toMatchObject({ code: 'not_invited' });
  });

  it('gives an invited person their invitation and the scale in their own language (one language per person), and remembers it', async () => {
    const { staff, roundId } = await setUp();
    await database.repos.participations.recordDelivery(roundId, 'ann', { conversationId: 'D1', invitationMessageId: 'm1' }, now);
    const english = { ...staff('ann'), lang: 'en' as const };
    const asSent = await services.respondents.invitation(english, roundId);
    expect(asSent.view.lang).toBe('en');
    expect((await database.repos.participations.get(roundId, 'ann'))?.lang).toBe('en');
    expect((await services.respondents.invitation(english, roundId, 'nl')).view.lang).toBe('nl');
    expect(asSent.delivered).toEqual({ conversationId: 'D1', messageId: 'm1' });
    expect(asSent.scale.title).toBe('What do the points on the scale mean?');
    expect(asSent.scale.points.map((p) => p.value)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await services.respondents.invitation(english, roundId, 'en')).view.lang).toBe('en');
  });

  it('refuses every write after closing, with the round-closed message', async () => {
    const { staff, roundId } = await setUp();
    now = new Date(TEST_NOW.getTime() + 8 * 86_400_000);
    const err = await services.respondents.submitSection(staff('ann'), roundId, 'X', fullX).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SurveyError);
    expect((err as SurveyError).code).toBe('round_closed');
  });

  it('keeps answers hidden from the coordinator while the round is open', async () => {
    const { coordinator, roundId } = await setUp();
    await expect(services.coordinators.moderation(coordinator, roundId)).rejects.toMatchObject({ code: 'round_still_open' });
  });

  it('lets someone opt out and change their mind', async () => {
    const { staff, roundId } = await setUp();
    await services.respondents.optOut(staff('bert'), roundId);
    expect((await database.repos.participations.get(roundId, 'bert'))?.status).toBe('opted_out');
    await services.respondents.startOrContinue(staff('bert'), roundId);
    expect((await database.repos.participations.get(roundId, 'bert'))?.status).toBe('delivered');
  });

  it('creates one round for one request, however often it arrives', async () => {
    const { coordinator } = await setUp();
    const input = { title: 'Herhaald', dimensionIds: ['X'], depth: 'quick' as const, includeReflection: false, audience: { kind: 'list' as const, id: 'staff' }, closesAt: new Date(TEST_NOW.getTime() + 86_400_000) };
    const [a, b] = await Promise.all([
      services.coordinators.createRound(coordinator, input, { requestKey: 'view-1' }),
      services.coordinators.createRound(coordinator, input, { requestKey: 'view-1' }),
    ]);
    const c = await services.coordinators.createRound(coordinator, input, { requestKey: 'view-1' });
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(await database.db.collection('rounds').countDocuments({ title: 'Herhaald' })).toBe(1);
    // open + close: a one-day round keeps no reminder (72 h and 24 h are not inside it).
    expect((await database.repos.jobs.countByStatus({ roundId: a.id })).pending).toBe(2);
    const other = await services.coordinators.createRound(coordinator, input, { requestKey: 'view-2' });
    expect(other.id).not.toBe(a.id);
  });

  it('plans the jobs of a round whose first attempt stored it and then failed, when the coordinator tries again', async () => {
    const { coordinator } = await setUp();
    const input = { title: 'Half aangemaakt', dimensionIds: ['X'], depth: 'quick' as const, includeReflection: false, audience: { kind: 'list' as const, id: 'staff' }, closesAt: new Date(TEST_NOW.getTime() + 86_400_000) };
    // The store goes away right after the round is in: the coordinator sees an error.
    const enqueue = database.repos.jobs.enqueue.bind(database.repos.jobs);
    database.repos.jobs.enqueue = async () => {
      throw new Error('store unavailable');
    };
    try {
      await expect(services.coordinators.createRound(coordinator, input, { requestKey: 'view-crash' })).rejects.toThrow('store unavailable');
    } finally {
      database.repos.jobs.enqueue = enqueue;
    }
    const stored = await database.db.collection('rounds').findOne({ title: 'Half aangemaakt' });
    expect(stored).not.toBeNull();
    expect((await database.repos.jobs.countByStatus({ roundId: String(stored!._id) })).pending ?? 0).toBe(0);
    // The same form again: the same round, now with its open and close jobs.
    const round = await services.coordinators.createRound(coordinator, input, { requestKey: 'view-crash' });
    expect(round.id).toBe(String(stored!._id));
    expect((await database.repos.jobs.countByStatus({ roundId: round.id })).pending).toBe(2);
  });

  it('cancels a round and its pending jobs', async () => {
    const { coordinator, roundId } = await setUp();
    await services.coordinators.cancel(coordinator, roundId);
    expect((await database.repos.rounds.get(roundId))?.state).toBe('cancelled');
    expect((await database.repos.jobs.countByStatus({ roundId })).pending ?? 0).toBe(0);
  });
});
