import { ACTIONS } from '../../src/slack/ids';
import { click, eventually, openedView, startSlackHarness, submitView, updatedView, type SlackHarness } from './harness';

/**
 * "Ik doe niet mee" on the Slack invitation after answering: a modal asks first, "Ja, wis mijn
 * antwoorden" erases them and the modal and the invitation say so.
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

function buttonValue(blocks: unknown, actionId: string): string {
  const found = JSON.stringify(blocks).match(new RegExp(`"action_id":"${actionId}","value":"((?:[^"\\\\]|\\\\.)*)"`));
  if (!found) throw new Error(`no ${actionId} button`);
  return JSON.parse(`"${found[1]}"`) as string;
}

test('withdrawing after answering asks in a modal, erases and says so in the modal and the invitation', async () => {
  const { services } = h.app;
  const tenant = await services.tenants.ensure('slack', h.fake.teamId, { installerId: 'UCOORD' });
  const round = await services.coordinators.createRound(
    { tenant, platformUserId: 'UCOORD', lang: 'nl' },
    { title: 'Nulmeting', dimensionIds: ['A1'], depth: 'detailed', includeReflection: false, audience: { kind: 'channel', id: 'CSTAFF' }, closesAt: new Date(h.clock.now().getTime() + 7 * 86_400_000) },
  );
  const invitation = await eventually(() => h.fake.messagesIn(h.fake.dmChannelOf('U1')).find((m) => JSON.stringify(m.blocks ?? []).includes(ACTIONS.optOut)), 'the invitation');
  const where = { message: { channel: invitation.channel, ts: invitation.ts } };

  await click(h, 'U1', { action_id: ACTIONS.start, value: buttonValue(invitation.blocks, ACTIONS.start) }, where);
  await eventually(() => h.fake.callsOf('views.open').length === 1, 'the section modal');
  const view = openedView(h.fake, 'views.open');
  // Every open question carries the reminder not to name or identify anyone.
  const open = view.blocks.filter((b) => b.type === 'input' && (b.element as { type: string }).type === 'plain_text_input');
  expect(open.length).toBeGreaterThan(0);
  for (const block of open) expect(block.hint).toEqual(expect.objectContaining({ text: 'Noem geen namen en schrijf niets waaraan iemand te herkennen is.' }));
  const values: Record<string, string | null> = {};
  for (const block of view.blocks.filter((b) => b.type === 'input')) values[String(block.block_id)] = /^A1-s\d+$/.test(String(block.block_id)) ? '4' : null;
  const saved = await submitView(h, 'U1', view, values);
  expect(updatedView(view, saved.body).callback_id).toBe('zs_review');
  expect((await h.db.repos.responses.count(round.id)).completed).toBe(1);

  await click(h, 'U1', { action_id: ACTIONS.optOut, value: buttonValue(invitation.blocks, ACTIONS.optOut) }, where);
  await eventually(() => h.fake.callsOf('views.open').length === 2, 'the question');
  const question = openedView(h.fake, 'views.open');
  expect(JSON.stringify(question.blocks)).toContain('worden al je antwoorden op deze bevraging gewist');
  expect((await h.db.repos.responses.count(round.id)).completed).toBe(1);

  const updates = h.fake.callsOf('views.update').length;
  await click(h, 'U1', { action_id: ACTIONS.withdraw, value: buttonValue(question.blocks, ACTIONS.withdraw) }, { view: question });
  await eventually(() => h.fake.callsOf('views.update').length > updates, 'the answer in the modal');
  expect(JSON.stringify(openedView(h.fake, 'views.update').blocks)).toContain('Je antwoorden zijn gewist en tellen niet mee.');
  expect(await h.db.repos.responses.count(round.id)).toEqual({ started: 0, completed: 0 });
  expect((await h.db.repos.participations.get(round.id, 'U1'))?.status).toBe('opted_out');
  await eventually(() => h.fake.callsOf('chat.update').some((c) => JSON.stringify(c.params.blocks).includes('Je antwoorden zijn gewist')), 'the invitation saying so');
});
