import { person, TEAM_ID, TeamsHarness } from './teams-harness';

/**
 * Teams announces one install twice, often to two processes behind one load balancer. The
 * greeting is claimed in the database, so a process that finds it claimed by another (here: the
 * claim that other process wrote) stores the install but does not greet a second time.
 */
const coordinator = person(1, 'Els Van den Broeck');
const lotte = person(2, 'Lotte Peeters');

let h: TeamsHarness;
beforeAll(async () => {
  h = await TeamsHarness.start({ members: [coordinator, lotte] });
});
afterAll(async () => {
  await h?.stop();
});

test('a team install whose greeting another process claimed is stored without a second greeting', async () => {
  await h.repos.once.claim(`teams-greeting:team:${TEAM_ID}`, new Date(Date.now() + 60_000));
  await h.installInTeam(coordinator);
  expect(h.connector.cards(TEAM_ID)).toHaveLength(0);
  expect(await h.repos.installations.get('teams', `team:${TEAM_ID}`)).not.toBeNull();
  expect((await h.repos.tenants.get('teams:tenant-0001'))?.settings.coordinators).toEqual([coordinator.aadObjectId]);
});

test('a personal install whose greeting another process claimed is remembered without a second greeting', async () => {
  await h.repos.once.claim(`teams-greeting:personal:tenant-0001:${lotte.aadObjectId}`, new Date(Date.now() + 60_000));
  await h.installPersonal(lotte);
  expect(h.connector.cards(h.dmOf(lotte))).toHaveLength(0);
  expect(await h.repos.installations.get('teams', `personal:teams:tenant-0001:${lotte.aadObjectId}`)).not.toBeNull();
});
