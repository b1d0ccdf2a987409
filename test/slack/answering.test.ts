import { ACTIONS } from '../../src/slack/ids';
import type { Round } from '../../src/core/round';
import {
  click,
  eventually,
  interactionBody,
  openedView,
  postToSlackEndpoint,
  startSlackHarness,
  submitView,
  updatedView,
  viewState,
  type SlackHarness,
  type ViewLike,
} from './harness';
import type { StoredMessage } from './fake-slack-api';

/**
 * Answering without friction in Slack, through the real Bolt app over HTTP:
 *  - a corrected answer form is accepted although Slack keeps the modal's id AND hash after a
 *    `response_action: errors` answer, and a retried accepted submission (X-Slack-Retry-Num)
 *    gets the same answer and updates the invitation once;
 *  - "Later verder" (the modal's close button; Slack sends view_closed with the typed state)
 *    keeps what was typed as a draft that the next opening shows, and closing deletes it.
 */
const COORDINATOR = 'UCOORD';
const STAFF = ['U1', 'U2'];
const STAFF_CHANNEL = 'CSTAFF';
const DAY = 86_400_000;

let h: SlackHarness;
let round: Round;

beforeAll(async () => {
  h = await startSlackHarness((fake) => {
    fake.addUser({ id: COORDINATOR, locale: 'nl-BE' });
    fake.addUser({ id: 'U1', locale: 'nl-BE' });
    fake.addUser({ id: 'U2', locale: 'nl-BE' });
    fake.addUser({ id: 'UEN', locale: 'en-GB' });
    fake.addUser({ id: 'UQ', locale: 'nl-BE' });
    fake.channels.set('CQUICK', ['UQ']);
    fake.channels.set(STAFF_CHANNEL, [...STAFF, 'UEN']);
  });
  const tenant = await h.app.services.tenants.ensure('slack', h.fake.teamId, { installerId: COORDINATOR });
  round = await h.app.services.coordinators.createRound(
    { tenant, platformUserId: COORDINATOR, lang: 'nl' },
    { title: 'Voorjaar', dimensionIds: ['A1'], depth: 'detailed', includeReflection: true, audience: { kind: 'channel', id: STAFF_CHANNEL }, closesAt: new Date(h.clock.now().getTime() + 7 * DAY) },
  );
  await eventually(() => [...STAFF, 'UEN'].every((u) => invitationOf(u)), 'the invitations');
});

describe('one language per person', () => {
  it('invites someone whose Slack is in English in English, although the round is in Dutch, and remembers it', async () => {
    expect(round.language).toBe('nl');
    expect(JSON.stringify(invitationOf('UEN')!.blocks)).toContain('Hello! Our school');
    expect(JSON.stringify(invitationOf('U1')!.blocks)).toContain('Hallo! Onze school');
    expect((await h.db.repos.participations.get(round.id, 'UEN'))?.lang).toBe('en');
  });
});
afterAll(async () => {
  await h?.close();
});

function invitationOf(userId: string): StoredMessage | undefined {
  // Found by the key it was sent with: its buttons change with the person's progress.
  return h.fake.messagesIn(h.fake.dmChannelOf(userId)).find((m) => String(m.metadata?.event_payload?.key ?? '').startsWith('invitation:'));
}

function buttonValue(blocks: unknown, actionId: string): string {
  const found = JSON.stringify(blocks).match(new RegExp(`"action_id":"${actionId}","value":"((?:[^"\\\\]|\\\\.)*)"`));
  if (!found) throw new Error(`no ${actionId} button`);
  return JSON.parse(`"${found[1]}"`) as string;
}

async function start(userId: string): Promise<ViewLike> {
  const invitation = invitationOf(userId)!;
  const before = h.fake.callsOf('views.open').length;
  await click(h, userId, { action_id: ACTIONS.start, value: buttonValue(invitation.blocks, ACTIONS.start) }, { message: { channel: invitation.channel, ts: invitation.ts } });
  await eventually(() => h.fake.callsOf('views.open').length > before, `${userId}'s modal`);
  return openedView(h.fake, 'views.open');
}

/** Every statement of the page answered with `value`, texts empty. */
function statements(view: ViewLike, value: string): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  for (const b of view.blocks.filter((x) => x.type === 'input')) {
    const id = String(b.block_id);
    values[id] = /-s\d+$/.test(id) ? value || null : (b.element as { type: string }).type === 'plain_text_input' ? '' : null;
  }
  return values;
}

/** The view_closed payload Slack sends when a modal with notify_on_close is closed: the view with its typed state. */
async function closeView(userId: string, view: ViewLike, values: Record<string, string | string[] | number | null>) {
  const payload = {
    type: 'view_closed',
    team: { id: h.fake.teamId, domain: 'school' },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: h.fake.teamId },
    api_app_id: 'AZORG',
    token: 'legacy',
    is_enterprise_install: false,
    is_cleared: false,
    view: { type: 'modal', team_id: h.fake.teamId, app_id: 'AZORG', root_view_id: view.id, previous_view_id: null, ...view, state: { values: viewState(view, values) } },
  };
  return postToSlackEndpoint(h.url, interactionBody(payload), 'application/x-www-form-urlencoded');
}

describe('answer forms in Slack', () => {
  it('accepts a corrected form that comes back with the same view id and hash; a retry of the accepted one is answered alike and updates the invitation once', async () => {
    const view = await start('U1');
    expect(view.callback_id).toBe('zs_section');
    const incomplete = { ...statements(view, '4'), 'A1-s2': null };
    const refused = await submitView(h, 'U1', view, incomplete);
    expect(refused.body).toEqual({ response_action: 'errors', errors: { 'A1-s2': expect.any(String) } });
    // The same incomplete form again (a double click): the same error, nothing stored.
    expect((await submitView(h, 'U1', view, incomplete)).body).toEqual(refused.body);
    expect(await h.db.repos.responses.count(round.id)).toEqual({ started: 0, completed: 0 });

    const updatesBefore = h.fake.callsOf('chat.update').length;
    const corrected = await submitView(h, 'U1', view, statements(view, '4'));
    const next = updatedView(view, corrected.body);
    expect(JSON.stringify(next.blocks)).toContain('Reflectievragen');
    const retry = await submitView(h, 'U1', view, statements(view, '4'), { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry.body).toEqual(corrected.body);

    // The reflection form: too many days, then corrected under the same id and hash.
    const tooMuch = { ...statements(next, ''), 'R3.onderwijsloopbaan': '3', 'R3.leren-en-studeren': '3' };
    const tooMuchAnswer = await submitView(h, 'U1', next, tooMuch);
    expect(tooMuchAnswer.body).toMatchObject({ response_action: 'errors' });
    const fixed = await submitView(h, 'U1', next, { ...tooMuch, 'R3.leren-en-studeren': '2' });
    expect(updatedView(next, fixed.body).callback_id).toBe('zs_review');
    // The invitation lay under the modal all along: it is updated once the person is through,
    // once however often Slack delivers the last page.
    expect(h.fake.callsOf('chat.update').length).toBe(updatesBefore);
    const lastRetry = await submitView(h, 'U1', next, { ...tooMuch, 'R3.leren-en-studeren': '2' }, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(lastRetry.body).toEqual(fixed.body);
    await eventually(() => h.fake.callsOf('chat.update').length > updatesBefore, 'the invitation update');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.fake.callsOf('chat.update').length).toBe(updatesBefore + 1);
    expect(JSON.stringify(invitationOf('U1')!.blocks)).toContain('Bewaard');

    // Finished: the invitation offers to view or change the answers, and no longer "Ik doe niet mee".
    await eventually(() => JSON.stringify(invitationOf('U1')!.blocks).includes('Antwoorden bekijken of wijzigen'), 'the finished invitation');
    const finished = JSON.stringify(invitationOf('U1')!.blocks);
    expect(finished).not.toContain(ACTIONS.optOut);
    expect(finished).not.toContain('"Starten"');
  });
});

describe('a form opened before its metadata said how many pages it has', () => {
  it('is answered the long way (reading what was saved first), with the same outcome', async () => {
    const view = await start('UEN');
    const meta = JSON.parse(String(view.private_metadata)) as Record<string, unknown>;
    expect(meta).toMatchObject({ k: 'section', p: 0, n: 1 });
    delete meta.n;
    const old = { ...view, private_metadata: JSON.stringify(meta) };
    const refused = await submitView(h, 'UEN', old, { ...statements(old, '2'), 'A1-s1': null });
    expect(refused.body).toEqual({ response_action: 'errors', errors: { 'A1-s1': expect.any(String) } });
    const saved = await submitView(h, 'UEN', old, statements(old, '2'));
    expect(JSON.stringify(updatedView(old, saved.body).blocks)).toContain('Reflection');
    expect(await h.db.repos.responses.count(round.id)).toMatchObject({ started: 2 });
  });
});

describe('"Later verder" in Slack', () => {
  it('keeps what was typed when the modal is closed, shows it at the next opening, and forgets it once saved', async () => {
    const view = await start('U2');
    expect(view.notify_on_close).toBe(true);
    const typed = { ...statements(view, ''), 'A1-s1': '5', 'A1-s2': '2', 'A1-s3': '6', 'A1-strengths': 'Sterke cel leerlingenbegeleiding' };
    const closed = await closeView('U2', view, typed);
    expect(closed.status).toBe(200);
    await eventually(async () => (await h.db.db.collection('drafts').countDocuments({ roundId: round.id })) === 1, 'the stored draft');
    expect(await h.db.repos.responses.count(round.id)).toMatchObject({ completed: 1 }); // only U1's

    const again = await start('U2');
    const block = (id: string) => again.blocks.find((b) => b.block_id === id) as { element: { initial_option?: { value: string }; initial_value?: string } };
    expect(['A1-s1', 'A1-s2', 'A1-s3'].map((id) => block(id).element.initial_option?.value)).toEqual(['5', '2', '6']);
    expect(block('A1-strengths').element.initial_value).toBe('Sterke cel leerlingenbegeleiding');
    expect(JSON.stringify(again.blocks)).toContain('nog niet ingediend');

    const saved = await submitView(h, 'U2', again, statements(again, '3'));
    const next = updatedView(again, saved.body);
    expect(next.callback_id).toBe('zs_section');
    expect(await h.db.db.collection('drafts').countDocuments({ roundId: round.id })).toBe(0);
    // The first close saved no part: U2's invitation was left as it was. Closing now, with a part
    // saved in this modal, brings the invitation's line up to date.
    const u2Updates = () => h.fake.callsOf('chat.update').filter((c) => c.params.channel === invitationOf('U2')!.channel);
    expect(u2Updates()).toHaveLength(0);
    await closeView('U2', next, {});
    await eventually(() => u2Updates().length === 1, "U2's invitation update");
    expect(JSON.stringify(invitationOf('U2')!.blocks)).toContain('Bewaard — 1 van 2 onderdelen klaar');
  });

  it('deletes every draft when the round closes', async () => {
    const view = await start('U2');
    await closeView('U2', view, { R1: 'Half geschreven gedachte' });
    await eventually(async () => (await h.db.db.collection('drafts').countDocuments({ roundId: round.id })) === 1, 'the reflection draft');
    const tenant = (await h.db.repos.tenants.get(`slack:${h.fake.teamId}`))!;
    await h.app.services.coordinators.closeNow({ tenant, platformUserId: COORDINATOR, lang: 'nl' }, round.id);
    await eventually(async () => (await h.db.repos.rounds.get(round.id))?.state !== 'open', 'the round to close');
    await eventually(async () => (await h.db.db.collection('drafts').countDocuments({ roundId: round.id })) === 0, 'the drafts to go');

    // Every invitation now says the round is closed, with no button left to press, in the person's language.
    await eventually(() => JSON.stringify(invitationOf('UEN')!.blocks).includes('This survey is closed'), 'the English closed invitation');
    for (const userId of STAFF) {
      await eventually(() => JSON.stringify(invitationOf(userId)!.blocks).includes('afgesloten'), `${userId}'s closed invitation`);
      const blocks = invitationOf(userId)!.blocks as { type: string }[];
      expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    }
  });
});

describe('a quick round in Slack', () => {
  it('is one modal with every overall judgement; one submit saves them all', async () => {
    const tenant = (await h.db.repos.tenants.get(`slack:${h.fake.teamId}`))!;
    const quick = await h.app.services.coordinators.createRound(
      { tenant, platformUserId: COORDINATOR, lang: 'nl' },
      { title: 'Snel', dimensionIds: ['A1', 'A2', 'B', 'C', 'D1', 'D2', 'E'], depth: 'quick', includeReflection: false, audience: { kind: 'channel', id: 'CQUICK' }, closesAt: new Date(h.clock.now().getTime() + 7 * DAY) },
    );
    await eventually(() => invitationOf('UQ'), 'the quick invitation');
    const view = await start('UQ');
    const radios = view.blocks.filter((b) => b.type === 'input' && (b.element as { type: string }).type === 'radio_buttons');
    expect(radios.map((b) => b.block_id)).toEqual(['A1', 'A2', 'B', 'C', 'D1', 'D2', 'E'].map((d) => `${d}-global`));
    const values = Object.fromEntries(radios.map((b) => [String(b.block_id), '4']));
    const res = await submitView(h, 'UQ', view, values);
    expect(updatedView(view, res.body).callback_id).toBe('zs_review');
    expect(await h.db.repos.responses.count(quick.id)).toEqual({ started: 1, completed: 1 });
  });
});
