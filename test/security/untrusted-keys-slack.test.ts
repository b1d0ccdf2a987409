import { ACTIONS } from '../../src/slack/ids';
import { click, eventually, interactionBody, openedView, postToSlackEndpoint, startSlackHarness, viewState, viewSubmissionPayload, type SlackHarness } from '../slack/harness';
import { expectOtherTenantUnaffected, expectPrototypeUntouched, hostileFields, answered } from './hostile-fields';

/**
 * A section modal submitted through the real Bolt app with hostile block ids in
 * `view.state.values` next to the real inputs (one required answer missing): the submission is
 * refused inline, nothing is stored, Object.prototype is as it was, another school's incomplete
 * answer is still refused and the store still works.
 */
let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness((fake) => {
    fake.addUser({ id: 'UCOORD', locale: 'nl-BE' });
    fake.addUser({ id: 'U1', locale: 'nl-BE' });
    fake.channels.set('CSTAFF', ['U1']);
  });
});
afterAll(async () => {
  await h?.close();
});

test('hostile block ids in a section modal are refused and poison nothing', async () => {
  const { services } = h.app;
  const tenant = await services.tenants.ensure('slack', h.fake.teamId, { installerId: 'UCOORD' });
  const round = await services.coordinators.createRound(
    { tenant, platformUserId: 'UCOORD', lang: 'nl' },
    { title: 'Nulmeting', dimensionIds: ['A1'], depth: 'detailed', includeReflection: false, audience: { kind: 'channel', id: 'CSTAFF' }, closesAt: new Date(h.clock.now().getTime() + 7 * 86_400_000) },
  );
  const invitation = await eventually(() => h.fake.messagesIn(h.fake.dmChannelOf('U1')).find((m) => JSON.stringify(m.blocks ?? []).includes(ACTIONS.start)), 'the invitation');
  const value = JSON.stringify(invitation.blocks).match(/"action_id":"zs_start","value":"((?:[^"\\]|\\.)*)"/)![1]!;
  await click(h, 'U1', { action_id: ACTIONS.start, value: JSON.parse(`"${value}"`) as string }, { message: { channel: invitation.channel, ts: invitation.ts } });
  await eventually(() => h.fake.callsOf('views.open').length > 0, 'the section modal');
  const view = openedView(h.fake, 'views.open');

  const values: Record<string, string | null> = {};
  for (const block of view.blocks.filter((b) => b.type === 'input')) values[String(block.block_id)] = /^A1-s\d+$/.test(String(block.block_id)) ? '4' : null;
  values['A1-s1'] = null;
  const state: Record<string, unknown> = viewState(view, values);
  for (const [name, v] of Object.entries(hostileFields('A1-s1'))) Object.defineProperty(state, name, { value: { x: { type: 'plain_text_input', value: typeof v === 'string' ? v : '4' } }, enumerable: true });
  const payload = viewSubmissionPayload(h.fake, 'U1', view, state as never);
  const res = await postToSlackEndpoint(h.url, interactionBody(payload), 'application/x-www-form-urlencoded');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ response_action: 'errors', errors: expect.objectContaining({ 'A1-s1': expect.any(String) }) });
  expectPrototypeUntouched('A1-s1');
  expect(answered(await h.db.repos.responses.listByRound(round.id))).toEqual([]);
  await expectOtherTenantUnaffected(services, h.db.repos, h.clock.now());
});
