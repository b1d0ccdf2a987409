import { findBlockKitViolations } from '../../src/slack/limits';
import { ACTIONS } from '../../src/slack/ids';
import type { Round } from '../../src/core/round';
import { progressView } from '../../src/core/views/section-form';
import type { Lang } from '../../src/core/questionnaire/schema';
import {
  click,
  eventually,
  interactionBody,
  postToSlackEndpoint,
  openedView,
  sendCommand,
  sendEvent,
  startSlackHarness,
  submitView,
  updatedView,
  type SlackHarness,
  type SlackResponse,
  type ViewLike,
} from './harness';
import type { StoredMessage } from './fake-slack-api';

/**
 * A whole round through the real Bolt app over HTTP: the coordinator sets up and creates a round
 * with `/zorgspiegel nieuw`, the scheduler delivers the invitations, four colleagues answer in
 * modals (one types an allocation that is too large, one changes an answer, one is too late),
 * the coordinator closes, reviews the open answers and publishes, and the summary in the team
 * channel shows the numbers the answers add up to. Every Block Kit payload sent is checked
 * against Slack's limits at the end.
 */

const COORDINATOR = 'UCOORD';
const STAFF = ['U1', 'U2', 'U3', 'U4'];
const STAFF_CHANNEL = 'CSTAFF';
const TEAM_CHANNEL = 'CTEAM';
const DAY = 24 * 3600;

/** The answers per person: every statement of A1 gets `a1`, every statement of C gets `c`. */
const PLAN: Record<string, { a1: number; c: number }> = {
  U1: { a1: 4, c: 2 },
  U2: { a1: 2, c: 3 }, // changes A1 to 5 afterwards
  U3: { a1: 6, c: 4 },
  U4: { a1: 3, c: 5 }, // only gets A1 in before the round closes
};

let h: SlackHarness;
let u4OpenSection: ViewLike;
/** Every `response_action` view acked to Slack, for the limits check. */
const ackedViews: unknown[] = [];

function record(res: SlackResponse): SlackResponse {
  const body = res.body as { view?: unknown } | undefined;
  if (body && typeof body === 'object' && body.view) ackedViews.push({ view: body.view });
  return res;
}

beforeAll(async () => {
  h = await startSlackHarness((fake) => {
    fake.addUser({ id: COORDINATOR, locale: 'nl-BE', name: 'Coördinator' });
    fake.addUser({ id: 'U1', locale: 'nl-BE' });
    fake.addUser({ id: 'U2', locale: 'nl-NL' });
    fake.addUser({ id: 'U3', locale: 'en-US' });
    fake.addUser({ id: 'U4', locale: 'nl-BE' });
    fake.addUser({ id: 'UHELPER', isBot: true });
    fake.channels.set(STAFF_CHANNEL, [...STAFF, 'UHELPER']);
    fake.channels.set(TEAM_CHANNEL, [COORDINATOR, ...STAFF]);
    fake.usergroups.set('S0CARE', { name: 'Zorgteam', handle: 'zorgteam', users: ['U1', 'U3'] });
    fake.usergroups.set('S0ADMIN', { name: 'Directie', handle: 'directie', users: [COORDINATOR] });
  }, { env: { COORDINATORS: COORDINATOR } });
});
afterAll(async () => {
  await h?.close();
});

function lastResponseText(userId: string): string {
  const answers = h.fake.callsOf('response_url').filter((c) => String(c.params.responseUrlId).startsWith(`cmd-${userId}-`));
  return JSON.stringify(answers[answers.length - 1]?.params ?? {});
}

async function commandAnswer(userId: string, text: string, contains: string): Promise<string> {
  const before = h.fake.callsOf('response_url').length;
  const res = await sendCommand(h, userId, text, STAFF_CHANNEL);
  expect(res.status).toBe(200);
  return eventually(() => {
    const fresh = h.fake.callsOf('response_url').slice(before).map((c) => JSON.stringify(c.params));
    return fresh.find((t) => t.includes(contains));
  }, `an answer to "${text}" containing "${contains}" (got ${lastResponseText(userId).slice(0, 400)})`);
}

async function openModalBy(command: string, userId = COORDINATOR): Promise<ViewLike> {
  const before = h.fake.callsOf('views.open').length;
  const res = await sendCommand(h, userId, command, STAFF_CHANNEL);
  expect(res.status).toBe(200);
  await eventually(() => h.fake.callsOf('views.open').length > before, `a modal for "${command}"`);
  return openedView(h.fake, 'views.open');
}

function invitationOf(userId: string): StoredMessage | undefined {
  // Found by the key it was sent with: its buttons change with the person's progress.
  return h.fake.messagesIn(h.fake.dmChannelOf(userId)).find((m) => String(m.metadata?.event_payload?.key ?? '').startsWith('invitation:'));
}

function buttonValue(blocks: unknown, actionId: string): string {
  const found = JSON.stringify(blocks).match(new RegExp(`"action_id":"${actionId}","value":"((?:[^"\\\\]|\\\\.)*)"`));
  if (!found) throw new Error(`no ${actionId} button`);
  return JSON.parse(`"${found[1]}"`) as string;
}

/** Answers for every input of a section modal, following the plan; open questions left empty unless given. */
function answersFor(view: ViewLike, userId: string, overrides: Record<string, string | null> = {}): Record<string, string | null> {
  const plan = PLAN[userId]!;
  const values: Record<string, string | null> = {};
  for (const block of view.blocks.filter((b) => b.type === 'input')) {
    const id = String(block.block_id);
    if (/^A1-s\d+$/.test(id)) values[id] = String(plan.a1);
    else if (/^C-s\d+$/.test(id)) values[id] = String(plan.c);
    else if (id.endsWith('-global') || id === 'group') values[id] = null;
    else if ((block.element as { type: string }).type === 'plain_text_input') values[id] = '';
    else if ((block.element as { type: string }).type === 'static_select') values[id] = null;
  }
  return { ...values, ...overrides };
}

async function submitSection(userId: string, view: ViewLike, values: Record<string, string | null>, headers: Record<string, string> = {}): Promise<SlackResponse> {
  return record(await submitView(h, userId, view, values, headers));
}

/** The modal title for a section: the core's progress label when it fits Slack's 24 characters. */
async function titleFor(section: string, lang: Lang): Promise<string> {
  const label = progressView(await round(), section, lang).label;
  return label.length <= 24 ? label : 'Zorgspiegel';
}

async function round(): Promise<Round> {
  const rounds = await h.db.repos.rounds.listByTenant(`slack:${h.fake.teamId}`, {});
  expect(rounds).toHaveLength(1);
  return rounds[0]!;
}

describe('a whole round in Slack', () => {
  it('starts with the coordinator COORDINATORS names', async () => {
    const tenant = await h.db.repos.tenants.get(`slack:${h.fake.teamId}`);
    expect(tenant?.settings.coordinators).toEqual([COORDINATOR]);
  });

  it('lists every subcommand in the user’s language', async () => {
    const nl = await commandAnswer(COORDINATOR, 'help', 'Zorgspiegel: hulp');
    for (const word of ['nieuw', 'status', 'herinner', 'sluit', 'publiceer', 'annuleer', 'instellingen', 'export', 'nalezen']) expect(nl).toContain(`/zorgspiegel ${word}`);
  });

  it('refuses a coordinator command to anyone else, politely naming the coordinators', async () => {
    const text = await commandAnswer('U1', 'nieuw', 'Alleen coördinatoren');
    expect(text).toContain('<@UCOORD>');
    expect(h.fake.callsOf('views.open')).toHaveLength(0);
  });

  it('takes settings from a modal; the core’s refusal shows under the field and the corrected form (same view id and hash) is saved', async () => {
    const view = await openModalBy('instellingen');
    expect(view.callback_id).toBe('zs_settings');
    const tooLow = await submitView(h, COORDINATOR, view, { teamChannel: TEAM_CHANNEL, anonymityThreshold: '2' });
    expect(tooLow.body).toEqual({ response_action: 'errors', errors: { anonymityThreshold: expect.stringContaining('minstens 3') } });
    // Slack keeps the modal's id and hash after an `errors` answer: the correction comes with both unchanged.
    const ok = await submitView(h, COORDINATOR, view, { teamChannel: TEAM_CHANNEL, anonymityThreshold: '3' });
    expect(ok.body).toEqual({ response_action: 'clear' });
    const tenant = await h.db.repos.tenants.get(`slack:${h.fake.teamId}`);
    expect(tenant?.settings).toMatchObject({ teamChannel: { id: TEAM_CHANNEL }, anonymityThreshold: 3, coordinators: [COORDINATOR] });
  });

  it('creates a round from /zorgspiegel nieuw; a Slack retry of the submission creates nothing twice', async () => {
    const view = await openModalBy('nieuw');
    expect(view.callback_id).toBe('zs_create_round');
    const now = Math.floor(h.clock.now().getTime() / 1000);

    // The user-group picker loads its options from usergroups.list as the coordinator types.
    const suggestion = await postToSlackEndpoint(
      h.url,
      interactionBody({ type: 'block_suggestion', action_id: ACTIONS.usergroupSelect, block_id: 'audienceUsergroup', value: 'zorg', team: { id: h.fake.teamId }, user: { id: COORDINATOR, team_id: h.fake.teamId }, api_app_id: 'AZORG', view: { id: view.id, type: 'modal' } }),
      'application/x-www-form-urlencoded',
    );
    expect(suggestion.body).toEqual({ options: [{ text: { type: 'plain_text', text: 'Zorgteam', emoji: true }, value: 'S0CARE', description: { type: 'plain_text', text: '@zorgteam', emoji: true } }] });

    const noAudience = await submitView(h, COORDINATOR, view, { audienceChannel: null });
    expect(noAudience.body).toEqual({ response_action: 'errors', errors: { audienceChannel: expect.stringContaining('kanaal') } });

    // Slack keeps the modal's id and hash after an `errors` answer: the correction comes with both unchanged.
    const submission = view;
    const values = { title: 'Leerzorg voorjaar', dimensionIds: ['A1', 'C'], depth: 'detailed', includeReflection: 'yes', audienceChannel: STAFF_CHANNEL, closesAt: now + 7 * DAY, moderation: 'yes' };
    const inThePast = await submitView(h, COORDINATOR, submission, { ...values, closesAt: now - DAY });
    expect(inThePast.body).toEqual({ response_action: 'errors', errors: { closesAt: expect.any(String) } });
    // The same wrong form submitted again (a double click) gets the same error, and creates nothing.
    const again = await submitView(h, COORDINATOR, submission, { ...values, closesAt: now - DAY }, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(again.body).toEqual(inThePast.body);
    expect(await h.db.repos.rounds.listByTenant(`slack:${h.fake.teamId}`, {})).toHaveLength(0);
    const first = await submitView(h, COORDINATOR, submission, values);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ response_action: 'clear' });
    const retry = await submitView(h, COORDINATOR, submission, values, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry.body).toEqual({ response_action: 'clear' });

    const r = await round();
    expect(r).toMatchObject({ title: 'Leerzorg voorjaar', dimensionIds: ['A1', 'C'], depth: 'detailed', includeReflection: true, audience: { kind: 'channel', id: STAFF_CHANNEL }, moderation: true, anonymityThreshold: 3 });
    const confirmations = await eventually(() => {
      const found = h.fake.messagesIn(h.fake.dmChannelOf(COORDINATOR)).filter((m) => (m.text ?? '').includes('aangemaakt'));
      return found.length ? found : undefined;
    }, 'the confirmation DM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.fake.messagesIn(h.fake.dmChannelOf(COORDINATOR)).filter((m) => (m.text ?? '').includes('aangemaakt'))).toHaveLength(confirmations.length);
    expect(confirmations).toHaveLength(1);
    // With screening the summary waits for the coordinator's publication, and the confirmation says so.
    expect(confirmations[0]!.text).toContain('Na het afsluiten lees je de open antwoorden na');
  });

  it('delivers one invitation DM per colleague in the channel, none to the bot', async () => {
    await eventually(() => STAFF.every((u) => invitationOf(u)), 'four invitations');
    expect(h.fake.messagesIn(h.fake.dmChannelOf('UHELPER'))).toHaveLength(0);
    expect(h.fake.callsOf('conversations.members').length).toBeGreaterThan(0);
    const invitation = invitationOf('U1')!;
    const text = JSON.stringify(invitation.blocks);
    for (const part of ['Starten', 'Meer over anonimiteit', 'Ik doe niet mee', 'anoniem']) expect(text).toContain(part);
    expect(invitation.metadata?.event_payload?.key).toBe(`invitation:${(await round()).id}:U1`);
    await eventually(async () => (await h.db.repos.participations.countByStatus((await round()).id)).delivered === 4, 'four deliveries recorded');
  });

  /** Opens the person's invitation, clicks Start, and returns the first modal. */
  async function start(userId: string): Promise<ViewLike> {
    const invitation = invitationOf(userId)!;
    const before = h.fake.callsOf('views.open').length;
    const res = await click(h, userId, { action_id: ACTIONS.start, value: buttonValue(invitation.blocks, ACTIONS.start) }, { message: { channel: invitation.channel, ts: invitation.ts } });
    expect(res.status).toBe(200);
    await eventually(() => h.fake.callsOf('views.open').length > before, `${userId}'s first modal`);
    return openedView(h.fake, 'views.open');
  }

  it('walks a colleague through the sections in one modal stack: progress in the title, the scale as radio buttons, the review at the end', async () => {
    let view = await start('U1');
    expect(view.callback_id).toBe('zs_section');
    expect((view.title as { text: string }).text).toBe(await titleFor('A1', 'nl'));
    expect((view.title as { text: string }).text).toMatch(/^Dimensie 1 van \d$/);
    const statement = view.blocks.find((b) => b.block_id === 'A1-s1') as { label: { text: string }; element: { type: string; options: { text: { text: string } }[] } };
    expect(statement.element.type).toBe('radio_buttons');
    expect(statement.element.options.map((o) => o.text.text)).toEqual(['Volledig oneens', 'Oneens', 'Eerder oneens', 'Eerder eens', 'Eens', 'Volledig eens', '— Geen zicht op']);
    expect(statement.label.text.length).toBeGreaterThan(40); // the statement itself is the label, not an option

    let res = await submitSection('U1', view, answersFor(view, 'U1', { 'A1-strengths': 'We hebben een duidelijk zorgbeleid op papier.' }));
    view = updatedView(view, res.body);
    expect((view.title as { text: string }).text).toBe(await titleFor('C', 'nl'));
    res = await submitSection('U1', view, answersFor(view, 'U1', { 'C-priorities': 'Meer overleg met het CLB.' }));
    view = updatedView(view, res.body);
    expect((view.title as { text: string }).text).toBe(await titleFor('reflection', 'nl'));
    expect(JSON.stringify(view.blocks)).toContain(progressView(await round(), 'reflection', 'nl').label);
    const reflection = answersFor(view, 'U1', { R1: 'Een leerling die weer graag naar school komt.', 'R3.onderwijsloopbaan': '1', 'R3.leren-en-studeren': '1.5', 'R4.onderwijsloopbaan.mine': 'Gesprekken met ouders' });
    res = await submitSection('U1', view, reflection);
    view = updatedView(view, res.body);
    expect(view.callback_id).toBe('zs_review');
    expect(JSON.stringify(view.blocks)).toContain('Bedankt');
    const done = await submitSection('U1', view, {});
    expect(done.body).toEqual({ response_action: 'clear' });

    // The invitation DM now says how far the person got.
    await eventually(() => JSON.stringify(invitationOf('U1')!.blocks).includes('Bewaard — alle 3 onderdelen klaar'), 'the updated invitation');
  });

  it('shows an allocation total over five days inline, keeps what was typed and saves nothing; the corrected form is saved', async () => {
    let view = await start('U3');
    expect((view.title as { text: string }).text).toBe(await titleFor('A1', 'en')); // U3 uses Slack in English
    let res = await submitSection('U3', view, answersFor(view, 'U3'));
    view = updatedView(view, res.body);
    res = await submitSection('U3', view, answersFor(view, 'U3'));
    view = updatedView(view, res.body);
    const responsesBefore = (await h.db.repos.responses.count((await round()).id)).completed;

    const tooMuch = answersFor(view, 'U3', { 'R3.onderwijsloopbaan': '2', 'R3.leren-en-studeren': '2', 'R3.psychisch-en-sociaal-functioneren': '1.5', 'R3.preventieve-gezondheidszorg': '0.5', R1: 'typed text stays' });
    res = await submitSection('U3', view, tooMuch);
    expect(res.body).toEqual({ response_action: 'errors', errors: { 'R3.preventieve-gezondheidszorg': expect.stringMatching(/6 days.*at most 5/) } });
    // Slack keeps the typed values when the answer is `errors`; nothing was stored.
    expect((await h.db.repos.responses.count((await round()).id)).completed).toBe(responsesBefore);

    // Slack keeps the modal's id and hash after an `errors` answer: the correction comes with both unchanged.
    res = await submitSection('U3', view, { ...tooMuch, 'R3.onderwijsloopbaan': '1' });
    view = updatedView(view, res.body);
    expect(view.callback_id).toBe('zs_review');
    expect((await h.db.repos.responses.count((await round()).id)).completed).toBe(responsesBefore + 1);
  });

  it('lets a colleague start from App Home, and change an answer later from the review', async () => {
    const publishes = h.fake.callsOf('views.publish').length;
    await sendEvent(h, { type: 'app_home_opened', user: 'U2', channel: h.fake.dmChannelOf('U2'), tab: 'home' }, 'EvU2');
    const home = await eventually(() => h.fake.callsOf('views.publish').slice(publishes).find((c) => c.params.user_id === 'U2'), 'U2’s App Home');
    const homeBlocks = (home.params.view as { blocks: unknown[] }).blocks;
    expect(JSON.stringify(homeBlocks)).toContain('Leerzorg voorjaar');
    const opens = h.fake.callsOf('views.open').length;
    await click(h, 'U2', { action_id: ACTIONS.start, value: buttonValue(homeBlocks, ACTIONS.start) }, { home: true });
    await eventually(() => h.fake.callsOf('views.open').length > opens, 'a modal opened from App Home');
    let view = openedView(h.fake, 'views.open');
    expect(view.callback_id).toBe('zs_section');
    let res = await submitSection('U2', view, answersFor(view, 'U2'));
    view = updatedView(view, res.body);
    res = await submitSection('U2', view, answersFor(view, 'U2'));
    view = updatedView(view, res.body);
    res = await submitSection('U2', view, answersFor(view, 'U2'));
    const review = updatedView(view, res.body);
    expect(review.callback_id).toBe('zs_review');

    // "Antwoorden wijzigen" on A1, from the review in the same modal.
    const before = h.fake.callsOf('views.update').length;
    await click(h, 'U2', { action_id: ACTIONS.openSection, value: buttonValue(review.blocks, ACTIONS.openSection) }, { view: review });
    await eventually(() => h.fake.callsOf('views.update').length > before, 'the A1 modal again');
    view = openedView(h.fake, 'views.update');
    const saved = view.blocks.find((b) => b.block_id === 'A1-s1') as { element: { initial_option?: { value: string } } };
    expect(saved.element.initial_option?.value).toBe('2');
    PLAN.U2!.a1 = 5;
    res = await submitSection('U2', view, answersFor(view, 'U2'));
    expect(updatedView(view, res.body).callback_id).toBe('zs_review');
  });

  it('a section resubmitted by a Slack retry stores and sends nothing twice', async () => {
    let view = await start('U4');
    const values = answersFor(view, 'U4');
    // U4's own invitation only: an earlier colleague's refresh may still land in the meantime.
    const u4Updates = () => h.fake.callsOf('chat.update').filter((c) => c.params.channel === 'DU4').length;
    const updatesBefore = u4Updates();
    const first = await submitSection('U4', view, values);
    const retry = await submitSection('U4', view, values, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry.body).toEqual(first.body);
    // Not through yet, and the modal still open: the invitation under it waits (nothing sent at all).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(u4Updates()).toBe(updatesBefore);
    // U4 leaves the C section open in the modal while the coordinator closes the round.
    u4OpenSection = updatedView(view, first.body);
  });

  it('asks a colleague who already answered before opting out; a double click only asks twice', async () => {
    const invitation = invitationOf('U4')!;
    const value = buttonValue(invitation.blocks, ACTIONS.optOut);
    const opensBefore = h.fake.callsOf('views.open').length;
    const messagesBefore = h.fake.messages.length;
    const updatesBefore = h.fake.callsOf('chat.update').length;
    await Promise.all([
      click(h, 'U4', { action_id: ACTIONS.optOut, value }, { message: { channel: invitation.channel, ts: invitation.ts } }),
      click(h, 'U4', { action_id: ACTIONS.optOut, value }, { message: { channel: invitation.channel, ts: invitation.ts } }),
    ]);
    await eventually(() => h.fake.callsOf('views.open').length === opensBefore + 2, 'the question, twice');
    const question = openedView(h.fake, 'views.open');
    expect(JSON.stringify(question.blocks)).toContain('worden al je antwoorden op deze bevraging gewist');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Asking changes nothing: still taking part, the answers kept, the invitation as it was.
    expect((await h.db.repos.participations.get((await round()).id, 'U4'))?.status).toBe('delivered');
    expect(h.fake.messages.length).toBe(messagesBefore);
    expect(h.fake.callsOf('chat.update').length).toBe(updatesBefore);
  });

  it('shows the coordinator counts, never names of who answered', async () => {
    const text = await commandAnswer(COORDINATOR, 'status', 'uitgenodigd');
    expect(text).toContain('4 uitgenodigd');
    expect(text).toContain('3 afgerond');
    for (const u of STAFF) expect(text).not.toContain(`<@${u}>`);
  });

  it('closes the round; the invitations lose their buttons, and anyone answering afterwards hears that the round is closed', async () => {
    const startBeforeClosing = buttonValue(invitationOf('U4')!.blocks, ACTIONS.start);
    await commandAnswer(COORDINATOR, 'sluit', 'wordt afgesloten');
    await eventually(async () => (await round()).state === 'closed', 'the round to close');
    await eventually(() => h.fake.messagesIn(h.fake.dmChannelOf(COORDINATOR)).find((m) => JSON.stringify(m.blocks).includes(ACTIONS.round.moderate)), 'the closed notice with a review button');

    const late = await submitSection('U4', u4OpenSection, answersFor(u4OpenSection, 'U4'));
    const body = late.body as { response_action: string; view: { blocks: unknown[] } };
    expect(body.response_action).toBe('update');
    expect(JSON.stringify(body.view.blocks)).toContain('bevraging is afgesloten');

    // Every invitation says the round is closed and offers nothing to press.
    // (U3 uses Slack in English: their invitation speaks English, closed or not.)
    for (const userId of STAFF) await eventually(() => /bevraging is afgesloten|This survey is closed/.test(JSON.stringify(invitationOf(userId)!.blocks)), `${userId}'s closed invitation`);
    expect(JSON.stringify(invitationOf('U3')!.blocks)).toContain('This survey is closed');
    const invitation = invitationOf('U4')!;
    expect((invitation.blocks as { type: string }[]).some((b) => b.type === 'actions')).toBe(false);
    // A button from before (a client that had not refreshed yet) still gets the honest answer.
    const before = h.fake.callsOf('views.open').length;
    await click(h, 'U4', { action_id: ACTIONS.start, value: startBeforeClosing }, { message: { channel: invitation.channel, ts: invitation.ts } });
    await eventually(() => h.fake.callsOf('views.open').length > before, 'the notice modal');
    expect(JSON.stringify(openedView(h.fake, 'views.open').blocks)).toContain('bevraging is afgesloten');
  });

  it('lets the coordinator review the open answers before publishing', async () => {
    const view = await openModalBy('nalezen');
    expect(view.callback_id).toBe('zs_moderate');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('We hebben een duidelijk zorgbeleid op papier.');
    expect(text).toContain('Meer overleg met het CLB.');
    const quotesBefore = await h.db.repos.quotes.listByRound((await round()).id);
    const policy = quotesBefore.find((q) => q.text.includes('zorgbeleid op papier'))!;
    const approve = buttonValue(view.blocks.filter((b) => JSON.stringify(b).includes(`\\"q\\":\\"${policy.id}\\"`)), ACTIONS.quote.approve);
    const before = h.fake.callsOf('views.update').length;
    await click(h, COORDINATOR, { action_id: ACTIONS.quote.approve, value: approve }, { view });
    await eventually(() => h.fake.callsOf('views.update').length > before, 'the refreshed list');
    const quotes = await h.db.repos.quotes.listByRound((await round()).id);
    expect(quotes.filter((q) => q.status === 'approved').map((q) => q.id)).toEqual([policy.id]);

    // Edit another answer (take a name out) and tag it, in a modal pushed over the list.
    const list = openedView(h.fake, 'views.update');
    const pending = quotes.find((q) => q.status === 'pending' && q.text.includes('CLB'))!;
    const edit = buttonValue(list.blocks.filter((b) => JSON.stringify(b).includes(`\\"q\\":\\"${pending.id}\\"`)), ACTIONS.quote.edit);
    const pushes = h.fake.callsOf('views.push').length;
    await click(h, COORDINATOR, { action_id: ACTIONS.quote.edit, value: edit }, { view: list });
    await eventually(() => h.fake.callsOf('views.push').length > pushes, 'the quote editor');
    const editor = { ...openedView(h.fake, 'views.push'), root_view_id: list.id };
    const theme = JSON.stringify(editor.blocks).match(/"value":"([a-z-]+)"/)![1]!;
    const updates = h.fake.callsOf('views.update').length;
    const saved = await submitView(h, COORDINATOR, editor, { quoteText: 'Meer overleg met het [CLB].', quoteThemes: [theme] });
    expect(saved.status).toBe(200);
    expect(saved.text).toBe('');
    const edited = await h.db.repos.quotes.get(pending.id);
    expect(edited).toMatchObject({ status: 'approved', editedText: 'Meer overleg met het [CLB].', themes: [theme] });
    await eventually(() => h.fake.callsOf('views.update').length > updates, 'the refreshed list');
    expect(h.fake.callsOf('views.update').at(-1)!.params.view_id).toBe(list.id);
  });

  it('publishes the summary in the team channel with the numbers the answers add up to, the chart and a discussion thread', async () => {
    // Some answers are still unread: the command says how many stay out and offers the choice.
    const unread = (await h.db.repos.quotes.listByRound((await round()).id, { statuses: ['pending'] })).length;
    expect(unread).toBeGreaterThan(0);
    const prompt = JSON.parse(await commandAnswer(COORDINATOR, 'publiceer', 'nog niet nagelezen')) as { blocks: unknown[] };
    expect(JSON.stringify(prompt.blocks)).toContain(unread === 1 ? 'Eén open antwoord' : `${unread} open antwoorden`);
    const before = h.fake.callsOf('response_url').length;
    await click(h, COORDINATOR, { action_id: ACTIONS.round.publish, value: buttonValue(prompt.blocks, ACTIONS.round.publish) }, { message: { channel: STAFF_CHANNEL, ts: '1.0001' } });
    await eventually(() => h.fake.callsOf('response_url').slice(before).some((c) => JSON.stringify(c.params).includes('wordt gepubliceerd')), 'the publish confirmation');
    await eventually(async () => (await round()).state === 'published', 'the round to be published');
    const posts = h.fake.messagesIn(TEAM_CHANNEL);
    const main = posts.find((m) => !m.thread_ts && m.blocks)!;
    expect(main).toBeDefined();
    const text = JSON.stringify(main.blocks);
    expect(text).toContain('Resultaten: Leerzorg voorjaar');
    // 3 of the 4 invited finished.
    expect(text).toContain('3 van de 4 uitgenodigde collega');
    expect(text).toContain('75');
    // A1: U1 4, U2 5 (changed from 2), U3 6, U4 3 → 4,5. C: U1 2, U2 3, U3 4 → 3,0.
    expect(text).toContain('gemiddeld 4,5 op 6');
    expect(text).toContain('gemiddeld 3,0 op 6');
    expect(text).not.toContain('gemiddeld 3,8 op 6'); // what A1 would be with U2's first answer
    // The chart went up with the files upload v2 flow, and a thread invites discussion.
    expect(h.fake.callsOf('files.getUploadURLExternal')).toHaveLength(1);
    expect(h.fake.uploads).toHaveLength(1);
    expect(h.fake.callsOf('files.completeUploadExternal')[0]!.params.channel_id).toBe(TEAM_CHANNEL);
    const thread = posts.filter((m) => m.thread_ts === main.ts);
    expect(thread.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(thread[thread.length - 1]!.blocks)).toContain('Reageer hier in de draad');
    // The moderation reached the summary: the approved quote as written, the edited one as edited.
    const everything = JSON.stringify(posts.map((m) => m.blocks));
    expect(everything).toContain('zorgbeleid op papier');
    expect(everything).toContain('Meer overleg met het [CLB].');
    // Published once.
    expect(posts.filter((m) => !m.thread_ts && m.blocks)).toHaveLength(1);
  });

  it('sends the coordinator the aggregate export as a file in their DM', async () => {
    const before = h.fake.callsOf('files.completeUploadExternal').length;
    await commandAnswer(COORDINATOR, 'export csv', 'export');
    const done = await eventually(() => h.fake.callsOf('files.completeUploadExternal')[before], 'the export upload');
    expect(done.params.channel_id).toBe(h.fake.dmChannelOf(COORDINATOR));
    const request = h.fake.callsOf('files.getUploadURLExternal').at(-1)!;
    expect(String(request.params.filename)).toMatch(/\.csv$/);
    // The message says what this file holds: the CSV has figures only; the open answers are in the workbook.
    expect(String(done.params.initial_comment)).toContain('cijfers van groepen, nooit het antwoord van één collega. De open antwoorden staan in het blad ‘Open antwoorden’ van de Excel-export.');
    expect(h.fake.uploads.at(-1)!.bytes).toBeGreaterThan(50);
  });

  it('shows App Home with the person’s rounds, and the coordinator’s rounds with actions', async () => {
    const before = h.fake.callsOf('views.publish').length;
    await sendEvent(h, { type: 'app_home_opened', user: COORDINATOR, channel: h.fake.dmChannelOf(COORDINATOR), tab: 'home' }, 'Ev1');
    const home = await eventually(() => h.fake.callsOf('views.publish').slice(before).find((c) => c.params.user_id === COORDINATOR), 'App Home');
    expect(JSON.stringify(home.params.view)).toContain('Leerzorg voorjaar');
    // The same event re-sent by Slack publishes nothing new.
    await sendEvent(h, { type: 'app_home_opened', user: COORDINATOR, channel: h.fake.dmChannelOf(COORDINATOR), tab: 'home' }, 'Ev1', { 'x-slack-retry-num': '1' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.fake.callsOf('views.publish').slice(before).filter((c) => c.params.user_id === COORDINATOR)).toHaveLength(1);
  });

  it('kept every message, view and ack within Slack’s Block Kit limits', () => {
    const payloads = [...h.fake.blockKitPayloads().map((p) => p.payload), ...ackedViews];
    expect(payloads.length).toBeGreaterThan(30);
    for (const payload of payloads) expect(findBlockKitViolations(payload)).toEqual([]);
  });
});
