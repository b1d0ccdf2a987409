import { ACTIONS } from '../../src/slack/ids';
import type { StoredMessage } from './fake-slack-api';
import { FakeSocketMode } from './fake-socket-mode';
import { clickPayload, commandBody, eventually, openedView, startSlackHarness, viewState, viewSubmissionPayload, type SlackHarness, type ViewLike } from './harness';

/**
 * Zorgspiegel on Slack over Socket Mode, driven the way Slack drives it: the app's real Bolt
 * SocketModeReceiver gets its WebSocket URL from (the fake) apps.connections.open, is greeted
 * with `hello`, and receives commands, clicks and form submissions as envelopes it must
 * acknowledge on the socket. Then Slack misbehaves — one malformed frame of every kind — and after
 * each the same connection is still there and the next command is answered. Last, Slack asks for
 * a refresh: the new connection is open before the old one closes.
 */

const COORDINATOR = 'UCOORD';
const STAFF = ['U1', 'U2', 'U3'];
const STAFF_CHANNEL = 'CSTAFF';
const DAY = 24 * 3600;

let h: SlackHarness;
const slack = new FakeSocketMode();
/** Anything that escaped as an unhandled rejection: in `zorgspiegel serve` that would have ended the process (Node's default). */
const escaped: unknown[] = [];
const recordEscape = (reason: unknown) => escaped.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', recordEscape);
  await slack.listen();
  h = await startSlackHarness(
    (fake) => {
      slack.attach(fake);
      fake.addUser({ id: COORDINATOR, locale: 'nl-BE' });
      for (const u of STAFF) fake.addUser({ id: u, locale: 'nl-BE' });
      fake.channels.set(STAFF_CHANNEL, STAFF);
    },
    // Socket Mode: an app-level token and no signing secret (nothing comes in over HTTP).
    { env: { SLACK_APP_TOKEN: 'xapp-1-test', SLACK_SIGNING_SECRET: undefined, COORDINATORS: COORDINATOR } },
  );
});
afterAll(async () => {
  await h?.close();
  await slack.stop();
  process.off('unhandledRejection', recordEscape);
});

/** A slash command as a `slash_commands` envelope (the same fields Slack posts over HTTP); resolves with the ack payload. */
function command(userId: string, text: string): Promise<Record<string, unknown>> {
  return slack.envelope('slash_commands', Object.fromEntries(new URLSearchParams(commandBody(h.fake, userId, text, STAFF_CHANNEL))));
}

/** Sends `help` and waits for its answer on the response_url: the app is connected and serving. */
async function answersHelp(): Promise<void> {
  const before = h.fake.callsOf('response_url').length;
  await command(COORDINATOR, 'help');
  await eventually(() => h.fake.callsOf('response_url').slice(before).some((c) => JSON.stringify(c.params).includes('/zorgspiegel nieuw')), 'the answer to /zorgspiegel help');
}

function invitationOf(userId: string): StoredMessage | undefined {
  return h.fake.messagesIn(h.fake.dmChannelOf(userId)).find((m) => JSON.stringify(m.blocks ?? []).includes(ACTIONS.start));
}

function buttonValue(blocks: unknown, actionId: string): string {
  const found = JSON.stringify(blocks).match(new RegExp(`"action_id":"${actionId}","value":"((?:[^"\\\\]|\\\\.)*)"`));
  if (!found) throw new Error(`no ${actionId} button`);
  return JSON.parse(`"${found[1]}"`) as string;
}

describe('Slack over Socket Mode', () => {
  it('connects with the app-level token: apps.connections.open, then hello', () => {
    const open = h.fake.callsOf('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe('xapp-1-test');
    expect(slack.timeline).toEqual(['connect 1', 'hello 1']);
  });

  it('answers a slash command: an empty acknowledgement on the socket, the answer on the response_url', async () => {
    const ack = await command(COORDINATOR, 'help');
    expect(ack).toEqual({});
    // COORDINATORS named the coordinator (typing first makes nobody coordinator): the help lists the coordinator commands.
    expect((await h.db.repos.tenants.get(`slack:${h.fake.teamId}`))?.settings.coordinators).toEqual([COORDINATOR]);
    await eventually(() => h.fake.callsOf('response_url').find((c) => JSON.stringify(c.params).includes('/zorgspiegel nieuw')), 'the help');
  });

  it('opens the round form, and takes its submission as an interactive envelope acknowledged with response_action', async () => {
    await command(COORDINATOR, 'nieuw');
    await eventually(() => h.fake.callsOf('views.open').length === 1, 'the round form');
    const view = openedView(h.fake, 'views.open');
    expect(view.callback_id).toBe('zs_create_round');

    const noAudience = await slack.envelope('interactive', viewSubmissionPayload(h.fake, COORDINATOR, view, viewState(view, { audienceChannel: null })));
    expect(noAudience).toEqual({ response_action: 'errors', errors: { audienceChannel: expect.stringContaining('kanaal') } });

    const now = Math.floor(h.clock.now().getTime() / 1000);
    const values = { title: 'Zorgbeleid najaar', dimensionIds: ['A1'], depth: 'quick', includeReflection: 'no', audienceChannel: STAFF_CHANNEL, closesAt: now + 7 * DAY, moderation: 'no' };
    const submitted = await slack.envelope('interactive', viewSubmissionPayload(h.fake, COORDINATOR, { ...view, hash: `${view.hash}-2` }, viewState(view, values)));
    expect(submitted).toEqual({ response_action: 'clear' });
    const rounds = await h.db.repos.rounds.listByTenant(`slack:${h.fake.teamId}`, {});
    expect(rounds.map((r) => r.title)).toEqual(['Zorgbeleid najaar']);
  });

  it('opens the first questions when a colleague clicks Start in the invitation', async () => {
    await eventually(() => STAFF.every((u) => invitationOf(u)), 'the invitations');
    const invitation = invitationOf('U1')!;
    const opened = h.fake.callsOf('views.open').length;
    const ack = await slack.envelope('interactive', clickPayload(h.fake, 'U1', { action_id: ACTIONS.start, value: buttonValue(invitation.blocks, ACTIONS.start) }, { message: { channel: invitation.channel, ts: invitation.ts } }));
    expect(ack).toEqual({});
    await eventually(() => h.fake.callsOf('views.open').length > opened, 'U1’s first modal');
    const modal: ViewLike = openedView(h.fake, 'views.open');
    expect(modal.callback_id).toBe('zs_section');
    expect(h.fake.callsOf('views.open').at(-1)!.params.trigger_id).toBeDefined();
  });

  /** Malformed frames; `acked` = carries an envelope id, so Slack must get an ack (else it sends it again). */
  const malformed: { name: string; frame: string | Buffer; acked?: string }[] = [
    { name: 'garbage that is not JSON', frame: '{"type": "events_api", "envelope_id": ' },
    { name: 'JSON null', frame: 'null' },
    { name: 'a JSON number', frame: '42' },
    { name: 'a JSON array', frame: '[{"type":"hello"}]' },
    { name: 'an object without a type', frame: '{"envelope_id":"m-notype","payload":{}}', acked: 'm-notype' },
    { name: 'a binary frame', frame: Buffer.from([0x7b, 0x00, 0xff]) },
    { name: 'events_api without event (the frame that used to end the process)', frame: '{"type":"events_api","envelope_id":"m-ev1","payload":{"type":"event_callback","team_id":"T0SCHOOL"},"accepts_response_payload":false}', acked: 'm-ev1' },
    { name: 'events_api with event null', frame: '{"type":"events_api","envelope_id":"m-ev2","payload":{"event":null}}', acked: 'm-ev2' },
    { name: 'events_api with an event without a type', frame: '{"type":"events_api","envelope_id":"m-ev3","payload":{"event":{"user":"U1"}}}', acked: 'm-ev3' },
    { name: 'events_api without payload', frame: '{"type":"events_api","envelope_id":"m-ev4"}', acked: 'm-ev4' },
    { name: 'events_api whose event type names the client’s own close event', frame: '{"type":"events_api","envelope_id":"m-ev5","payload":{"event":{"type":"close"}}}', acked: 'm-ev5' },
    { name: 'events_api whose event type names the client’s frame event', frame: '{"type":"events_api","envelope_id":"m-ev6","payload":{"event":{"type":"ws_message"}}}', acked: 'm-ev6' },
    { name: 'events_api without an envelope id', frame: '{"type":"events_api","payload":{"event":{"type":"app_home_opened","user":"U1"}}}' },
    { name: 'slash_commands without payload', frame: '{"type":"slash_commands","envelope_id":"m-sc1"}', acked: 'm-sc1' },
    { name: 'slash_commands with a string payload', frame: '{"type":"slash_commands","envelope_id":"m-sc2","payload":"command=/zorgspiegel"}', acked: 'm-sc2' },
    { name: 'slash_commands without a command', frame: '{"type":"slash_commands","envelope_id":"m-sc3","payload":{"user_id":"U1","text":"help"}}', acked: 'm-sc3' },
    { name: 'interactive without payload', frame: '{"type":"interactive","envelope_id":"m-in1"}', acked: 'm-in1' },
    { name: 'interactive with an array payload', frame: '{"type":"interactive","envelope_id":"m-in2","payload":[1,2]}', acked: 'm-in2' },
    { name: 'interactive without a payload type', frame: '{"type":"interactive","envelope_id":"m-in3","payload":{"actions":[]}}', acked: 'm-in3' },
    { name: 'an unknown envelope type', frame: '{"type":"surprise","envelope_id":"m-un1","payload":{}}', acked: 'm-un1' },
    { name: 'a type that names the client’s own error event', frame: '{"type":"error","envelope_id":"m-un2","payload":{}}', acked: 'm-un2' },
    { name: 'a type that names the client’s frame event', frame: '{"type":"ws_message","envelope_id":"m-un3"}', acked: 'm-un3' },
    { name: 'a type that names the client’s connected event', frame: '{"type":"connected"}' },
    { name: 'a type that names Bolt’s event', frame: '{"type":"slack_event","envelope_id":"m-un4","payload":{"command":"/zorgspiegel","text":"help"}}', acked: 'm-un4' },
  ];

  it.each(malformed)('ignores $name, stays connected and answers the next command', async ({ frame, acked }) => {
    const connection = slack.current;
    slack.sendRaw(frame);
    if (acked) await slack.until(() => slack.acks.has(acked), `the ack of ${acked}`);
    await answersHelp();
    expect(slack.current).toBe(connection);
    expect(connection.closedBy).toBeUndefined();
    expect(escaped).toEqual([]);
  });

  it('survives envelopes of the right shape whose content makes no sense, and answers the next command', async () => {
    const connection = slack.current;
    // Shaped like Slack's envelopes, so they reach Bolt and the listeners, which must cope.
    slack.sendRaw(JSON.stringify({ type: 'interactive', envelope_id: 'w-1', payload: { type: 'block_actions' } }));
    slack.sendRaw(JSON.stringify({ type: 'interactive', envelope_id: 'w-2', payload: { type: 'view_submission', view: { callback_id: 'zs_section' } } }));
    slack.sendRaw(JSON.stringify({ type: 'slash_commands', envelope_id: 'w-3', payload: { command: '/zorgspiegel' } }));
    slack.sendRaw(JSON.stringify({ type: 'events_api', envelope_id: 'w-4', payload: { type: 'event_callback', event: { type: 'app_home_opened' } } }));
    slack.sendRaw(JSON.stringify({ type: 'events_api', envelope_id: 'w-5', payload: { event: { type: 'tokens_revoked', tokens: 'all' } } }));
    await answersHelp();
    expect(slack.current).toBe(connection);
    expect(escaped).toEqual([]);
  });

  it('on a refresh request, opens the new connection before closing the old one, and serves on the new one', async () => {
    const old = slack.current;
    const opens = h.fake.callsOf('apps.connections.open').length;
    slack.requestRefresh('refresh_requested', old);
    await slack.until(() => old.closedBy !== undefined, 'the old connection to close');
    const fresh = slack.current;
    expect(fresh).not.toBe(old);
    expect(old.closedBy).toBe('client');
    expect(h.fake.callsOf('apps.connections.open')).toHaveLength(opens + 1);
    // The order, not the timing: the new connection was greeted while the old one was open.
    const tail = slack.timeline.slice(slack.timeline.indexOf(`disconnect ${old.id}`));
    expect(tail).toEqual([`disconnect ${old.id}`, `connect ${fresh.id}`, `hello ${fresh.id}`, `close ${old.id} by client`]);
    await answersHelp();
    expect(slack.openConnections).toBe(1);
    expect(escaped).toEqual([]);
  });

  it('acknowledges over the old connection what arrives there while the new one is still connecting', async () => {
    const old = slack.current;
    const handshakes = slack.handshakes;
    const release = slack.holdHandshakes();
    slack.requestRefresh('warning', old);
    await slack.until(() => slack.handshakes > handshakes, 'the new connection’s handshake');
    // The client now holds a socket that is not open yet; Slack still delivers on the old one.
    const ack = await command(COORDINATOR, 'status');
    expect(ack).toEqual({});
    expect(old.closedBy).toBeUndefined();
    release();
    await slack.until(() => old.closedBy !== undefined, 'the old connection to close');
    await answersHelp();
    expect(escaped).toEqual([]);
  });

  it('on a refresh request without a reason, does the same', async () => {
    const old = slack.current;
    slack.sendRaw('{"type":"disconnect"}', old);
    await slack.until(() => old.closedBy !== undefined, 'the old connection to close');
    expect(slack.current).not.toBe(old);
    await answersHelp();
    expect(slack.openConnections).toBe(1);
  });
});
