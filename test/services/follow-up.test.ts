import ExcelJS from 'exceljs';
import pino from 'pino';
import type { Clock } from '../../src/core/ports';
import { createServices, type Actor, type Services } from '../../src/core/services';
import { tinyQuestionnaire, TEST_NOW } from '../../src/core/testing/fixtures';
import type { Tenant } from '../../src/core/tenant';
import { closeVote } from '../../src/core/vote/vote-service';
import { coreSummarySnapshot } from '../../src/orchestration/summary-snapshot';
import { openTestDatabase, type TestDatabase } from '../support/mongo';

/** The priority vote and the action plan through the core services on a real (stand-in) MongoDB. */
const SECRET = 'test-secret-test-secret-test-secret-0123';
let database: TestDatabase;
let services: Services;
let now = TEST_NOW;
const clock: Clock = { now: () => now };
let ids = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  services = createServices({ repos: database.repos, questionnaire: tinyQuestionnaire(), respondentSecret: SECRET, clock, logger: pino({ level: 'silent' }), newId: () => `id-${++ids}` });
});
afterAll(() => database.close());

const people = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];

/** A detailed round on X, answered by six people, closed and published. */
async function publishedRound(externalId: string): Promise<{ tenant: Tenant; coordinator: Actor; roundId: string }> {
  let tenant = await services.tenants.ensure('playground', externalId, { installerId: 'coord' });
  tenant = await database.repos.tenants.updateSettings(tenant.id, { teamChannel: { id: 'C-team' } }, now);
  const coordinator: Actor = { tenant, platformUserId: 'coord', lang: 'nl' };
  const round = await services.coordinators.createRound(coordinator, {
    title: 'Nulmeting',
    dimensionIds: ['X'],
    depth: 'detailed',
    includeReflection: false,
    audience: { kind: 'list', id: 'staff' },
    closesAt: new Date(now.getTime() + 86_400_000),
    moderation: false,
  });
  await database.repos.rounds.transition(round.id, 'scheduled', 'open', { openedAt: now });
  await database.repos.participations.invite(round.id, tenant.id, people, now);
  for (const [i, p] of people.entries()) {
    await services.respondents.submitSection({ tenant, platformUserId: p, lang: 'nl' }, round.id, 'X', { 'X-s1': 1 + (i % 2), 'X-s2': 4, 'X-s3': 5 });
  }
  const closed = await database.repos.rounds.transition(round.id, 'open', 'closed', { closedAt: now });
  const snapshot = await coreSummarySnapshot(database.repos)(closed!, now);
  await database.repos.summaries.saveOnce({ roundId: round.id, tenantId: tenant.id, summary: snapshot.summary, chartToken: `token-${externalId}`, computedAt: now });
  await database.repos.rounds.transition(round.id, 'closed', 'published', { publishedAt: now });
  return { tenant, coordinator, roundId: round.id };
}

const actor = (tenant: Tenant, platformUserId: string): Actor => ({ tenant, platformUserId, lang: 'nl' });

test('a vote: one ballot per invited colleague, stored apart from who voted, ranked only from k voters', async () => {
  const { tenant, coordinator, roundId } = await publishedRound('school-vote');
  await expect(services.votes.open(actor(tenant, 'p1'))).rejects.toMatchObject({ code: 'not_coordinator' });
  const vote = await services.votes.open(coordinator);
  // Opening twice (double click) yields the same vote.
  expect((await services.votes.open(coordinator)).id).toBe(vote.id);
  expect(vote.roundId).toBe(roundId);
  // The work points come first (the weakest statement X-s1), then the other statements.
  expect(vote.options.map((o) => o.id)).toEqual(['X-s1', 'X-s2', 'X-s3']);
  expect(vote.options[0]!.kind).toBe('workPoint');
  expect(vote.k).toBe(5);

  const ballot = await services.votes.ballot(actor(tenant, 'p1'));
  expect(ballot.options).toHaveLength(3);
  expect(ballot.alreadyVoted).toBeUndefined();
  await expect(services.votes.ballot(actor(tenant, 'stranger'))).rejects.toMatchObject({ code: 'not_invited' });
  await expect(services.votes.cast(actor(tenant, 'p1'), vote.id, [])).rejects.toMatchObject({ code: 'vote_no_choice' });
  await expect(services.votes.cast(actor(tenant, 'p1'), vote.id, ['X-s1', 'X-s2', 'X-s3', 'Y-s1'])).rejects.toMatchObject({ code: 'vote_unknown_option' });
  await expect(services.votes.cast(actor(tenant, 'p1'), vote.id, ['__proto__'])).rejects.toMatchObject({ code: 'vote_unknown_option' });

  const choices: Record<string, string[]> = { p1: ['X-s1', 'X-s2'], p2: ['X-s1'], p3: ['X-s3', 'X-s1'], p4: ['X-s2'], p5: ['X-s1', 'X-s2', 'X-s3'] };
  for (const [p, c] of Object.entries(choices)) await services.votes.cast(actor(tenant, p), vote.id, c);
  // A second vote (a double click, a retry) is refused and adds nothing.
  await expect(services.votes.cast(actor(tenant, 'p1'), vote.id, ['X-s3'])).rejects.toMatchObject({ code: 'vote_already_cast' });
  expect((await services.votes.ballot(actor(tenant, 'p1'))).alreadyVoted).toContain('al gestemd');

  // What a database reader sees: voter records without user ids or ObjectIds (no time stamp),
  // ballots without person, time or time-ordered id.
  const voterDocs = await database.db.collection('vote_voters').find({}).toArray();
  expect(voterDocs).toHaveLength(5);
  for (const doc of voterDocs) {
    expect(typeof doc._id).toBe('string');
    expect(Object.keys(doc).sort()).toEqual(['_id', 'schemaVersion', 'voteId']);
    expect(JSON.stringify(doc)).not.toMatch(/"p[1-6]"/);
  }
  const stored = await database.db.collection('votes').findOne({ _id: vote.id as never });
  const ballots = stored!.ballots as { id: string; choices: string[] }[];
  expect(ballots).toHaveLength(5);
  for (const b of ballots) {
    expect(Object.keys(b).sort()).toEqual(['choices', 'id']);
    expect(b.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(b.choices).toEqual([...b.choices].sort());
  }
  expect(JSON.stringify(stored)).not.toMatch(/"p[1-6]"/);
  // The vote document itself changes nothing but its ballots while people vote (no updatedAt).
  expect(stored!.updatedAt).toBeUndefined();

  now = new Date(now.getTime() + 3_600_000);
  const closed = await closeVote(database.repos, vote.id, now);
  expect(closed!.result).toEqual({
    status: 'shown',
    voters: 5,
    ranking: [
      { optionId: 'X-s1', dimensionId: 'X', text: expect.anything(), votes: 4 },
      { optionId: 'X-s2', dimensionId: 'X', text: expect.anything(), votes: 3 },
      { optionId: 'X-s3', dimensionId: 'X', text: expect.anything(), votes: 2 },
    ],
  });
  // Closing again changes nothing; voting after closing is refused.
  expect((await closeVote(database.repos, vote.id, now))!.result).toEqual(closed!.result);
  await expect(services.votes.cast(actor(tenant, 'p6'), vote.id, ['X-s1'])).rejects.toMatchObject({ code: 'vote_closed' });
  const jobs = await database.db.collection('jobs').find({ 'payload.voteId': vote.id }).toArray();
  expect(jobs.map((j) => j.kind).sort()).toEqual(['close-vote', 'post-vote']);
});

test('a vote with fewer than k voters shows no result', async () => {
  const { tenant, coordinator } = await publishedRound('school-few');
  const vote = await services.votes.open(coordinator);
  for (const p of ['p1', 'p2', 'p3', 'p4']) await services.votes.cast(actor(tenant, p), vote.id, ['X-s1']);
  const closed = await closeVote(database.repos, vote.id, now);
  expect(closed!.result).toEqual({ status: 'withheld', reason: 'too_few', voters: 4 });
});

test('actions: recorded by coordinators and the people they allow, owners hear of it, the plan follows', async () => {
  const { tenant, coordinator, roundId } = await publishedRound('school-actions');
  const input = { workPointId: 'X-s1', what: 'Leerlingbespreking elke maand', ownerUserId: 'p2', dueDate: '2026-04-30', successSign: 'Elke klas is besproken' };
  await expect(services.actions.record(actor(tenant, 'p3'), input)).rejects.toMatchObject({ code: 'not_action_editor' });
  const action = await services.actions.record(coordinator, input, { requestKey: 'view-1' });
  expect(action).toMatchObject({ roundId, dimensionId: 'X', owner: { kind: 'person', platformUserId: 'p2' }, status: 'planned' });
  // The same request twice stores one action.
  expect((await services.actions.record(coordinator, input, { requestKey: 'view-1' })).id).toBe(action.id);
  expect(await services.actions.list(actor(tenant, 'p5'))).toHaveLength(1);

  await expect(services.actions.record(coordinator, { ...input, workPointId: 'Y-s1' })).rejects.toMatchObject({ code: 'invalid_action', field: 'workPointId' });
  await expect(services.actions.record(coordinator, { ...input, dueDate: '2026-02-30' })).rejects.toMatchObject({ code: 'invalid_action', field: 'dueDate' });
  await expect(services.actions.record(coordinator, { ...input, dueDate: '2025-01-01' })).rejects.toMatchObject({ code: 'invalid_action', field: 'dueDate' });
  await expect(services.actions.record(coordinator, { ...input, ownerUserId: '', ownerGroup: '' })).rejects.toMatchObject({ code: 'invalid_action', field: 'owner' });

  await expect(services.actions.allowEditors(actor(tenant, 'p3'), ['p3'])).rejects.toMatchObject({ code: 'not_coordinator' });
  await services.actions.allowEditors(coordinator, ['p3']);
  const updated = await services.actions.update(actor(tenant, 'p3'), action.id, { status: 'in_progress', statusNote: 'Eerste bespreking gehouden' });
  expect(updated).toMatchObject({ status: 'in_progress', statusNote: 'Eerste bespreking gehouden' });

  const jobs = await database.db.collection('jobs').find({ tenantId: tenant.id }).toArray();
  const keys = jobs.map((j) => j.key as string);
  // One plan update per change (recorded, updated), and one more for the repeated request: it
  // cannot know whether the first attempt got as far as planning its follow-up.
  expect(keys.filter((k) => k.startsWith('action-plan:'))).toHaveLength(3);
  expect(keys.filter((k) => k === `action-owner:${action.id}:p2:assigned`)).toHaveLength(1);
  expect(keys).toContain(`action-owner:${action.id}:p2:assigned`);
  const due = jobs.find((j) => j.key === `action-owner:${action.id}:p2:due:2026-04-30`);
  // Two days before the due date, at 09:00 in Brussels (summer time: 07:00 UTC).
  expect((due!.runAt as Date).toISOString()).toBe('2026-04-28T07:00:00.000Z');

  // The export carries the plan: a sheet in the workbook, and a CSV of its own.
  const xlsx = await services.coordinators.exportRound(coordinator, roundId, 'xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.data as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Actieplan')!;
  expect(sheet.getRow(1).values).toContain('Waaraan zien we dat het lukt?');
  expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(['Leerlingbespreking elke maand', 'p2', '2026-04-30', 'bezig', 'Eerste bespreking gehouden']));
  const csv = await services.coordinators.exportRound(coordinator, roundId, 'csv', 'actions');
  expect(csv.filename).toMatch(/-actions\.csv$/);
  expect(csv.data.toString('utf8')).toContain('Leerlingbespreking elke maand');
});

test("the next round's summary shows, per dimension, the actions since the previous round beside the trend", async () => {
  const { tenant, coordinator, roundId } = await publishedRound('school-loop');
  await services.actions.record(coordinator, { workPointId: 'X-s1', what: 'Leerlingbespreking elke maand', ownerGroup: 'Zorgteam', dueDate: '2026-04-30', successSign: 'Elke klas besproken' });
  const [action] = await services.actions.list(coordinator);
  await services.actions.update(coordinator, action!.id, { status: 'done' });

  // The same round again, a month later, with higher scores on X-s1.
  now = new Date(now.getTime() + 30 * 86_400_000);
  const repeat = await services.repeat.previous(coordinator);
  expect(repeat).toMatchObject({ dimensionIds: ['X'], depth: 'detailed', includeReflection: false, moderation: false });
  const second = await services.coordinators.createRound(coordinator, {
    title: 'Tweede meting',
    dimensionIds: repeat!.dimensionIds,
    depth: repeat!.depth,
    includeReflection: repeat!.includeReflection,
    audience: repeat!.audience,
    closesAt: new Date(now.getTime() + 86_400_000),
    moderation: repeat!.moderation,
  });
  await database.repos.rounds.transition(second.id, 'scheduled', 'open', { openedAt: now });
  await database.repos.participations.invite(second.id, tenant.id, people, now);
  for (const p of people) await services.respondents.submitSection(actor(tenant, p), second.id, 'X', { 'X-s1': 4, 'X-s2': 4, 'X-s3': 5 });
  const closed = await database.repos.rounds.transition(second.id, 'open', 'closed', { closedAt: now });
  const { summary } = await coreSummarySnapshot(database.repos)(closed!, now);
  expect(summary.trend.comparable).toBe(true);
  expect(summary.followUp).toEqual({
    previous: { roundId, title: 'Nulmeting' },
    dimensions: [
      {
        dimensionId: 'X',
        title: expect.anything(),
        // Before: X-s1 1.5, X-s2 4, X-s3 5 → 3.5; now 4, 4, 5 → 4.333…
        change: { status: 'shown', previousMean: 3.5, currentMean: expect.closeTo(13 / 3, 5), change: expect.closeTo(13 / 3 - 3.5, 5) },
        actions: [{ what: 'Leerlingbespreking elke maand', status: 'done', workPoint: expect.anything() }],
      },
    ],
  });
  // The summary names nobody: no owner, no creator.
  expect(JSON.stringify(summary.followUp)).not.toMatch(/coord|Zorgteam|"p[1-6]"/);
  const { followUpLines } = await import('../../src/core/summary/follow-up-lines');
  expect(followUpLines(summary, 'nl')).toEqual({
    heading: 'Acties sinds de vorige bevraging',
    note: expect.stringContaining('Nulmeting'),
    dimensions: [{ line: 'Dimension X (nl): +0,8 (van 3,5 naar 4,3)', actions: ['• Leerlingbespreking elke maand (klaar)'] }],
  });
});

test('the plan has one first post: a second job cannot reserve it while the first holds it, nor once it is posted', async () => {
  const plans = database.repos.actions;
  const t0 = new Date('2026-03-02T09:00:00Z');
  const later = (s: number) => new Date(t0.getTime() + s * 1000);
  expect(await plans.reserveFirstPost('tenant-race', t0, later(60))).toBe(true);
  expect(await plans.reserveFirstPost('tenant-race', later(1), later(61))).toBe(false);
  // A job that died holding it: after the lease, another may post.
  expect(await plans.reserveFirstPost('tenant-race', later(61), later(121))).toBe(true);
  await plans.setPlanPost('tenant-race', { conversationId: 'C', messageId: 'm1' });
  expect(await plans.reserveFirstPost('tenant-race', later(200), later(260))).toBe(false);
  expect((await plans.plan('tenant-race')).post).toEqual({ conversationId: 'C', messageId: 'm1' });
});
