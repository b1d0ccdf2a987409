import { ACTIONS } from '../../src/slack/ids';
import { click, eventually, openedView, startSlackHarness, submitView, updatedView, type SlackHarness } from './harness';
import type { StoredMessage } from './fake-slack-api';

/**
 * When someone is through, the invitation DM under the modal gets its "Bewaard" line. Slack may
 * refuse that chat.update for its rate limit (HTTP 429 with Retry-After); the update is then
 * made again once the wait is over, so the invitation does not keep telling an untrue progress.
 */
const COORDINATOR = 'UCOORD';
const DAY = 86_400_000;

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness((fake) => {
    fake.addUser({ id: COORDINATOR, locale: 'nl-BE' });
    fake.addUser({ id: 'UQ', locale: 'nl-BE' });
    fake.channels.set('CQUICK', ['UQ']);
  });
});

afterAll(async () => {
  await h?.close();
});

function invitationOf(userId: string): StoredMessage | undefined {
  return h.fake.messagesIn(h.fake.dmChannelOf(userId)).find((m) => String(m.metadata?.event_payload?.key ?? '').startsWith('invitation:'));
}

it('makes the invitation update again after the Retry-After of a 429', async () => {
  const tenant = await h.app.services.tenants.ensure('slack', h.fake.teamId, { installerId: COORDINATOR });
  await h.app.services.coordinators.createRound(
    { tenant, platformUserId: COORDINATOR, lang: 'nl' },
    { title: 'Snel', dimensionIds: ['A1', 'B'], depth: 'quick', includeReflection: false, audience: { kind: 'channel', id: 'CQUICK' }, closesAt: new Date(h.clock.now().getTime() + 7 * DAY) },
  );
  await eventually(() => invitationOf('UQ'), 'the invitation');
  const invitation = invitationOf('UQ')!;
  const start = JSON.stringify(invitation.blocks).match(new RegExp(`"action_id":"${ACTIONS.start}","value":"((?:[^"\\\\]|\\\\.)*)"`))!;
  await click(h, 'UQ', { action_id: ACTIONS.start, value: JSON.parse(`"${start[1]}"`) as string }, { message: { channel: invitation.channel, ts: invitation.ts } });
  await eventually(() => h.fake.callsOf('views.open').length > 0, 'the modal');
  const view = openedView(h.fake, 'views.open');

  h.fake.fail('chat.update', { status: 429, retryAfter: 1 });
  const res = await submitView(h, 'UQ', view, { 'A1-global': '4', 'B-global': '5' });
  expect(updatedView(view, res.body).callback_id).toBe('zs_review');

  const updates = () => h.fake.callsOf('chat.update').filter((c) => c.params.channel === invitation.channel);
  await eventually(() => updates().length === 2, 'the invitation update made again');
  const [refused, made] = updates();
  expect(refused!.result).toBeUndefined(); // answered with the 429
  expect(made!.at - refused!.at).toBeGreaterThanOrEqual(1_000);
  expect(JSON.stringify(invitationOf('UQ')!.blocks)).toContain('Antwoorden bekijken of wijzigen');
});
