import { defaultTenantSettings, type Tenant } from '../../src/core/tenant';
import { buildSummary, extractQuotes } from '../../src/core/summary';
import { closedRound, FIXTURE_NOW, MAIN_PROGRESS, mainResponses } from '../../src/core/summary/__fixtures__/summary-fixture';
import type { InvitationView, NoticeView } from '../../src/core/views/types';
import { createLogger } from '../../src/log';
import { boltLogger } from '../../src/slack/bolt-logger';
import { findBlockKitViolations } from '../../src/slack/limits';
import { storedChannelPosts } from '../../src/slack/channel-posts';
import { MESSAGE_METADATA_TYPE, SlackMessenger, type SentChannelPosts } from '../../src/slack/messenger';
import { systemClock } from '../../src/core/ports';
import { openTestDatabase, type TestDatabase } from '../support/mongo';
import { UserDirectory } from '../../src/slack/user-directory';
import { SlackClients, senderClientOptions } from '../../src/slack/web-client';
import { FakeSlackApi } from './fake-slack-api';

/**
 * The messenger port on the Web API, against the fake Slack: what each send calls, how Slack's
 * errors become "retry (after …)" or "give up because …", and that a retried send with the same
 * idempotency key never delivers a second message.
 */
const logger = createLogger('silent');
const tenant: Tenant = { id: 'slack:T0SCHOOL', platform: 'slack', externalId: 'T0SCHOOL', settings: defaultTenantSettings(), createdAt: new Date(), updatedAt: new Date() };

const invitation: InvitationView = {
  roundId: 'round-1',
  lang: 'nl',
  title: 'Leerzorg voorjaar',
  greeting: 'Hallo!',
  purpose: 'Je geeft je inschatting.',
  anonymity: 'Je antwoorden zijn anoniem.',
  anonymityDetails: 'Meer uitleg.',
  duration: 'Het duurt ongeveer 15 minuten.',
  afterwards: 'Daarna delen we de trends.',
  closes: 'De bevraging sluit vrijdag.',
  labels: { start: 'Starten', anonymity: 'Meer over anonimiteit', optOut: 'Ik doe niet mee' },
};
const notice: NoticeView = { lang: 'nl', title: 'Afgesloten', text: 'Coördinatoren: <@UCOORD>', tone: 'info' };

let fake: FakeSlackApi;
let token: string | undefined;

function messenger(channelPosts?: SentChannelPosts): SlackMessenger {
  return new SlackMessenger({
    clients: new SlackClients(senderClientOptions(fake.apiUrl, boltLogger(logger))),
    tokens: async () => token,
    directory: new UserDirectory(logger),
    logger,
    ...(channelPosts ? { channelPosts } : {}),
  });
}

beforeEach(async () => {
  fake = new FakeSlackApi();
  await fake.start();
  token = 'xoxb-test-token';
  for (const id of ['U1', 'U2', 'U3']) fake.addUser({ id, locale: 'nl-BE' });
  fake.addUser({ id: 'UBOT2', isBot: true });
  fake.addUser({ id: 'UGONE', deleted: true });
});
afterEach(async () => {
  await fake.stop();
});

describe('sendDirect', () => {
  it('opens the DM and posts the invitation; the DM channel and ts are the ids', async () => {
    const result = await messenger().sendDirect(tenant, 'U1', { kind: 'invitation', view: invitation }, { idempotencyKey: 'invitation:round-1:U1' });
    const post = fake.callsOf('chat.postMessage')[0]!;
    expect(result).toEqual({ ok: true, messageId: fake.messagesIn('DU1')[0]!.ts, conversationId: 'DU1' });
    expect(fake.callsOf('conversations.open')[0]!.params.users).toBe('U1');
    expect(post.token).toBe('xoxb-test-token');
    expect(post.params.metadata).toEqual({ event_type: MESSAGE_METADATA_TYPE, event_payload: { key: 'invitation:round-1:U1' } });
    expect(JSON.stringify(post.params.blocks)).toContain('Ik doe niet mee');
    expect(findBlockKitViolations(post.params)).toEqual([]);
  });

  it('never sends a second message for the same idempotency key, also after a restart', async () => {
    const m = messenger();
    const first = await m.sendDirect(tenant, 'U1', { kind: 'invitation', view: invitation }, { idempotencyKey: 'k1' });
    const again = await m.sendDirect(tenant, 'U1', { kind: 'invitation', view: invitation }, { idempotencyKey: 'k1' });
    // A new process (the old one crashed between sending and recording) looks in the DM first.
    const afterRestart = await messenger().sendDirect(tenant, 'U1', { kind: 'invitation', view: invitation }, { idempotencyKey: 'k1' });
    expect(again).toEqual(first);
    expect(afterRestart).toEqual(first);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    // A different key is a different message.
    await m.sendDirect(tenant, 'U1', { kind: 'notice', view: notice }, { idempotencyKey: 'k2' });
    expect(fake.callsOf('chat.postMessage')).toHaveLength(2);
  });

  it('keeps a coordinator mention in a notice as a mention', async () => {
    await messenger().sendDirect(tenant, 'U2', { kind: 'notice', view: notice });
    expect(JSON.stringify(fake.callsOf('chat.postMessage')[0]!.params.blocks)).toContain('<@UCOORD>');
  });

  it('reports a 429 as retryable with Slack’s Retry-After, without retrying on its own', async () => {
    fake.fail('chat.postMessage', { status: 429, retryAfter: 7 });
    const result = await messenger().sendDirect(tenant, 'U1', { kind: 'notice', view: notice });
    expect(result).toEqual({ ok: false, retryable: true, retryAfterMs: 7000, detail: expect.stringContaining('ratelimited') });
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it.each([
    ['a person who left', 'UNOBODY', undefined, { reason: 'user_left' }],
    ['a deactivated person', 'UGONE', undefined, { reason: 'user_left' }],
    ['a bot', 'UBOT2', undefined, { reason: 'bot_blocked' }],
    ['a person whose Messages tab is off', 'U1', 'messages_tab_disabled', { reason: 'bot_blocked' }],
    ['a revoked token', 'U1', 'token_revoked', { reason: 'not_installed' }],
    ['an invalid token', 'U1', 'invalid_auth', { reason: 'not_installed' }],
    ['a deleted workspace (account_inactive)', 'U1', 'account_inactive', { reason: 'not_installed' }],
  ])('gives up on %s with the reason the coordinator sees', async (_what, user, postError, expected) => {
    if (postError) fake.fail('chat.postMessage', { error: postError });
    const result = await messenger().sendDirect(tenant, user, { kind: 'notice', view: notice });
    expect(result).toMatchObject({ ok: false, retryable: false, ...expected });
  });

  it('retries Slack’s own trouble and network errors', async () => {
    fake.fail('chat.postMessage', { error: 'internal_error' });
    expect(await messenger().sendDirect(tenant, 'U1', { kind: 'notice', view: notice })).toMatchObject({ ok: false, retryable: true });
    fake.fail('chat.postMessage', { status: 503 });
    expect(await messenger().sendDirect(tenant, 'U1', { kind: 'notice', view: notice })).toMatchObject({ ok: false, retryable: true });
    await fake.stop();
    expect(await messenger().sendDirect(tenant, 'U1', { kind: 'notice', view: notice })).toMatchObject({ ok: false, retryable: true });
    await fake.start();
  });

  it('is not_installed when the workspace has no token', async () => {
    token = undefined;
    expect(await messenger().sendDirect(tenant, 'U1', { kind: 'notice', view: notice })).toMatchObject({ ok: false, retryable: false, reason: 'not_installed' });
  });
});

describe('updateMessage', () => {
  it('updates the message in place with chat.update', async () => {
    const m = messenger();
    const sent = await m.sendDirect(tenant, 'U1', { kind: 'invitation', view: invitation });
    if (!sent.ok) throw new Error('send failed');
    const updated = await m.updateMessage(tenant, { conversationId: sent.conversationId!, messageId: sent.messageId }, { kind: 'notice', view: notice });
    expect(updated).toEqual({ ok: true, messageId: sent.messageId, conversationId: 'DU1' });
    expect(fake.callsOf('chat.update')[0]!.params).toMatchObject({ channel: 'DU1', ts: sent.messageId });
  });
});

describe('resolveAudience', () => {
  it('pages through a channel’s members and leaves out bots and deactivated accounts', async () => {
    const many = Array.from({ length: 250 }, (_, i) => `UM${i}`);
    for (const id of many) fake.addUser({ id });
    fake.channels.set('CBIG', [...many, 'UBOT2', 'UGONE']);
    const people = await messenger().resolveAudience(tenant, { kind: 'channel', id: 'CBIG' });
    expect(people).toEqual(many);
    expect(fake.callsOf('conversations.members')).toHaveLength(2);
  });

  it('takes a user group’s members', async () => {
    fake.usergroups.set('S1', { name: 'Zorgteam', handle: 'zorgteam', users: ['U1', 'U2', 'UBOT2'] });
    expect(await messenger().resolveAudience(tenant, { kind: 'usergroup', id: 'S1' })).toEqual(['U1', 'U2']);
  });
});

describe('postToChannel (the summary)', () => {
  const round = closedRound();
  const responses = mainResponses();
  const summary = buildSummary({ round, responses, progress: MAIN_PROGRESS, quotes: extractQuotes(round, responses, FIXTURE_NOW, () => 1), now: FIXTURE_NOW });
  const chart = { png: Buffer.from('not really a png'), altText: 'Staafdiagram van de resultaten' };

  it('posts the summary, uploads the chart (files upload v2) and opens a discussion thread', async () => {
    const result = await messenger().postToChannel(tenant, 'CTEAM', { kind: 'summary', summary, chart }, { idempotencyKey: 'summary:round-2' });
    expect(result.ok).toBe(true);
    const posts = fake.messagesIn('CTEAM');
    const main = posts.find((m) => !m.thread_ts && m.blocks)!;
    expect(result).toMatchObject({ messageId: main.ts, conversationId: 'CTEAM' });
    expect(fake.callsOf('files.getUploadURLExternal')[0]!.params).toMatchObject({ filename: 'zorgspiegel.png', length: String(chart.png.length) });
    expect(fake.uploads[0]!.bytes).toBeGreaterThanOrEqual(chart.png.length);
    expect(fake.callsOf('files.completeUploadExternal')[0]!.params.channel_id).toBe('CTEAM');
    expect(posts.filter((m) => m.thread_ts === main.ts).length).toBeGreaterThanOrEqual(1);
    for (const call of fake.callsOf('chat.postMessage')) expect(findBlockKitViolations(call.params)).toEqual([]);
  });

  it('still counts as published when only the chart fails; a failed main post is a failure', async () => {
    fake.fail('files.getUploadURLExternal', { error: 'internal_error' });
    expect((await messenger().postToChannel(tenant, 'CTEAM', { kind: 'summary', summary, chart })).ok).toBe(true);
    fake.fail('chat.postMessage', { error: 'not_in_channel' });
    expect(await messenger().postToChannel(tenant, 'CTEAM', { kind: 'summary', summary, chart })).toMatchObject({ ok: false, retryable: false, reason: 'channel_not_found' });
  });
});

describe('postToChannel, retried by another process or after a restart', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('finds the post made under the same key in the database instead of posting it again', async () => {
    const posts = storedChannelPosts(db.repos.installations, systemClock);
    const first = await messenger(posts).postToChannel(tenant, 'CTEAM', { kind: 'notice', view: notice }, { idempotencyKey: 'vote-results:v1' });
    expect(first.ok).toBe(true);
    // A second process (its own messenger, nothing in memory) runs the same job again.
    const again = await messenger(posts).postToChannel(tenant, 'CTEAM', { kind: 'notice', view: notice }, { idempotencyKey: 'vote-results:v1' });
    expect(again).toEqual(first);
    expect(fake.messagesIn('CTEAM')).toHaveLength(1);
    // Another channel (a newly chosen team channel) gets its own post.
    expect((await messenger(posts).postToChannel(tenant, 'COTHER', { kind: 'notice', view: notice }, { idempotencyKey: 'vote-results:v1' })).ok).toBe(true);
    expect(fake.messagesIn('COTHER')).toHaveLength(1);
  });

  it('records the summary as soon as its main post is in, before the chart and the thread', async () => {
    const round = closedRound();
    const responses = mainResponses();
    const summary = buildSummary({ round, responses, progress: MAIN_PROGRESS, quotes: extractQuotes(round, responses, FIXTURE_NOW, () => 1), now: FIXTURE_NOW });
    const posts = storedChannelPosts(db.repos.installations, systemClock);
    // The process dies while the chart is on its way (the upload never answers).
    fake.delay('files.getUploadURLExternal', 60_000);
    void messenger(posts).postToChannel(tenant, 'CSUM', { kind: 'summary', summary, chart: { png: Buffer.from('png'), altText: 'grafiek' } }, { idempotencyKey: 'summary:round-9' });
    const deadline = Date.now() + 10_000;
    while (!(await posts.get(`${tenant.id}:CSUM:summary:round-9`)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    fake.delay('files.getUploadURLExternal', 0);
    const retried = await messenger(posts).postToChannel(tenant, 'CSUM', { kind: 'summary', summary }, { idempotencyKey: 'summary:round-9' });
    expect(retried.ok).toBe(true);
    expect(fake.messagesIn('CSUM').filter((m) => !m.thread_ts)).toHaveLength(1);
  });
});
