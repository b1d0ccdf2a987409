import pino from 'pino';
import type { Clock } from '../../src/core/ports';
import { createServices, type Actor, type Services } from '../../src/core/services';
import { defaultTenantSettings, type Tenant } from '../../src/core/tenant';
import { makeRound, tinyQuestionnaire, TEST_NOW } from '../../src/core/testing/fixtures';
import { openTestDatabase, type TestDatabase } from '../support/mongo';

/**
 * A school group runs one Slack workspace (or Microsoft tenant) for several schools, and a school
 * id is easy to name on a card or after `/zorgspiegel`. A school's action plan (its work points,
 * owners and due dates) is read by that school's people only; in a workspace of one school,
 * anyone in it reads it, as it is posted in the team channel.
 */
let database: TestDatabase;
let services: Services;
const clock: Clock = { now: () => TEST_NOW };
let noord: Tenant;
let zuid: Tenant;
let alone: Tenant;

beforeAll(async () => {
  database = await openTestDatabase();
  services = createServices(
    { repos: database.repos, questionnaire: tinyQuestionnaire(), respondentSecret: 'action-plan-schools-secret-0123456789', clock, logger: pino({ level: 'silent' }) },
    { describeUser: (_t, id) => `@${id}` },
  );
  const school = (id: string, externalId: string, coordinators: string[]) =>
    database.repos.tenants.ensure({ id, platform: 'slack', externalId, settings: defaultTenantSettings({ coordinators }) }, TEST_NOW);
  noord = await school('slack:TGROUP', 'TGROUP', ['UNOORD']);
  zuid = await school('slack:TGROUP:zuid', 'TGROUP', ['UZUID']);
  alone = await school('slack:TALONE', 'TALONE', ['UALONE']);
  const round = makeRound({ id: 'zuid-round', tenantId: zuid.id, state: 'open' });
  await database.repos.rounds.insert(round);
  await database.repos.participations.invite(round.id, zuid.id, ['UZUIDTEACHER'], TEST_NOW);
  await database.repos.actions.insert({
    id: 'a-zuid-1',
    tenantId: zuid.id,
    roundId: round.id,
    dimensionId: 'X',
    workPoint: { id: 'X-s1', text: { nl: 'Werkpunt', en: 'Work point' } },
    what: 'Zorgoverleg elke week',
    owner: { kind: 'person', platformUserId: 'UOWNER' },
    dueDate: '2026-06-30',
    successSign: 'Elke week een verslag',
    status: 'planned',
    createdBy: 'UZUID',
    createdAt: TEST_NOW,
    updatedAt: TEST_NOW,
  });
});
afterAll(() => database.close());

const as = (tenant: Tenant, platformUserId: string): Actor => ({ tenant, platformUserId, lang: 'nl' });

it("refuses another school's plan in a shared workspace, with the reason", async () => {
  await expect(services.actions.list(as(zuid, 'UNOORDTEACHER'))).rejects.toMatchObject({ code: 'not_school_member' });
  await expect(services.actions.list(as(zuid, 'UNOORD'))).rejects.toMatchObject({ code: 'not_school_member' });
});

it("shows the plan to the school's coordinators, its action owners and whoever was invited to one of its rounds", async () => {
  for (const user of ['UZUID', 'UOWNER', 'UZUIDTEACHER']) expect((await services.actions.list(as(zuid, user))).map((a) => a.what)).toEqual(['Zorgoverleg elke week']);
  expect(await services.actions.list(as(noord, 'UNOORD'))).toEqual([]);
});

it('shows the plan to anyone in a workspace of one school', async () => {
  expect(await services.actions.list(as(alone, 'USOMEONE'))).toEqual([]);
});
