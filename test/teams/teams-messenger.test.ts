import type { OutboundMessage } from '../../src/core/messenger';
import type { Tenant } from '../../src/core/tenant';
import { FakeBotConnector } from './fake-bot-connector';
import { cardText, person, TEAM_ID, TeamsHarness } from './teams-harness';

/**
 * The messenger port against the fake Bot Connector: what each Teams failure becomes (retry or a
 * reason the coordinator sees), exactly-once sends under an idempotency key, in-place updates,
 * channel posts, and rosters as audiences.
 */
const coordinator = person(1, 'Els Van den Broeck');
const members = [coordinator, person(2, 'Lotte Peeters'), person(3, 'Bram Janssens'), person(4, 'Sofie Maes'), person(5, 'Wout Claes')];
const notice = (text: string): OutboundMessage => ({ kind: 'notice', view: { lang: 'nl', text, tone: 'info' } });

let h: TeamsHarness;
let tenant: Tenant;
beforeAll(async () => {
  h = await TeamsHarness.start({ members, pageSize: 2 });
  await h.installInTeam(coordinator);
  tenant = (await h.repos.tenants.get('teams:tenant-0001'))!;
});
afterAll(async () => {
  await h?.stop();
});

const messenger = () => h.app.messengers.for(tenant);
const sendsTo = (conversationId: string) => h.connector.sent.filter((s) => s.conversationId === conversationId && s.kind !== 'update').length;

test('limits follow the documented Teams numbers', () => {
  expect(messenger().platform).toBe('teams');
  expect(messenger().limits).toEqual({ perConversationPerSecond: 1, perTenantPerSecond: 15 });
});

test('a first message opens the 1:1 conversation, stores it, and the next one reuses it', async () => {
  const p = members[1]!;
  const first = await messenger().sendDirect(tenant, p.aadObjectId, notice('Eerste'));
  expect(first).toEqual({ ok: true, messageId: expect.any(String), conversationId: FakeBotConnector.personalConversationId(p.id) });
  const created = h.connector.createdConversations.length;
  const second = await messenger().sendDirect(tenant, p.aadObjectId, notice('Tweede'));
  expect(second.ok).toBe(true);
  expect(h.connector.createdConversations.length).toBe(created);
  expect(cardText(h.connector.lastCard(h.dmOf(p)))).toContain('Tweede');
});

test('the same idempotency key sends once and returns the first message', async () => {
  const p = members[2]!;
  const a = await messenger().sendDirect(tenant, p.aadObjectId, notice('Eén keer'), { idempotencyKey: 'invitation:r:x' });
  const b = await messenger().sendDirect(tenant, p.aadObjectId, notice('Eén keer'), { idempotencyKey: 'invitation:r:x' });
  expect(b).toEqual(a);
  expect(sendsTo(h.dmOf(p))).toBe(1);
});

test('429 is retryable after Retry-After and 5xx is retryable, each without the client retrying by itself', async () => {
  const p = members[3]!;
  const calls = () => h.connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations').length;
  let before = calls();
  h.connector.failNext({ method: 'POST', path: /^\/v3\/conversations$/, status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'Throttled', message: 'Too many requests' } } });
  const throttled = await messenger().sendDirect(tenant, p.aadObjectId, notice('x'));
  expect(throttled).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 });
  expect(calls() - before).toBe(1);
  before = calls();
  h.connector.failNext({ method: 'POST', path: /^\/v3\/conversations$/, status: 502, body: { error: { code: 'BadGateway', message: 'upstream' } } });
  expect(await messenger().sendDirect(tenant, p.aadObjectId, notice('x'))).toMatchObject({ ok: false, retryable: true });
  expect(calls() - before).toBe(1);
});

test('a disabled or blocked bot and a person who left are permanent, with the reason', async () => {
  const p = members[4]!;
  h.connector.failNext({ method: 'POST', path: /^\/v3\/conversations$/, status: 403, body: { error: { code: 'BotDisabledByAdmin', message: 'The bot is disabled by the tenant admin' } } });
  expect(await messenger().sendDirect(tenant, p.aadObjectId, notice('x'))).toMatchObject({ ok: false, retryable: false, reason: 'bot_blocked' });
  h.connector.failNext({ method: 'POST', path: /^\/v3\/conversations$/, status: 404, body: { error: { code: 'MemberNotFoundInConversation', message: 'User not found' } } });
  expect(await messenger().sendDirect(tenant, p.aadObjectId, notice('x'))).toMatchObject({ ok: false, retryable: false, reason: 'user_left' });
  expect(await messenger().sendDirect(tenant, 'nobody-we-know', notice('x'))).toMatchObject({ ok: false, retryable: false, reason: 'not_installed' });
});

test('updates replace the card in place; channel posts go to a known channel only', async () => {
  const p = members[1]!;
  const sent = await messenger().sendDirect(tenant, p.aadObjectId, notice('Voor'));
  if (!sent.ok) throw new Error(sent.detail);
  const updated = await messenger().updateMessage(tenant, { conversationId: sent.conversationId!, messageId: sent.messageId }, notice('Na'));
  expect(updated).toMatchObject({ ok: true, messageId: sent.messageId });
  const put = h.connector.sent.filter((s) => s.kind === 'update').pop()!;
  expect(put).toMatchObject({ conversationId: sent.conversationId, activityId: sent.messageId });
  expect(cardText(h.connector.lastCard(sent.conversationId!))).toContain('Na');

  expect(await messenger().postToChannel(tenant, '19:channel-zorg@thread.tacv2', notice('In het zorgteam'), { idempotencyKey: 'summary:x' })).toMatchObject({ ok: true, conversationId: '19:channel-zorg@thread.tacv2' });
  expect(await messenger().postToChannel(tenant, '19:channel-zorg@thread.tacv2', notice('In het zorgteam'), { idempotencyKey: 'summary:x' })).toMatchObject({ ok: true });
  expect(sendsTo('19:channel-zorg@thread.tacv2')).toBe(1);
  expect(await messenger().postToChannel(tenant, '19:unknown@thread.tacv2', notice('x'))).toMatchObject({ ok: false, retryable: false, reason: 'channel_not_found' });
});

test('a team audience is the roster read again page by page; without Teams the stored roster is used', async () => {
  const newcomer = person(9, 'Nele Jacobs');
  h.connector.rosters.get(TEAM_ID)!.push(newcomer);
  const pagesBefore = h.connector.calls.filter((c) => c.path.endsWith('/pagedmembers')).length;
  const ids = await messenger().resolveAudience(tenant, { kind: 'team', id: TEAM_ID });
  expect(ids).toEqual([...members, newcomer].map((m) => m.aadObjectId));
  expect(h.connector.calls.filter((c) => c.path.endsWith('/pagedmembers')).length - pagesBefore).toBe(3);
  expect(messenger().displayName(tenant, newcomer.aadObjectId)).toBe('Nele Jacobs');

  h.connector.failNext({ method: 'GET', path: /pagedmembers$/, status: 500, body: { error: { code: 'InternalError', message: 'oops' } } });
  expect(await messenger().resolveAudience(tenant, { kind: 'team', id: TEAM_ID })).toEqual(ids);
  expect(await messenger().resolveAudience(tenant, { kind: 'team', id: '19:not-installed@thread.tacv2' })).toEqual([]);
  expect(messenger().displayName(tenant, 'someone-else')).toBe('someone-else');
});
