import { createOrchestrator } from '../../src/orchestration';
import { activityCard, cardActions, cardInputs, executeData } from '../../src/playground/card-walk';
import { createPlaygroundIntegration } from '../../src/playground/integration';
import { SCHOOL, SECOND_SCHOOL } from '../../src/playground/school';
import { schoolId } from '../../src/core/tenant';
import { teamsIntegration } from '../../src/teams';
import { startTestApp, type RunningTestApp } from './support/app';
import { callPlayground, hasVerb, until } from './support/playground-api';

/**
 * A second school in the playground's tenant (issue #19), through the playground API against the
 * real Teams integration: the second school joins when its coordinator adds the app to its team,
 * then both schools run a round at the same time with their own coordinator, channel, threshold
 * and retention period, and neither sees or steers the other's.
 */
jest.setTimeout(120_000);

let running: RunningTestApp;
const els = SCHOOL.personas.find((p) => p.coordinator)!;
const hilde = SECOND_SCHOOL.personas.find((p) => p.coordinator)!;
const FIRST_ID = 'teams:playground';
const SECOND_ID = schoolId('teams', 'playground', SECOND_SCHOOL.team.id);

const call = (method: string, path: string, body?: unknown) => callPlayground(running.url, method, path, body);

const texts = (activities: { text?: string; attachments: { content?: unknown }[] }[]) => JSON.stringify(activities.map((a) => [a.text, a.attachments.map((x) => x.content)]));

/** The newest card with this verb in a conversation. */
async function cardWith(key: string, verb: string) {
  return until(`a card with ${verb} in ${key}`, async () => [...(await call('GET', `/conversations/${key}`)).json.activities].reverse().find((a: any) => hasVerb(a, verb)));
}

/** Clicks the card's button with this verb, as `as`, with the card's values changed by `values`. */
async function click(key: string, as: string, activity: any, verb: string, values: Record<string, string> = {}) {
  const card = activityCard(activity)!;
  const defaults = Object.fromEntries(cardInputs(card).flatMap((i) => (i.value ? [[i.id, i.value]] : [])));
  const action = cardActions(card).find((a) => a.verb === verb)!;
  return call('POST', `/conversations/${key}/activities/${activity.id}/execute`, { as, lang: 'nl', action: { verb, data: executeData(action, { ...defaults, ...values }) } });
}

async function planRound(coordinator: string, title: string) {
  await call('POST', `/conversations/${coordinator}/messages`, { as: coordinator, text: 'nieuwe ronde', lang: 'nl' });
  const planned = await click(coordinator, coordinator, await cardWith(coordinator, 'createRound'), 'createRound', { title, dimensionIds: 'B' });
  expect(planned.json.result.type).toBe('card');
}

beforeAll(async () => {
  running = await startTestApp({ integrations: [teamsIntegration, createPlaygroundIntegration], createOrchestrator: (deps) => createOrchestrator(deps) });
});
afterAll(async () => {
  await running?.close();
});

it('adds a second school to the same tenant and runs both side by side, isolated', async () => {
  // At first the tenant has one school; the second is offered, and its people cannot be used yet.
  const before = await call('GET', '/bootstrap?lang=nl');
  expect(before.json.schools.map((s: any) => [s.key, s.added])).toEqual([
    ['regenboog', true],
    ['zonnebloem', false],
  ]);
  const early = await call('GET', '/conversations/hilde?lang=nl');
  expect(early).toEqual({ status: 409, json: { error: 'Zorgspiegel is nog niet toegevoegd aan het team van Basisschool De Zonnebloem.' } });
  expect((await call('GET', '/conversations/channel-zonnebloem?lang=en')).json.error).toBe('Zorgspiegel has not been added to the team of Basisschool De Zonnebloem yet.');
  expect((await call('POST', '/schools/nowhere', { lang: 'nl' })).status).toBe(404);

  // Hilde adds the app to her team: a school of its own in the same Microsoft tenant, she its coordinator.
  const added = await call('POST', '/schools/zonnebloem', { lang: 'nl' });
  expect(added.status).toBe(201);
  expect(added.json.school).toMatchObject({ key: 'zonnebloem', added: true, channelKey: 'channel-zonnebloem' });
  expect((await call('POST', '/schools/zonnebloem', { lang: 'nl' })).status).toBe(201);
  const second = (await running.db.repos.tenants.get(SECOND_ID))!;
  expect(second).toMatchObject({ externalId: 'playground', schoolKey: SECOND_SCHOOL.team.id, settings: { coordinators: [hilde.aadObjectId], teamChannel: { id: SECOND_SCHOOL.channel.id } } });
  expect(second.settings.quietHours.days).toHaveLength(7);
  expect((await running.db.repos.tenants.get(FIRST_ID))!.settings.coordinators).toEqual([els.aadObjectId]);
  // The welcome is posted in the second school's own channel.
  await until('the welcome in Zonnebloem', async () => (texts((await call('GET', '/conversations/channel-zonnebloem')).json.activities).includes('Basisschool De Zonnebloem') ? true : undefined));
  expect((await call('GET', '/bootstrap?lang=nl')).json.schools.map((s: any) => s.added)).toEqual([true, true]);

  // Hilde's settings: only her school's channel is offered; she sets k = 3 and keeps raw answers 6 months.
  await call('POST', '/conversations/hilde/messages', { as: 'hilde', text: 'instellingen', lang: 'nl' });
  const settings = await cardWith('hilde', 'saveSettings');
  const channelChoices = cardInputs(activityCard(settings)!).find((i) => i.id === 'teamChannel')!.choices;
  expect(channelChoices).toEqual([SECOND_SCHOOL.channel.id]);
  const outOfRange = await click('hilde', 'hilde', settings, 'saveSettings', { anonymityThreshold: '3', retentionMonths: '200' });
  expect(JSON.stringify(outOfRange.json.result.card)).toContain('Bewaar de ruwe antwoorden minstens 1 en hoogstens 120 maanden na de publicatie');
  const saved = await click('hilde', 'hilde', settings, 'saveSettings', { anonymityThreshold: '3', retentionMonths: '6' });
  expect(JSON.stringify(saved.json.result.card)).toContain('Instellingen bewaard.');
  expect((await running.db.repos.tenants.get(SECOND_ID))!.settings).toMatchObject({ anonymityThreshold: 3, retentionMonths: 6 });
  expect((await running.db.repos.tenants.get(FIRST_ID))!.settings).toMatchObject({ anonymityThreshold: 5 });
  expect((await running.db.repos.tenants.get(FIRST_ID))!.settings.retentionMonths).toBeUndefined();

  // Each coordinator plans a round for her own school, at the same time.
  await planRound('els', 'Regenboog in beeld');
  await planRound('hilde', 'Zonnebloem in beeld');
  for (const p of SECOND_SCHOOL.personas) await cardWith(p.key, 'start');
  for (const p of SCHOOL.personas) await cardWith(p.key, 'start');
  const [regenboog] = await running.db.repos.rounds.listByTenant(FIRST_ID);
  const [zonnebloem] = await running.db.repos.rounds.listByTenant(SECOND_ID);
  expect([regenboog!.title, regenboog!.anonymityThreshold, zonnebloem!.title, zonnebloem!.anonymityThreshold]).toEqual(['Regenboog in beeld', 5, 'Zonnebloem in beeld', 3]);
  // A colleague gets only their own school's invitation.
  expect(texts((await call('GET', '/conversations/tom')).json.activities)).not.toContain('Regenboog in beeld');
  expect(texts((await call('GET', '/conversations/lotte')).json.activities)).not.toContain('Zonnebloem in beeld');

  // Simulating answers fills in Hilde's colleagues only.
  expect((await call('POST', '/simulate', { as: 'hilde', lang: 'nl' })).json).toEqual({ answered: 6, alreadyDone: 0, notInvited: 0, failed: 0 });
  expect((await running.db.repos.responses.count(regenboog!.id)).completed ?? 0).toBe(0);

  // Neither coordinator sees the other's round; neither can speak in the other's channel.
  const statusOf = async (coordinator: string) => {
    const seen = (await call('GET', `/conversations/${coordinator}`)).json.activities.length;
    await call('POST', `/conversations/${coordinator}/messages`, { as: coordinator, text: 'status', lang: 'nl' });
    // The bot's answer: what comes after the typed "status".
    return until(`${coordinator}'s status`, async () => {
      const fresh = (await call('GET', `/conversations/${coordinator}`)).json.activities.slice(seen + 1).filter((a: any) => a.sender === 'bot');
      return fresh.length ? texts(fresh) : undefined;
    });
  };
  const hildeStatus = await statusOf('hilde');
  expect(hildeStatus).toContain('Zonnebloem in beeld');
  expect(hildeStatus).not.toContain('Regenboog in beeld');
  const elsStatus = await statusOf('els');
  expect(elsStatus).toContain('Regenboog in beeld');
  expect(elsStatus).not.toContain('Zonnebloem in beeld');
  expect((await call('POST', '/conversations/channel-zonnebloem/messages', { as: 'els', text: 'status', lang: 'nl' })).status).toBe(403);
  expect((await call('POST', '/conversations/channel/messages', { as: 'hilde', text: 'status', lang: 'nl' })).status).toBe(403);

  // Each school's channel holds only its own welcome.
  expect(texts((await call('GET', '/conversations/channel')).json.activities)).not.toContain('Zonnebloem');
  expect(texts((await call('GET', '/conversations/channel-zonnebloem')).json.activities)).not.toContain('Regenboog');
});
