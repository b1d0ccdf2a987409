import { INVOKE_RESPONSE_KEY, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { SurveyError } from '../../core/errors';
import type { Repositories } from '../../core/ports';
import type { Services } from '../../core/services';
import { defaultTenantSettings, type Tenant } from '../../core/tenant';
import { tinyQuestionnaire } from '../../core/testing/fixtures';
import { createLogger } from '../../log';
import { MemoryInstallations } from '../../../test/teams/memory-installations';
import { TeamsDirectory } from '../directory/teams-directory';
import { ZorgspiegelBot } from './zorgspiegel-bot';

const tenant: Tenant = { id: 'teams:t', platform: 'teams', externalId: 't', settings: defaultTenantSettings({ coordinators: ['aad-els'] }), createdAt: new Date(), updatedAt: new Date() };
const clock = { now: () => new Date('2026-03-03T09:00:00Z') };

function setup(respondents: Record<string, unknown> = {}, coordinators: Record<string, unknown> = {}) {
  const services = {
    tenants: { ensure: async () => tenant, schoolOfRound: async () => null, schoolIn: async () => null, coordinatedBy: async () => [] },
    respondents,
    coordinators: { assertCoordinator: () => undefined, status: async () => [], listRounds: async () => [], ...coordinators },
  } as unknown as Services;
  const logger = createLogger('silent');
  const directory = new TeamsDirectory(new MemoryInstallations(), clock);
  const bot = new ZorgspiegelBot({
    services,
    repos: {} as Repositories,
    directory,
    clock,
    logger,
    cardActions: {
      services,
      questionnaire: tinyQuestionnaire(),
      clock,
      logger,
      audiences: async () => [],
      settingsOptions: async () => ({ channels: [], people: [] }),
      displayName: (_t, id) => id,
    },
  });
  const adapter = new TestAdapter();
  const run = async (activity: Partial<Activity>) => {
    const context = new TurnContext(adapter, {
      channelId: 'msteams',
      serviceUrl: 'https://smba.example/',
      from: { id: '29:els', aadObjectId: 'aad-els', name: 'Els' },
      recipient: { id: '28:bot', name: 'Zorgspiegel' },
      conversation: { id: 'a:els', conversationType: 'personal', tenantId: 't', isGroup: false, name: '' },
      channelData: { tenant: { id: 't' } },
      locale: 'nl-BE',
      ...activity,
    } as Activity);
    await bot.run(context);
    // The handler hands its invoke answer to the adapter as an `invokeResponse` activity.
    const answer = adapter.activeQueue.find((a) => a.type === 'invokeResponse') ?? context.turnState.get(INVOKE_RESPONSE_KEY);
    return { invoke: answer?.value as { status: number; body: Record<string, unknown> } | undefined };
  };
  return { run, adapter, directory };
}

const invoke = (verb: string, data: Record<string, unknown>): Partial<Activity> => ({ type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });

test('an Action.Execute answers with the next card; the person\'s 1:1 is remembered on the way', async () => {
  const { run, directory } = setup({ startOrContinue: async () => Promise.reject(new SurveyError('round_closed')) });
  const { invoke: response } = await run(invoke('start', { roundId: 'r' }));
  expect(response!.status).toBe(200);
  expect(response!.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: { type: 'AdaptiveCard' } });
  expect(JSON.stringify(response!.body.value)).toContain('Deze bevraging is afgesloten');
  expect(await directory.getPersonal('teams:t', 'aad-els')).toMatchObject({ conversationId: 'a:els', memberId: '29:els', serviceUrl: 'https://smba.example/' });
});

test('when nothing could be saved the answer is a message with HTTP 200, so Teams keeps the card as typed and says why', async () => {
  const { run } = setup({ submitSection: async () => Promise.reject(new SurveyError('store_unavailable')) });
  const { invoke: response } = await run(invoke('submitSection', { roundId: 'r', section: 'X', 'X-s1': '3' }));
  // Teams wants HTTP 200 for every adaptiveCard/action; the outcome is in the body.
  expect(response!.status).toBe(200);
  expect(response!.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Je antwoord kon niet worden bewaard. Probeer het zo meteen opnieuw.' });
});

test('an unexpected failure is answered with HTTP 200 and the generic message in the person\'s language', async () => {
  const { run } = setup({ submitSection: async () => Promise.reject(new Error('boom')) });
  const { invoke: response } = await run({ ...invoke('submitSection', { roundId: 'r', section: 'X' }), locale: 'en-GB' });
  expect(response!.status).toBe(200);
  expect(response!.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Something went wrong; nothing was changed. Please try again in a moment.' });
});

test('typed commands answer with a card; a word the bot does not know points to help', async () => {
  const { run, adapter } = setup();
  await run({ type: 'message', text: 'status' });
  await run({ type: 'message', text: 'banaan' });
  await run({ type: 'message', text: '' });
  const [status, unknown, help] = adapter.activeQueue.map((a) => JSON.stringify(a.attachments?.[0]?.content));
  expect(status).toContain('Er zijn nog geen bevragingen');
  expect(unknown).toContain('Dat begrijp ik niet: “banaan”');
  expect(help).toContain('Wat kan Zorgspiegel?');
});
