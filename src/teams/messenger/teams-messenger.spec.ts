import type { CloudAdapter } from 'botbuilder';
import type { SummaryRepository } from '../../core/ports';
import { defaultTenantSettings, type Tenant } from '../../core/tenant';
import { createLogger } from '../../log';
import { MemoryInstallations } from '../../../test/teams/memory-installations';
import { sampleSummary } from '../../../test/teams/sample-cards';
import { TeamsDirectory } from '../directory/teams-directory';
import { TeamsMessenger } from './teams-messenger';
import { TEAMS_LIMITS } from './limits';

const tenant: Tenant = { id: 'teams:t', platform: 'teams', externalId: 't', settings: defaultTenantSettings(), createdAt: new Date(), updatedAt: new Date() };
const clock = { now: () => new Date('2026-03-03T09:00:00Z') };
const notice = { kind: 'notice' as const, view: { lang: 'nl' as const, text: 'Hallo', tone: 'info' as const } };

/** A CloudAdapter stand-in: proactive turns whose connector client is a jest mock. */
function fakeAdapter(send: (conversationId: string, activity: Record<string, unknown>) => Promise<{ id: string }>) {
  const key = Symbol('connector');
  const created: Record<string, unknown>[] = [];
  const adapter = {
    ConnectorClientKey: key,
    async continueConversationAsync(_appId: string, reference: { conversation: { id: string } }, logic: (context: unknown) => Promise<void>) {
      await logic({ adapter, activity: { conversation: reference.conversation }, turnState: new Map([[key, { conversations: { sendToConversation: send } }]]) });
    },
    async createConversationAsync(_a: string, _c: string, _s: string, _au: string, params: Record<string, unknown>, logic: (context: unknown) => Promise<void>) {
      created.push(params);
      await logic({ activity: { conversation: { id: `a:new-${created.length}` } } });
    },
  };
  return { adapter: adapter as unknown as CloudAdapter, created };
}

async function directoryWithRoster() {
  const directory = new TeamsDirectory(new MemoryInstallations(), clock);
  await directory.saveTeam({
    kind: 'team',
    tenantId: tenant.id,
    msTenantId: 't',
    teamId: '19:team',
    name: 'Leraren',
    serviceUrl: 'https://smba.example/',
    botId: '28:bot',
    channels: [{ id: '19:team' }],
    members: [{ platformUserId: 'aad-an', id: '29:an', name: 'An' }],
    rosterUpdatedAt: '',
    installedBy: 'x',
    installedAt: '',
  });
  return directory;
}

const messenger = (adapter: CloudAdapter, directory: TeamsDirectory, summaries: Partial<SummaryRepository> = {}) =>
  new TeamsMessenger({ adapter, appId: '', directory, summaries: summaries as SummaryRepository, clock, logger: createLogger('silent'), publicUrl: () => 'https://bot.example/' });

test('a 1:1 the person removed is opened again from the roster, and the new one is kept', async () => {
  const directory = await directoryWithRoster();
  await directory.savePersonal({ kind: 'personal', tenantId: tenant.id, msTenantId: 't', platformUserId: 'aad-an', memberId: '29:an', serviceUrl: 'https://smba.example/', botId: '28:bot', conversationId: 'a:old', updatedAt: '' });
  const send = jest.fn(async (conversationId: string) => {
    if (conversationId === 'a:old') throw Object.assign(new Error('Conversation not found.'), { statusCode: 404, code: 'ConversationNotFound' });
    return { id: 'm-1' };
  });
  const { adapter, created } = fakeAdapter(send);
  const result = await messenger(adapter, directory).sendDirect(tenant, 'aad-an', notice);
  expect(result).toEqual({ ok: true, messageId: 'm-1', conversationId: 'a:new-1' });
  expect(created[0]).toMatchObject({ isGroup: false, members: [{ id: '29:an' }], tenantId: 't' });
  expect((await directory.getPersonal(tenant.id, 'aad-an'))!.conversationId).toBe('a:new-1');
});

test('an idempotency key is recorded only once the message went out', async () => {
  const directory = await directoryWithRoster();
  let fail = true;
  const { adapter } = fakeAdapter(async () => {
    if (fail) throw Object.assign(new Error('busy'), { statusCode: 503 });
    return { id: 'm-2' };
  });
  const m = messenger(adapter, directory);
  expect(await m.sendDirect(tenant, 'aad-an', notice, { idempotencyKey: 'k' })).toMatchObject({ ok: false, retryable: true });
  expect(await directory.getSent('k')).toBeNull();
  fail = false;
  expect(await m.sendDirect(tenant, 'aad-an', notice, { idempotencyKey: 'k' })).toMatchObject({ ok: true, messageId: 'm-2' });
  expect(await directory.getSent('k')).toMatchObject({ messageId: 'm-2' });
});

test('the summary card loads its chart from this bot, under the stored token', async () => {
  const directory = await directoryWithRoster();
  const activities: Record<string, unknown>[] = [];
  const { adapter } = fakeAdapter(async (_c, activity) => {
    activities.push(activity);
    return { id: 'm-3' };
  });
  const summary = sampleSummary({ respondents: 6, lang: 'nl' });
  const m = messenger(adapter, directory, { get: async () => ({ roundId: summary.round.id, tenantId: tenant.id, summary, chartToken: 'tok123', computedAt: new Date() }) });
  await m.postToChannel(tenant, '19:team', { kind: 'summary', summary, chart: { png: Buffer.from('png'), altText: 'Diagram' } });
  await m.postToChannel(tenant, '19:team', { kind: 'summary', summary, chart: { png: Buffer.from('png'), altText: 'Diagram', url: 'https://cdn.example/c.png' } });
  await m.postToChannel(tenant, '19:team', { kind: 'summary', summary });
  // Each post is the overview followed by its detail replies: take the overviews.
  const overviews = activities.filter((a) => JSON.stringify(a).includes(summary.round.title) && (a as { summary?: string }).summary === summary.round.title);
  expect(overviews).toHaveLength(3);
  expect(activities.length).toBeGreaterThan(3);
  const [own, given, none] = overviews.map((a) => JSON.stringify(a));
  expect(own).toContain('"url":"https://bot.example/charts/tok123.png"');
  expect(given).toContain('"url":"https://cdn.example/c.png"');
  expect(none).not.toContain('"type":"Image"');
  expect(activities[0]).toMatchObject({ type: 'message', summary: summary.round.title });
});

test('someone whose 1:1 is gone and who is in no roster any more has left', async () => {
  const directory = new TeamsDirectory(new MemoryInstallations(), clock);
  await directory.savePersonal({ kind: 'personal', tenantId: tenant.id, msTenantId: 't', platformUserId: 'aad-gone', memberId: '29:gone', serviceUrl: 'https://smba.example/', botId: '28:bot', conversationId: 'a:gone', updatedAt: '' });
  const { adapter, created } = fakeAdapter(async () => Promise.reject(Object.assign(new Error('Conversation not found.'), { statusCode: 404, code: 'ConversationNotFound' })));
  expect(await messenger(adapter, directory).sendDirect(tenant, 'aad-gone', notice)).toMatchObject({ ok: false, retryable: false, reason: 'user_left' });
  expect(await messenger(adapter, directory).sendDirect(tenant, 'aad-never', notice)).toMatchObject({ ok: false, retryable: false, reason: 'not_installed' });
  expect(created).toHaveLength(0);
});

test('paces at TEAMS_SENDS_PER_SECOND when the operator set it, never above the documented limit', async () => {
  const directory = await directoryWithRoster();
  const { adapter } = fakeAdapter(jest.fn(async () => ({ id: 'm' })));
  const make = (sendsPerSecond?: number) =>
    new TeamsMessenger({ adapter, appId: '', directory, summaries: {} as SummaryRepository, clock, logger: createLogger('silent'), publicUrl: () => 'https://bot.example/', sendsPerSecond });
  expect(make().limits).toEqual(TEAMS_LIMITS);
  expect(make(3).limits).toEqual({ ...TEAMS_LIMITS, perTenantPerSecond: 3 });
  expect(make(100).limits).toEqual(TEAMS_LIMITS);
});
