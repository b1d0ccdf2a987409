import { DateTime } from 'luxon';
import { progressFromCounts } from '../../src/core/participation';
import { createServices } from '../../src/core/services';
import { buildSummary } from '../../src/core/summary';
import { DEFAULT_QUIET_HOURS } from '../../src/core/tenant';
import { makeRound } from '../../src/core/testing/fixtures';
import type { NoticeView } from '../../src/core/views/types';
import { COORDINATOR, createWorld, silent, TENANT_ID, type World } from './harness';

/** The action plan's durable jobs: owners hear of an action and of its due date only in working hours. */
const BRUSSELS = 'Europe/Brussels';
const brussels = (iso: string) => DateTime.fromISO(iso, { zone: BRUSSELS }).toJSDate();
const local = (ms: number) => DateTime.fromMillis(ms, { zone: BRUSSELS }).toFormat('ccc dd HH:mm');

let world: World;
afterEach(() => world?.close());

async function setUp(now: Date) {
  world = await createWorld({ now, settings: { quietHours: DEFAULT_QUIET_HOURS } });
  const round = makeRound({ id: 'r-pub', tenantId: TENANT_ID, state: 'published', createdBy: COORDINATOR, opensAt: brussels('2026-03-02T08:00'), closesAt: brussels('2026-03-16T17:00') });
  await world.repos.rounds.insert(round);
  const summary = buildSummary({ round, responses: [], progress: progressFromCounts({}, { started: 0, completed: 0 }), quotes: [], now });
  await world.repos.summaries.saveOnce({ roundId: round.id, tenantId: TENANT_ID, summary, chartToken: 'token', computedAt: now });
  const services = createServices({ repos: world.repos, questionnaire: round.questionnaire, respondentSecret: 'secret-secret-secret-secret-0123456789', clock: world.clock, logger: silent });
  const coordinator = { tenant: world.tenant, platformUserId: COORDINATOR, lang: 'nl' as const };
  const workPointId = (await services.actions.formContext(coordinator)).workPoints[0]!.id;
  return { services, coordinator, workPointId };
}

test('an action recorded on Friday evening: the plan is posted at once, the owner hears on Monday at 08:00 and is reminded two days before the due date', async () => {
  const { services, coordinator, workPointId } = await setUp(brussels('2026-03-20T19:30'));
  const action = await services.actions.record(coordinator, { workPointId, what: 'Leerlingbespreking', ownerUserId: 'U-owner', dueDate: '2026-03-26', successSign: 'Elke klas besproken' });
  await world.drain([world.process('p1')], brussels('2026-03-27T12:00'));

  const plan = world.platform.delivered.filter((d) => d.channel);
  expect(plan).toHaveLength(1);
  expect(local(plan[0]!.at)).toBe('Fri 20 19:30');
  expect((plan[0]!.message as { view: NoticeView }).view.text).toContain('Leerlingbespreking');
  const owner = world.platform.delivered.filter((d) => d.to === 'U-owner');
  expect(owner.map((d) => [(d.message as { view: NoticeView }).view.title, local(d.at)])).toEqual([
    ['Je trekt een actie van het team', 'Mon 23 08:00'],
    ['Herinnering: een actie loopt bijna af', 'Tue 24 09:00'],
  ]);
  expect((await world.repos.actions.plan(TENANT_ID)).post).toEqual({ conversationId: 'C-team', messageId: plan[0]!.messageId });
  expect(action.status).toBe('planned');
});

test('an action done, moved or handed on before its reminder is not announced any more', async () => {
  const { services, coordinator, workPointId } = await setUp(brussels('2026-03-23T10:00'));
  const done = await services.actions.record(coordinator, { workPointId, what: 'Klaar voor de herinnering', ownerUserId: 'U-a', dueDate: '2026-04-03', successSign: 'x' });
  const moved = await services.actions.record(coordinator, { workPointId, what: 'Later', ownerUserId: 'U-b', dueDate: '2026-04-03', successSign: 'x' });
  const handedOn = await services.actions.record(coordinator, { workPointId, what: 'Aan iemand anders', ownerUserId: 'U-c', dueDate: '2026-04-03', successSign: 'x' });
  await world.drain([world.process('p1')], brussels('2026-03-23T12:00'));
  await services.actions.update(coordinator, done.id, { status: 'done' });
  await services.actions.update(coordinator, moved.id, { dueDate: '2026-04-17' });
  await services.actions.update(coordinator, handedOn.id, { ownerGroup: 'Zorgteam', ownerUserId: '' });
  await world.drain([world.process('p1')], brussels('2026-04-20T12:00'));

  const titles = (to: string) => world.platform.delivered.filter((d) => d.to === to).map((d) => `${(d.message as { view: NoticeView }).view.title} ${local(d.at)}`);
  expect(titles('U-a')).toEqual(['Je trekt een actie van het team Mon 23 10:00']);
  expect(titles('U-b')).toEqual(['Je trekt een actie van het team Mon 23 10:00', 'Herinnering: een actie loopt bijna af Wed 15 09:00']);
  expect(titles('U-c')).toEqual(['Je trekt een actie van het team Mon 23 10:00']);
  // One plan post, updated after every change (the fake counts posts, not updates).
  expect(world.platform.delivered.filter((d) => d.channel)).toHaveLength(1);
});
