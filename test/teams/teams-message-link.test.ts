import { MS_TENANT, person, TEAM_GROUP_ID, TEAM_ID, TEAM_NAME, TeamsHarness } from './teams-harness';

/**
 * The results message links to the summary's post in the channel; the link needs the team's
 * group id, which Teams sends with the install. A team installed before it was kept (or whose
 * install event lacked it) has the bot ask Teams for the team's details once, and keep the id.
 */
const staff = [person(1, 'Els Coördinator'), person(2, 'An')];
let h: TeamsHarness;

beforeAll(async () => {
  h = await TeamsHarness.start({ members: staff });
  // Installed as before the group id was kept: the install event carries none.
  await h.installInTeam(staff[0]!, 'nl-BE', { id: TEAM_ID, name: TEAM_NAME });
});
afterAll(async () => {
  await h?.stop();
});

const detailsCalls = () => h.connector.calls.filter((c) => c.method === 'GET' && c.path === `/v3/teams/${TEAM_ID}`).length;

it('asks Teams for a team group id it does not have, once, keeps it, and links to the post', async () => {
  const [tenant] = await h.repos.tenants.listByPlatformTenant('teams', MS_TENANT);
  const messenger = h.app.messengers.for(tenant!);
  const post = { conversationId: TEAM_ID, messageId: '1772528400000' };

  // Teams cannot say (yet): no link, nothing kept, no failure.
  h.connector.teamDetails.set(TEAM_ID, { name: TEAM_NAME });
  expect(await messenger.messageLink!(tenant!, post)).toBeUndefined();
  expect(detailsCalls()).toBe(1);

  // Not asked again at once (one results message per colleague would each ask): ten minutes on, it is.
  expect(await messenger.messageLink!(tenant!, post)).toBeUndefined();
  expect(detailsCalls()).toBe(1);
  h.clock.advance(10 * 60_000);
  h.connector.teamDetails.set(TEAM_ID, { name: TEAM_NAME, aadGroupId: TEAM_GROUP_ID });
  // Many results messages at once (one job per colleague) share one request.
  const links = await Promise.all(Array.from({ length: 5 }, () => messenger.messageLink!(tenant!, post)));
  expect(detailsCalls()).toBe(2);
  for (const link of links) expect(new URL(link!).searchParams.get('groupId')).toBe(TEAM_GROUP_ID);
  // Kept with the team: the next results message asks nothing.
  expect(new URL((await messenger.messageLink!(tenant!, post))!).searchParams.get('groupId')).toBe(TEAM_GROUP_ID);
  expect(detailsCalls()).toBe(2);
});
