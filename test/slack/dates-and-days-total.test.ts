import { ACTIONS } from '../../src/slack/ids';
import type { Round } from '../../src/core/round';
import { click, eventually, interactionBody, openedView, postToSlackEndpoint, startSlackHarness, submitView, updatedView, viewState, type SlackHarness, type ViewLike } from './harness';
import type { StoredMessage } from './fake-slack-api';

/**
 * Through the real Bolt app over signed HTTP:
 *  - dates in messages are Slack's `<!date^UNIX^…|fallback>` token (each reader sees their own
 *    locale and time zone), the fallback in the person's language; notification texts are plain;
 *  - the days question's selects dispatch each change; the modal comes back (views.update with the
 *    view's hash) with the running total, and what was typed is kept as the section's draft.
 */
const COORDINATOR = 'UCOORD';
const STAFF_CHANNEL = 'CSTAFF';
const DAY = 86_400_000;

let h: SlackHarness;
let round: Round;

beforeAll(async () => {
  h = await startSlackHarness((fake) => {
    fake.addUser({ id: COORDINATOR, locale: 'nl-BE' });
    fake.addUser({ id: 'U1', locale: 'nl-BE' });
    fake.addUser({ id: 'UEN', locale: 'en-GB' });
    fake.channels.set(STAFF_CHANNEL, ['U1', 'UEN']);
  });
  const tenant = await h.app.services.tenants.ensure('slack', h.fake.teamId, { installerId: COORDINATOR });
  round = await h.app.services.coordinators.createRound(
    { tenant, platformUserId: COORDINATOR, lang: 'nl' },
    { title: 'Voorjaar', dimensionIds: ['A1'], depth: 'detailed', includeReflection: true, audience: { kind: 'channel', id: STAFF_CHANNEL }, closesAt: new Date(Date.UTC(2026, 2, 16, 16, 0)) },
  );
  await eventually(() => ['U1', 'UEN'].every((u) => invitationOf(u)), 'the invitations');
});
afterAll(async () => {
  await h?.close();
});

function invitationOf(userId: string): StoredMessage | undefined {
  return h.fake.messagesIn(h.fake.dmChannelOf(userId)).find((m) => String(m.metadata?.event_payload?.key ?? '').startsWith('invitation:'));
}

describe('dates in the reader’s locale', () => {
  const unix = Date.UTC(2026, 2, 16, 16, 0) / 1000;
  it('puts Slack’s date token with the unix time in the invitation, our wording in the person’s language as fallback', () => {
    expect(JSON.stringify(invitationOf('U1')!.blocks)).toContain(`De bevraging sluit <!date^${unix}^{date_long_pretty} om {time}|maandag 16 maart om 17:00>.`);
    expect(JSON.stringify(invitationOf('UEN')!.blocks)).toContain(`The survey closes on <!date^${unix}^{date_long_pretty} at {time}|Monday 16 March at 17:00>.`);
  });
  it('keeps the notification text plain', () => {
    for (const u of ['U1', 'UEN']) expect(invitationOf(u)!.text).not.toMatch(/[\uE000-\uE002]|<!date/);
  });
});

function buttonValue(blocks: unknown, actionId: string): string {
  const found = JSON.stringify(blocks).match(new RegExp(`"action_id":"${actionId}","value":"((?:[^"\\\\]|\\\\.)*)"`));
  if (!found) throw new Error(`no ${actionId} button`);
  return JSON.parse(`"${found[1]}"`) as string;
}

/** What Slack sends when a select with dispatch_action changes inside a modal: the whole view, its state, id and hash. */
async function chooseDays(userId: string, view: ViewLike, blockId: string, values: Record<string, string | null>) {
  const state = viewState(view, values);
  const chosen = state[blockId]![ACTIONS.input] as { selected_option: { text: unknown; value: string } };
  const payload = {
    type: 'block_actions',
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: h.fake.teamId },
    api_app_id: 'AZORG',
    token: 'legacy',
    trigger_id: `${Date.now()}.trigger`,
    team: { id: h.fake.teamId, domain: 'school' },
    is_enterprise_install: false,
    container: { type: 'view', view_id: view.id },
    view: { type: 'modal', team_id: h.fake.teamId, app_id: 'AZORG', root_view_id: view.root_view_id ?? view.id, previous_view_id: null, ...view, state: { values: state } },
    actions: [{ type: 'static_select', action_id: ACTIONS.input, block_id: blockId, selected_option: chosen.selected_option, action_ts: String(Date.now() / 1000) }],
  };
  return postToSlackEndpoint(h.url, interactionBody(payload), 'application/x-www-form-urlencoded');
}

describe('the running total of the days', () => {
  it('updates the modal with the total after each choice, keeps what was typed, and drops a stale update', async () => {
    const invitation = invitationOf('U1')!;
    await click(h, 'U1', { action_id: ACTIONS.start, value: buttonValue(invitation.blocks, ACTIONS.start) }, { message: { channel: invitation.channel, ts: invitation.ts } });
    await eventually(() => h.fake.callsOf('views.open').length > 0, 'the modal');
    const first = openedView(h.fake, 'views.open');
    const statements: Record<string, string | null> = {};
    for (const b of first.blocks.filter((x) => x.type === 'input')) statements[String(b.block_id)] = /-s\d+$/.test(String(b.block_id)) ? '4' : (b.element as { type: string }).type === 'plain_text_input' ? '' : null;
    const reflection = updatedView(first, (await submitView(h, 'U1', first, statements)).body);
    const daysInputs = reflection.blocks.filter((b) => String(b.block_id).startsWith('R3.'));
    expect(daysInputs.length).toBeGreaterThan(1);
    for (const b of daysInputs) expect(b.dispatch_action).toBe(true);
    expect(JSON.stringify(reflection.blocks)).not.toContain('Nu samen');

    const [a, b] = daysInputs.map((x) => String(x.block_id));
    const updatesBefore = h.fake.callsOf('views.update').length;
    expect((await chooseDays('U1', reflection, a!, { [a!]: '3' })).status).toBe(200);
    await eventually(() => h.fake.callsOf('views.update').length > updatesBefore, 'the first total');
    const call = h.fake.callsOf('views.update').at(-1)!;
    expect(call.params).toMatchObject({ view_id: reflection.id, hash: reflection.hash });
    const withThree = openedView(h.fake, 'views.update');
    expect(JSON.stringify(withThree.blocks)).toContain('Nu samen: 3 van de 5 dagen.');
    expect((withThree.blocks.find((x) => x.block_id === a) as { element: { initial_option?: { value: string } } }).element.initial_option?.value).toBe('3');

    await chooseDays('U1', withThree, b!, { [a!]: '3', [b!]: '2.5' });
    await eventually(() => JSON.stringify(openedView(h.fake, 'views.update').blocks).includes('5,5 van de 5'), 'the second total');
    expect(await h.db.db.collection('drafts').countDocuments({ roundId: round.id })).toBe(1);

    // A change computed from an older view (its hash is no longer current): Slack refuses the update; nothing breaks.
    const okBefore = h.fake.callsOf('views.update').filter((c) => c.result?.ok).length;
    await chooseDays('U1', withThree, b!, { [a!]: '3', [b!]: '1' });
    await eventually(() => h.fake.callsOf('views.update').some((c) => c.result?.error === 'hash_conflict'), 'the refused stale update');
    expect(h.fake.callsOf('views.update').filter((c) => c.result?.ok).length).toBe(okBefore);
  });
});
