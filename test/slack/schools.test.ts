import { defaultTenantSettings } from '../../src/core/tenant';
import { ACTIONS } from '../../src/slack/ids';
import { encodeMetadata } from '../../src/slack/schema';
import type { StoredMessage } from './fake-slack-api';
import { click, eventually, openedView, sendCommand, startSlackHarness, submitView, updatedView, type SlackHarness, type ViewLike } from './harness';

/**
 * One Slack workspace shared by a school group: the workspace's own school ("Noord") and a
 * second school a coordinator creates in its own channel (Campus Zuid). Both run rounds at the
 * same time with their own coordinators, team channels and thresholds, fully isolated; a teacher
 * in both gets two invitations named after their school; a coordinator of both chooses the school
 * from a direct message; each school's trend compares with its own previous round.
 */
const NOORD_COORD = 'UNOORD';
const ZUID_COORD = 'UZUID';
const LOTTE = 'ULOTTE';
const NOORD_STAFF = [LOTTE, 'UN1', 'UN2', 'UN3', 'UN4'];
const ZUID_STAFF = [LOTTE, 'UZ1', 'UZ2'];
const CNOORD = 'CNOORD';
const CZUID = 'CZUID';
const DAY = 24 * 3600;
/** The workspace's own school, renamed by its coordinator. */
const NOORD_NAME = 'Campus Noord';

let h: SlackHarness;
let noordId: string;
const zuidId = () => `slack:${h.fake.teamId}:campus-zuid`;

beforeAll(async () => {
  h = await startSlackHarness((fake) => {
    for (const id of [NOORD_COORD, ZUID_COORD, ...new Set([...NOORD_STAFF, ...ZUID_STAFF])]) fake.addUser({ id, locale: 'nl-BE' });
    fake.channels.set(CNOORD, [NOORD_COORD, ...NOORD_STAFF]);
    fake.channels.set(CZUID, [ZUID_COORD, ...ZUID_STAFF]);
  });
  // The workspace's own school (named after the workspace), set up by its coordinator.
  noordId = `slack:${h.fake.teamId}`;
  await h.db.repos.tenants.ensure({ id: noordId, platform: 'slack', externalId: h.fake.teamId, name: h.fake.teamName, settings: defaultTenantSettings() }, h.clock.now());
  await h.db.repos.tenants.updateSettings(noordId, { coordinators: [NOORD_COORD], teamChannel: { id: CNOORD } }, h.clock.now());
});
afterAll(async () => {
  await h?.close();
});

/** The ephemeral answer to a command, found by what it must contain. */
async function answer(userId: string, text: string, channel: string, contains: string): Promise<string> {
  const before = h.fake.callsOf('response_url').length;
  expect((await sendCommand(h, userId, text, channel)).status).toBe(200);
  return eventually(() => h.fake.callsOf('response_url').slice(before).map((c) => JSON.stringify(c.params)).find((t) => t.includes(contains)), `"${text}" answered with "${contains}"`);
}

async function modal(userId: string, text: string, channel: string): Promise<ViewLike> {
  const before = h.fake.callsOf('views.open').length;
  expect((await sendCommand(h, userId, text, channel)).status).toBe(200);
  await eventually(() => h.fake.callsOf('views.open').length > before, `a modal for "${text}"`);
  return openedView(h.fake, 'views.open');
}

async function createRound(userId: string, channel: string, title: string): Promise<void> {
  const view = await modal(userId, 'nieuw', channel);
  const now = Math.floor(h.clock.now().getTime() / 1000);
  const res = await submitView(h, userId, view, { title, dimensionIds: ['A1'], depth: 'quick', includeReflection: 'no', audienceChannel: channel, closesAt: now + 7 * DAY, moderation: 'no' });
  expect(res.body).toEqual({ response_action: 'clear' });
}

async function roundOf(school: string, title: string) {
  return eventually(async () => (await h.db.repos.rounds.listByTenant(school)).find((r) => r.title === title), `round ${title}`);
}

function invitations(userId: string): StoredMessage[] {
  return h.fake.messagesIn(h.fake.dmChannelOf(userId)).filter((m) => JSON.stringify(m.blocks ?? []).includes(ACTIONS.optOut));
}

function buttonValue(blocks: unknown, actionId: string): string {
  const found = JSON.stringify(blocks).match(new RegExp(`"action_id":"${actionId}","value":"((?:[^"\\\\]|\\\\.)*)"`));
  if (!found) throw new Error(`no ${actionId} button`);
  return JSON.parse(`"${found[1]}"`) as string;
}

/** Answers the round's one quick section with `score` everywhere and finishes at the review. */
async function answerRound(userId: string, roundId: string, score: number): Promise<void> {
  const invitation = await eventually(() => invitations(userId).find((m) => JSON.stringify(m.blocks).includes(roundId)), `${userId}'s invitation to ${roundId}`);
  const before = h.fake.callsOf('views.open').length;
  await click(h, userId, { action_id: ACTIONS.start, value: buttonValue(invitation.blocks, ACTIONS.start) }, { message: { channel: invitation.channel, ts: invitation.ts } });
  await eventually(() => h.fake.callsOf('views.open').length > before, `${userId}'s form`);
  let view = openedView(h.fake, 'views.open');
  for (let guard = 0; guard < 5 && view.callback_id === 'zs_section'; guard++) {
    const values: Record<string, string | null> = {};
    for (const block of view.blocks.filter((b) => b.type === 'input')) {
      const type = (block.element as { type: string }).type;
      values[String(block.block_id)] = type === 'radio_buttons' ? String(score) : type === 'plain_text_input' ? '' : null;
    }
    const res = await submitView(h, userId, view, values);
    view = updatedView(view, res.body);
  }
  if (view.callback_id !== 'zs_review') throw new Error(`${userId}: ${JSON.stringify(view.blocks).slice(0, 600)}`);
  expect((await submitView(h, userId, view, {})).body).toEqual({ response_action: 'clear' });
}

async function closeAndPublish(userId: string, channel: string, roundId: string): Promise<void> {
  await answer(userId, 'sluit', channel, 'wordt afgesloten');
  await eventually(async () => (await h.db.repos.rounds.get(roundId))?.state === 'closed', `${roundId} closed`);
  await answer(userId, 'publiceer', channel, 'wordt gepubliceerd');
  await eventually(async () => (await h.db.repos.rounds.get(roundId))?.state === 'published', `${roundId} published`, 20_000);
}

function summaryIn(channel: string, title: string): string {
  const found = h.fake.messagesIn(channel).filter((m) => JSON.stringify(m).includes(`Resultaten: ${title}`));
  return found.length ? JSON.stringify(found[found.length - 1]) : '';
}

test('two schools in one Slack workspace run rounds side by side, fully isolated', async () => {
  // The workspace's own school starts with the workspace's name; its coordinator renames it.
  expect(await answer(NOORD_COORD, 'school naam Campus Noord', CNOORD, 'Campus Noord')).toContain('heet nu');
  expect((await h.db.repos.tenants.get(noordId))!.name).toBe(NOORD_NAME);
  expect(await answer(LOTTE, 'school naam Iets Anders', CNOORD, 'Alleen coördinatoren')).toContain('Alleen coördinatoren');

  // Noord's coordinator adds Campus Zuid in Zuid's channel; it starts with its own settings.
  const created = await answer(NOORD_COORD, 'school nieuw Campus Zuid', CZUID, 'Campus Zuid');
  expect(created).toContain('campus-zuid');
  expect(await h.db.repos.tenants.get(zuidId())).toMatchObject({ name: 'Campus Zuid', schoolKey: 'campus-zuid', externalId: h.fake.teamId, settings: { coordinators: [NOORD_COORD], teamChannel: { id: CZUID } } });
  expect(await answer(NOORD_COORD, 'school nieuw Campus Zuid', CZUID, 'campus-zuid')).toContain('al een school');
  expect(await answer(LOTTE, 'school nieuw Derde', 'CSTAFF', 'Alleen coördinatoren')).toContain('Alleen coördinatoren');

  // Coordinating both for now, from a direct message Noord's coordinator first chooses the school.
  const chooser = await answer(NOORD_COORD, 'nieuw', h.fake.dmChannelOf(NOORD_COORD), 'Voor welke school?');
  expect(chooser).toContain(NOORD_NAME);
  const buttons = JSON.parse(chooser) as { blocks: { elements?: { action_id: string; value: string; text: { text: string } }[] }[] };
  const zuidButton = buttons.blocks.flatMap((b) => b.elements ?? []).find((e) => e.text.text === 'Campus Zuid')!;
  const beforeModal = h.fake.callsOf('views.open').length;
  await click(h, NOORD_COORD, { action_id: zuidButton.action_id, value: zuidButton.value }, { message: { channel: h.fake.dmChannelOf(NOORD_COORD), ts: '1772442000.999999' } });
  await eventually(() => h.fake.callsOf('views.open').length > beforeModal, 'the create modal for Zuid');
  const zuidModal = openedView(h.fake, 'views.open');
  expect(JSON.stringify(zuidModal.blocks)).toContain('Voor Campus Zuid');
  expect(JSON.parse(String(zuidModal.private_metadata))).toMatchObject({ k: 'create', t: zuidId() });

  // Zuid's settings, in Zuid's channel: its own coordinator and k = 3. Noord keeps k = 5.
  const settings = await modal(NOORD_COORD, 'instellingen', CZUID);
  expect((await submitView(h, NOORD_COORD, settings, { coordinators: [ZUID_COORD], anonymityThreshold: '3', teamChannel: CZUID })).body).toEqual({ response_action: 'clear' });
  expect((await h.db.repos.tenants.get(zuidId()))!.settings).toMatchObject({ coordinators: [ZUID_COORD], anonymityThreshold: 3, teamChannel: { id: CZUID } });
  expect((await h.db.repos.tenants.get(noordId))!.settings).toMatchObject({ coordinators: [NOORD_COORD], anonymityThreshold: 5, teamChannel: { id: CNOORD } });

  // Zuid's coordinator cannot steer Noord: not in Noord's channel, not with Noord's id in a modal.
  expect(await answer(ZUID_COORD, 'status', CNOORD, 'Alleen coördinatoren')).toContain('<@UNOORD>');
  const own = await modal(ZUID_COORD, 'instellingen', h.fake.dmChannelOf(ZUID_COORD));
  expect(JSON.parse(String(own.private_metadata))).toEqual({ k: 'settings', t: zuidId() });
  const forged = await submitView(h, ZUID_COORD, { ...own, private_metadata: encodeMetadata({ k: 'settings', t: noordId }) }, { anonymityThreshold: '3' });
  expect(JSON.stringify(forged.body)).toContain('Alleen coördinatoren');
  expect((await h.db.repos.tenants.get(noordId))!.settings.anonymityThreshold).toBe(5);

  // Both schools plan a round at the same time, each for its own channel.
  await createRound(NOORD_COORD, CNOORD, 'Noord 1');
  await createRound(ZUID_COORD, CZUID, 'Zuid 1');
  const noord1 = await roundOf(noordId, 'Noord 1');
  const zuid1 = await roundOf(zuidId(), 'Zuid 1');
  expect(noord1).toMatchObject({ anonymityThreshold: 5, audience: { id: CNOORD } });
  expect(zuid1).toMatchObject({ anonymityThreshold: 3, audience: { id: CZUID } });

  // Lotte is in both: two invitations, each named after its school.
  await eventually(() => invitations(LOTTE).length === 2, "Lotte's two invitations");
  const lotte = invitations(LOTTE).map((m) => JSON.stringify(m.blocks));
  expect(lotte.some((b) => b.includes(`Noord 1 — ${NOORD_NAME}`))).toBe(true);
  expect(lotte.some((b) => b.includes('Zuid 1 — Campus Zuid'))).toBe(true);

  // While both run: Zuid's coordinator sees only Zuid, and Noord's close button refuses him.
  const zuidStatus = await answer(ZUID_COORD, 'status', h.fake.dmChannelOf(ZUID_COORD), 'Zuid 1');
  expect(zuidStatus).not.toContain('Noord 1');
  const beforeRefusal = h.fake.callsOf('views.open').length;
  await click(h, ZUID_COORD, { action_id: ACTIONS.round.close, value: JSON.stringify({ r: noord1.id }) }, { message: { channel: h.fake.dmChannelOf(ZUID_COORD), ts: '1772442000.888888' } });
  await eventually(() => h.fake.callsOf('views.open').length > beforeRefusal, 'the refusal');
  expect(JSON.stringify(openedView(h.fake, 'views.open').blocks)).toContain('Alleen coördinatoren kunnen dit doen. Coördinatoren: <@UNOORD>.');
  expect((await h.db.repos.rounds.get(noord1.id))!.state).toBe('open');

  // Noord scores 2 the first time, Zuid 5; both score 4 the second time.
  for (const u of NOORD_STAFF) await answerRound(u, noord1.id, 2);
  for (const u of ZUID_STAFF) await answerRound(u, zuid1.id, 5);
  await closeAndPublish(NOORD_COORD, CNOORD, noord1.id);
  await closeAndPublish(ZUID_COORD, CZUID, zuid1.id);
  await eventually(() => summaryIn(CNOORD, 'Noord 1'), 'Noord 1 summary');
  await eventually(() => summaryIn(CZUID, 'Zuid 1'), 'Zuid 1 summary');
  expect(summaryIn(CZUID, 'Noord 1')).toBe('');
  expect(summaryIn(CNOORD, 'Zuid 1')).toBe('');

  await createRound(NOORD_COORD, CNOORD, 'Noord 2');
  await createRound(ZUID_COORD, CZUID, 'Zuid 2');
  const noord2 = await roundOf(noordId, 'Noord 2');
  const zuid2 = await roundOf(zuidId(), 'Zuid 2');
  for (const u of NOORD_STAFF) await answerRound(u, noord2.id, 4);
  for (const u of ZUID_STAFF) await answerRound(u, zuid2.id, 4);
  await closeAndPublish(NOORD_COORD, CNOORD, noord2.id);
  await closeAndPublish(ZUID_COORD, CZUID, zuid2.id);

  // Each trend against the school's own previous round: Noord 2 → 4, Zuid 5 → 4.
  const noordTrend = await eventually(() => summaryIn(CNOORD, 'Noord 2'), 'Noord 2 summary');
  const zuidTrend = await eventually(() => summaryIn(CZUID, 'Zuid 2'), 'Zuid 2 summary');
  expect(noordTrend).toMatch(/2,0 → 4,0/);
  expect(zuidTrend).toMatch(/5,0 → 4,0/);
}, 240_000);
