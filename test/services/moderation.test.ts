import ExcelJS from 'exceljs';
import pino from 'pino';
import type { Clock } from '../../src/core/ports';
import { createServices, type Actor, type Services } from '../../src/core/services';
import type { RoundSummary } from '../../src/core/summary';
import { tinyQuestionnaire, TEST_NOW } from '../../src/core/testing/fixtures';
import { coreSummarySnapshot } from '../../src/orchestration/summary-snapshot';
import { openTestDatabase, type TestDatabase } from '../support/mongo';

/** Moderation after closing: the stored summary's quotes follow the coordinator; figures never move. */
const SECRET = 'test-secret-test-secret-test-secret-0123';
let database: TestDatabase;
let services: Services;
let now = TEST_NOW;
const clock: Clock = { now: () => now };

beforeAll(async () => {
  database = await openTestDatabase();
  services = createServices({ repos: database.repos, questionnaire: tinyQuestionnaire(), respondentSecret: SECRET, clock, logger: pino({ level: 'silent' }), newId: () => 'round-m' });
});
afterAll(() => database.close());

it('approves, edits and hides quotes, exports aggregates, and keeps every figure', async () => {
  const tenant = await services.tenants.ensure('playground', 'school-m', { installerId: 'coord' });
  const coordinator: Actor = { tenant, platformUserId: 'coord', lang: 'nl' };
  const round = await services.coordinators.createRound(coordinator, {
    title: 'Nulmeting 2026',
    dimensionIds: ['X'],
    depth: 'detailed',
    includeReflection: false,
    audience: { kind: 'list', id: 'staff' },
    closesAt: new Date(TEST_NOW.getTime() + 86_400_000),
    moderation: true,
  });
  const people = ['p1', 'p2', 'p3', 'p4', 'p5'];
  await database.repos.rounds.transition(round.id, 'scheduled', 'open', { openedAt: now });
  await database.repos.participations.invite(round.id, tenant.id, people, now);
  // Scores 1..5 on X-s1 and 4 on the other statements: X-s1 mean (1+2+3+4+5)/5 = 3.
  for (const [i, p] of people.entries()) {
    const out = await services.respondents.submitSection({ tenant, platformUserId: p, lang: 'nl' }, round.id, 'X', {
      'X-s1': i + 1,
      'X-s2': 4,
      'X-s3': 4,
      'X-strengths': `Sterkte nummer ${i + 1}`,
    });
    expect(out.ok).toBe(true);
  }
  now = new Date(TEST_NOW.getTime() + 2 * 86_400_000);
  const closed = await database.repos.rounds.transition(round.id, 'open', 'closed', { closedAt: now });
  const snapshot = await coreSummarySnapshot(database.repos)(closed!, now);
  await database.repos.summaries.saveOnce({ roundId: round.id, tenantId: tenant.id, summary: snapshot.summary, chartToken: 'token-m', computedAt: now });

  const before = await services.coordinators.summary(coordinator, round.id);
  expect(before.dimensions[0]!.quotes.strengths).toEqual([]);

  const queue = await services.coordinators.moderation(coordinator, round.id);
  expect(queue.pending).toBe(5);
  expect(queue.intro).toContain('5 antwoorden');
  // Nothing in the queue points at a person: no user ids, no respondent keys, no times.
  expect(JSON.stringify(queue)).not.toMatch(/"p[1-5]"|coord|respondentKey|updatedAt|createdAt/);
  const [a, b, c, d] = queue.quotes;
  await services.coordinators.moderateQuote(coordinator, round.id, a!.id, { type: 'approve' });
  await services.coordinators.moderateQuote(coordinator, round.id, b!.id, { type: 'edit', text: 'Sterkte van [naam]' });
  await services.coordinators.moderateQuote(coordinator, round.id, c!.id, { type: 'hide' });
  const tagged = await services.coordinators.moderateQuote(coordinator, round.id, d!.id, { type: 'tag', themes: ['clear-communication'] });
  expect(tagged.themes[0]?.label).toBe('Heldere communicatie');
  await expect(services.coordinators.moderateQuote(coordinator, round.id, d!.id, { type: 'tag', themes: ['nonsense'] })).rejects.toMatchObject({ code: 'unknown_theme' });

  const after: RoundSummary = await services.coordinators.summary(coordinator, round.id);
  // Approved: a (as written) and b (edited); c hidden; d tagged but still pending, e untouched.
  expect([...after.dimensions[0]!.quotes.strengths].sort()).toEqual([a!.text, 'Sterkte van [naam]'].sort());
  expect(after.dimensions[0]!.score).toEqual(before.dimensions[0]!.score);
  expect(after.dimensions[0]!.statements[0]!.figure).toMatchObject({ status: 'shown', mean: 3, n: 5 });

  const xlsx = await services.coordinators.exportRound(coordinator, round.id, 'xlsx');
  expect(xlsx.filename).toBe('zorgspiegel-nulmeting-2026.xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.data as unknown as ArrayBuffer);
  expect(workbook.worksheets.length).toBeGreaterThanOrEqual(5);
  const csv = await services.coordinators.exportRound(coordinator, round.id, 'csv', 'statements');
  expect(csv.data.toString('utf8')).not.toMatch(/p[1-5]/);

  await expect(services.coordinators.moderation({ tenant, platformUserId: 'p1', lang: 'nl' }, round.id)).rejects.toMatchObject({ code: 'not_coordinator' });

  // Publishing with unread answers: refused until the coordinator confirms exactly how many stay out.
  const withChannel = await services.coordinators.updateSettings(coordinator, { teamChannel: { id: 'C-team', name: 'team' } });
  const coordinatorWithChannel: Actor = { ...coordinator, tenant: withChannel };
  expect(await services.coordinators.unscreenedCount(coordinatorWithChannel, round.id)).toBe(2);
  await expect(services.coordinators.publish(coordinatorWithChannel, round.id)).rejects.toMatchObject({ code: 'unscreened_answers', params: { count: 2 } });
  await expect(services.coordinators.publish(coordinatorWithChannel, round.id, { unscreened: 3 })).rejects.toMatchObject({ code: 'unscreened_answers' });

  // Approving the page just read: only its pending answers change — the hidden one stays hidden,
  // an id of another round or a made-up one changes nothing.
  const page = queue.quotes.map((q) => q.id);
  expect(await services.coordinators.approveQuotes(coordinatorWithChannel, round.id, [...page, 'not-a-quote'])).toBe(2);
  const final = await database.repos.quotes.listByRound(round.id);
  expect(final.find((q) => q.id === c!.id)!.status).toBe('hidden');
  expect(final.filter((q) => q.status === 'approved')).toHaveLength(4);
  expect((await services.coordinators.summary(coordinatorWithChannel, round.id)).dimensions[0]!.quotes.strengths).toHaveLength(4);
  await services.coordinators.publish(coordinatorWithChannel, round.id);
});
