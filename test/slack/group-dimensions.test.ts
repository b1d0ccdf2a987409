import { ACTIONS } from '../../src/slack/ids';
import { findBlockKitViolations } from '../../src/slack/limits';
import { click, eventually, openedView, postToSlackEndpoint, interactionBody, sendCommand, startSlackHarness, submitView, updatedView, viewState, viewSubmissionPayload, type SlackHarness, type ViewLike } from './harness';

/**
 * "Ask each group only what it can judge", in Slack through the real Bolt app: the create-round
 * modal has a multi-select of dimensions per group; a forged or empty assignment comes back as an
 * error under the right field; a secretariat member is asked the group first and then only C and
 * E, a teacher all three.
 */
const COORDINATOR = 'UCOORD';
const STAFF = ['U1', 'U2'];
const STAFF_CHANNEL = 'CSTAFF';
const TEAM_CHANNEL = 'CTEAM';
const DAY = 24 * 3600;

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness((fake) => {
    fake.addUser({ id: COORDINATOR, locale: 'nl-BE', name: 'Coördinator' });
    for (const u of STAFF) fake.addUser({ id: u, locale: 'nl-BE' });
    fake.channels.set(STAFF_CHANNEL, STAFF);
    fake.channels.set(TEAM_CHANNEL, [COORDINATOR, ...STAFF]);
  }, { env: { COORDINATORS: COORDINATOR } });
});
afterAll(async () => {
  await h?.close();
});

async function openModalBy(command: string): Promise<ViewLike> {
  const before = h.fake.callsOf('views.open').length;
  expect((await sendCommand(h, COORDINATOR, command, STAFF_CHANNEL)).status).toBe(200);
  await eventually(() => h.fake.callsOf('views.open').length > before, `a modal for "${command}"`);
  return openedView(h.fake, 'views.open');
}

const title = (view: ViewLike) => (view.title as { text: string }).text;
const inputIds = (view: ViewLike) => view.blocks.filter((b) => b.type === 'input').map((b) => String(b.block_id));

/** Walks a person's modal stack from Start, choosing `group` and the middle of the scale. */
async function answerAs(userId: string, group: string): Promise<{ titles: string[]; inputs: string[][]; last: ViewLike }> {
  const invitation = await eventually(() => h.fake.messagesIn(h.fake.dmChannelOf(userId)).find((m) => String(m.metadata?.event_payload?.key ?? '').startsWith('invitation:')), `${userId}'s invitation`);
  const value = JSON.stringify(invitation.blocks).match(new RegExp(`"action_id":"${ACTIONS.start}","value":"((?:[^"\\\\]|\\\\.)*)"`))![1]!;
  const before = h.fake.callsOf('views.open').length;
  await click(h, userId, { action_id: ACTIONS.start, value: JSON.parse(`"${value}"`) as string }, { message: { channel: invitation.channel, ts: invitation.ts } });
  await eventually(() => h.fake.callsOf('views.open').length > before, `${userId}'s first modal`);
  let view = openedView(h.fake, 'views.open');
  const titles: string[] = [];
  const inputs: string[][] = [];
  for (let guard = 0; guard < 6 && view.callback_id === 'zs_section'; guard++) {
    titles.push(title(view));
    inputs.push(inputIds(view));
    const values: Record<string, string | null> = {};
    for (const id of inputIds(view)) values[id] = id === 'group' ? group : /-s\d+$/.test(id) ? '4' : null;
    for (const b of view.blocks.filter((x) => x.type === 'input' && (x.element as { type: string }).type === 'plain_text_input')) values[String(b.block_id)] = '';
    const res = await submitView(h, userId, view, values);
    view = updatedView(view, res.body);
  }
  return { titles, inputs, last: view };
}

test('the round modal asks per group; forged and empty assignments are refused; the DM flow follows the group', async () => {
  const settings = await openModalBy('instellingen');
  expect((await submitView(h, COORDINATOR, settings, { teamChannel: TEAM_CHANNEL, anonymityThreshold: '3' })).body).toEqual({ response_action: 'clear' });

  const view = await openModalBy('nieuw');
  const groupBlocks = view.blocks.filter((b) => String(b.block_id).startsWith('groupDimensions.'));
  expect(groupBlocks.map((b) => b.block_id)).toEqual(['groupDimensions.teacher', 'groupDimensions.leadership', 'groupDimensions.care-team', 'groupDimensions.support-staff']);
  for (const b of groupBlocks) expect((b.element as { type: string; initial_options: unknown[] })).toMatchObject({ type: 'multi_static_select', initial_options: expect.any(Array) });
  expect((groupBlocks[3]!.element as { initial_options: unknown[] }).initial_options).toHaveLength(7);
  expect(findBlockKitViolations(view)).toEqual([]);

  const now = Math.floor(h.clock.now().getTime() / 1000);
  const values = { title: 'Per groep', dimensionIds: ['A1', 'C', 'E'], depth: 'detailed', includeReflection: 'no', audienceChannel: STAFF_CHANNEL, closesAt: now + 7 * DAY, moderation: 'yes' };

  // A group the modal never had (an edited payload): refused under the dimensions.
  const state = viewState(view, values);
  state['groupDimensions.__proto__'] = { [String((groupBlocks[0]!.element as { action_id: string }).action_id)]: { type: 'multi_static_select', selected_options: [{ value: 'C' }] } };
  const forged = await postToSlackEndpoint(h.url, interactionBody(viewSubmissionPayload(h.fake, COORDINATOR, view, state)), 'application/x-www-form-urlencoded');
  expect(forged.body).toEqual({ response_action: 'errors', errors: { dimensionIds: expect.stringContaining('onbekende groep') } });
  // A group left without any dimension: the message says which, under that group's field.
  const empty = await submitView(h, COORDINATOR, view, { ...values, 'groupDimensions.support-staff': [] });
  expect(empty.body).toEqual({ response_action: 'errors', errors: { 'groupDimensions.support-staff': expect.stringContaining('de groep “Ondersteunend personeel” krijgt geen enkele dimensie') } });
  expect(await h.db.repos.rounds.listByTenant(`slack:${h.fake.teamId}`, {})).toHaveLength(0);

  // Slack keeps the modal's id and hash after an `errors` answer: the correction comes with both.
  const ok = await submitView(h, COORDINATOR, view, { ...values, 'groupDimensions.support-staff': ['C', 'E'] });
  expect(ok.body).toEqual({ response_action: 'clear' });
  const [round] = await h.db.repos.rounds.listByTenant(`slack:${h.fake.teamId}`, {});
  expect(round!.groupDimensions!.find((g) => g.group === 'support-staff')!.dimensionIds).toEqual(['C', 'E']);

  // The secretariat member: the group first, then C and E only.
  const office = await answerAs('U1', 'support-staff');
  expect(office.titles).toEqual(['Jouw groep (eerste stap)', 'Dimensie 1 van 2', 'Dimensie 2 van 2']);
  expect(office.inputs[0]).toEqual(['group']);
  expect(office.inputs.flat().some((id) => id.startsWith('A1'))).toBe(false);
  expect(office.inputs[1]).toContain('C-s1');
  expect(office.inputs[2]).toContain('E-s1');
  expect(office.last.callback_id).toBe('zs_review');
  for (const v of [office.last]) expect(findBlockKitViolations(v)).toEqual([]);
  // A teacher: all three.
  const teacher = await answerAs('U2', 'teacher');
  expect(teacher.titles).toEqual(['Jouw groep (eerste stap)', 'Dimensie 1 van 3', 'Dimensie 2 van 3', 'Dimensie 3 van 3']);
  expect(teacher.inputs[1]).toContain('A1-s1');
  await eventually(async () => (await h.db.repos.responses.count(round!.id)).completed === 2, 'both complete');
});
