import pino from 'pino';
import type { Clock } from '../../src/core/ports';
import { createServices, type Actor, type Services } from '../../src/core/services';
import { respondentKey } from '../../src/core/response';
import { tinyQuestionnaire, TEST_NOW } from '../../src/core/testing/fixtures';
import type { FormField } from '../../src/core/views/types';
import { openTestDatabase, type TestDatabase } from '../support/mongo';

/**
 * A round where the care team judges X and Y and teachers only X. Ann says "teacher", answers X
 * and has finished; then she switches to the care team, which is also asked Y: her response is
 * unfinished again (not counted as completed, reminded again) until she answers Y.
 */
const SECRET = 'test-secret-test-secret-test-secret-0123';
let database: TestDatabase;
let services: Services;
const clock: Clock = { now: () => TEST_NOW };

beforeAll(async () => {
  database = await openTestDatabase();
  services = createServices({ repos: database.repos, questionnaire: tinyQuestionnaire(), respondentSecret: SECRET, clock, logger: pino({ level: 'silent' }), newId: () => 'group-switch-round' });
});
afterAll(() => database.close());

/** Every statement of the form a 4, every other input left empty. */
const allFours = (fields: FormField[]) => Object.fromEntries(fields.filter((f) => f.type === 'scale').map((f) => [f.id, '4']));

it('a switch to a group that is asked more makes a finished response unfinished again, until the rest is answered', async () => {
  const tenant = await services.tenants.ensure('playground', 'group-switch-school', { installerId: 'coord' });
  const coordinator: Actor = { tenant, platformUserId: 'coord', lang: 'nl' };
  const round = await services.coordinators.createRound(coordinator, {
    title: 'Nulmeting',
    dimensionIds: ['X', 'Y'],
    depth: 'detailed',
    includeReflection: false,
    audience: { kind: 'list', id: 'staff' },
    closesAt: new Date(TEST_NOW.getTime() + 7 * 86_400_000),
    groupDimensions: [{ group: 'teacher', dimensionIds: ['X'] }],
  });
  await database.repos.rounds.transition(round.id, 'scheduled', 'open', { openedAt: TEST_NOW });
  await database.repos.participations.invite(round.id, tenant.id, ['ann'], TEST_NOW);
  const ann: Actor = { tenant, platformUserId: 'ann', lang: 'nl' };
  const stored = () => database.repos.responses.get(round.id, respondentKey(SECRET, round.id, 'ann'));
  const status = async () => (await database.repos.participations.get(round.id, 'ann'))?.status;

  // Teacher: the group step, then X; done.
  const first = await services.respondents.startOrContinue(ann, round.id);
  if (first.kind !== 'form') throw new Error('expected the group step');
  let outcome = await services.respondents.submitSection(ann, round.id, first.view.section, { group: 'teacher' });
  if (!outcome.ok || outcome.next.kind !== 'form') throw new Error('expected X');
  expect(outcome.next.view.section).toBe('X');
  outcome = await services.respondents.submitSection(ann, round.id, 'X', allFours(outcome.next.view.fields));
  expect(outcome.ok && outcome.next.kind).toBe('review');
  expect((await stored())?.complete).toBe(true);
  expect(await status()).toBe('delivered');
  expect(await database.repos.responses.count(round.id)).toEqual({ started: 1, completed: 1 });

  // Care team after all: Y is asked too, so she is not finished.
  outcome = await services.respondents.submitSection(ann, round.id, first.view.section, { group: 'care-team' });
  if (!outcome.ok || outcome.next.kind !== 'form') throw new Error('expected Y');
  expect(outcome.next.view.section).toBe('Y');
  expect((await stored())?.complete).toBe(false);
  expect(await status()).toBe('delivered');
  expect(await database.repos.responses.count(round.id)).toEqual({ started: 1, completed: 0 });

  // Y answered: finished again.
  outcome = await services.respondents.submitSection(ann, round.id, 'Y', allFours(outcome.next.view.fields));
  expect(outcome.ok && outcome.next.kind).toBe('review');
  expect((await stored())?.complete).toBe(true);
  expect(await status()).toBe('delivered');

  // Back to teacher (asked less): still finished, nothing reopened.
  outcome = await services.respondents.submitSection(ann, round.id, first.view.section, { group: 'teacher' });
  expect(outcome.ok && outcome.next.kind).toBe('review');
  expect((await stored())?.complete).toBe(true);
  expect(await status()).toBe('delivered');
});
