import { coreSummarySnapshot } from '../../src/orchestration/summary-snapshot';
import { ACTIONS } from '../../src/slack/ids';
import { findBlockKitViolations } from '../../src/slack/limits';
import { click, eventually, interactionBody, openedView, postToSlackEndpoint, sendCommand, startSlackHarness, submitView, type SlackHarness, type ViewLike } from './harness';

/**
 * After publication, through the real Bolt app: the coordinator opens the vote, colleagues vote
 * in a modal from the channel announcement, the ranked result lands in the channel, actions are
 * recorded in a modal, the plan is posted and updated in the channel, owners are told, anyone
 * can ask for the plan, and a new round can repeat the previous one.
 */
const COORDINATOR = 'UCOORD';
const STAFF = ['U1', 'U2', 'U3', 'U4', 'U5'];
const TEAM_CHANNEL = 'CTEAM';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness((fake) => {
    fake.addUser({ id: COORDINATOR, locale: 'nl-BE' });
    for (const u of STAFF) fake.addUser({ id: u, locale: 'nl-BE' });
    fake.channels.set(TEAM_CHANNEL, [COORDINATOR, ...STAFF]);
    // The first coordinator is named by COORDINATORS (#12b): typing first makes nobody coordinator.
  }, { env: { COORDINATORS: COORDINATOR } });
});
afterAll(async () => {
  await h?.close();
});

async function answer(userId: string, text: string, contains: string): Promise<string> {
  const before = h.fake.callsOf('response_url').length;
  expect((await sendCommand(h, userId, text, TEAM_CHANNEL)).status).toBe(200);
  return eventually(() => h.fake.callsOf('response_url').slice(before).map((c) => JSON.stringify(c.params)).find((t) => t.includes(contains)), `"${contains}" after "${text}"`);
}

async function modalBy(userId: string, text: string): Promise<ViewLike> {
  const before = h.fake.callsOf('views.open').length;
  expect((await sendCommand(h, userId, text, TEAM_CHANNEL)).status).toBe(200);
  await eventually(() => h.fake.callsOf('views.open').length > before, `a modal for "${text}"`);
  return openedView(h.fake, 'views.open');
}

/** A round on A1 answered by five colleagues, closed and published (set up through the core). */
async function publishedRound(): Promise<string> {
  await answer(COORDINATOR, 'help', 'coördinator');
  const tenantId = `slack:${h.fake.teamId}`;
  await h.db.repos.tenants.updateSettings(tenantId, { teamChannel: { id: TEAM_CHANNEL } }, h.clock.now());
  const tenant = (await h.db.repos.tenants.get(tenantId))!;
  const coordinator = { tenant, platformUserId: COORDINATOR, lang: 'nl' as const };
  const round = await h.app.services.coordinators.createRound(coordinator, {
    title: 'Nulmeting',
    dimensionIds: ['A1'],
    depth: 'detailed',
    includeReflection: false,
    audience: { kind: 'list', id: 'staff' },
    closesAt: new Date(h.clock.now().getTime() + 86_400_000),
    moderation: false,
  });
  await h.db.repos.jobs.cancelPending({ roundId: round.id }, h.clock.now());
  await h.db.repos.rounds.transition(round.id, 'scheduled', 'open', { openedAt: h.clock.now() });
  await h.db.repos.participations.invite(round.id, tenant.id, STAFF, h.clock.now());
  const statements = round.questionnaire.dimensions.find((d) => d.id === 'A1')!.statements;
  for (const [i, u] of STAFF.entries()) {
    const values = Object.fromEntries(statements.map((s, j) => [s.id, ((i + j) % 6) + 1]));
    const out = await h.app.services.respondents.submitSection({ tenant, platformUserId: u, lang: 'nl' }, round.id, 'A1', values);
    expect(out.ok).toBe(true);
  }
  const closed = await h.db.repos.rounds.transition(round.id, 'open', 'closed', { closedAt: h.clock.now() });
  const snapshot = await coreSummarySnapshot(h.db.repos)(closed!, h.clock.now());
  await h.db.repos.summaries.saveOnce({ roundId: round.id, tenantId, summary: snapshot.summary, chartToken: 'token-slack', computedAt: h.clock.now() });
  await h.db.repos.rounds.transition(round.id, 'closed', 'published', { publishedAt: h.clock.now() });
  return round.id;
}

function buttonValue(blocks: unknown, actionId: string): string {
  let found: string | undefined;
  JSON.stringify(blocks, (_k, v: unknown) => {
    const el = v as { action_id?: string; value?: string } | null;
    if (el && typeof el === 'object' && el.action_id === actionId && typeof el.value === 'string') found ??= el.value;
    return v;
  });
  if (found === undefined) throw new Error(`no ${actionId} button`);
  return found;
}

test('vote, actions, the plan in the channel and repeating the round, on Slack', async () => {
  await publishedRound();

  expect(await answer('U1', 'stemming', 'Alleen coördinatoren')).toBeTruthy();
  await answer(COORDINATOR, 'stemming', 'De stemming is geopend');
  const announcement = await eventually(() => h.fake.messagesIn(TEAM_CHANNEL).find((m) => JSON.stringify(m.blocks).includes(ACTIONS.vote)), 'the vote announcement');
  expect(JSON.stringify(announcement.blocks)).toContain('minstens 5 collega');
  const value = buttonValue(announcement.blocks, ACTIONS.vote);

  // Each colleague opens the ballot from the channel message and votes; every option is listed in full.
  const picks: Record<string, number[]> = { U1: [0, 1], U2: [0], U3: [2, 0], U4: [1], U5: [0, 1, 2] };
  let options: string[] = [];
  for (const u of STAFF) {
    const before = h.fake.callsOf('views.open').length;
    await click(h, u, { action_id: ACTIONS.vote, value }, { message: { channel: TEAM_CHANNEL, ts: announcement.ts } });
    await eventually(() => h.fake.callsOf('views.open').length > before, 'the ballot');
    const ballot = openedView(h.fake, 'views.open');
    const select = ballot.blocks.find((b) => b.block_id === 'choices')!.element as { options: { value: string }[]; max_selected_items: number };
    expect(select.max_selected_items).toBe(3);
    options = select.options.map((o) => o.value);
    if (u === 'U1') {
      // An edited payload with four choices (the client allows three) is refused next to the field.
      const tooMany = await submitView(h, u, ballot, { choices: options.slice(0, 4) });
      expect(tooMany.body).toMatchObject({ response_action: 'errors', errors: { choices: 'Kies hoogstens 3 werkpunten.' } });
    }
    const res = await submitView(h, u, { ...ballot, hash: `${ballot.hash}-2` }, { choices: picks[u]!.map((i) => options[i]!) });
    expect(JSON.stringify(res.body)).toContain('Je stem is bewaard');
  }
  // A second ballot for the same person (a new modal) is refused, and counts nothing.
  await click(h, 'U2', { action_id: ACTIONS.vote, value }, { message: { channel: TEAM_CHANNEL, ts: announcement.ts } });
  await eventually(() => JSON.stringify(openedView(h.fake, 'views.open').blocks).includes('Je hebt al gestemd'), 'already voted');

  await answer(COORDINATOR, 'stemming sluit', 'wordt afgesloten');
  const results = await eventually(() => h.fake.messagesIn(TEAM_CHANNEL).find((m) => JSON.stringify(m.blocks).includes('Uitslag van de stemming')), 'the result');
  const resultText = JSON.stringify(results.blocks);
  expect(resultText).toContain('5 collega');
  expect(resultText).toMatch(/1\. [^"]* — 4 stemmen/);
  await eventually(() => JSON.stringify(h.fake.messagesIn(TEAM_CHANNEL).find((m) => m.ts === announcement.ts)!.blocks).includes('De stemming is afgesloten'), 'the announcement marked closed');

  // An action, recorded in a modal: the vote's favourite is the first work point offered.
  const form = await modalBy(COORDINATOR, 'actie');
  const workPoint = form.blocks.find((b) => b.block_id === 'workPointId')!.element as { options: { value: string; text: { text: string } }[] };
  expect(workPoint.options[0]!.value).toBe(options[0]);
  expect(workPoint.options[0]!.text.text).toContain('4 stemmen');
  const values = { workPointId: options[0]!, what: 'Maandelijkse leerlingbespreking', ownerUserId: 'U2', ownerGroup: null, dueDate: '2026-06-12', successSign: 'Elke klas is besproken' };
  const noOwner = await submitView(h, COORDINATOR, form, { ...values, ownerUserId: null });
  expect(noOwner.body).toMatchObject({ response_action: 'errors', errors: { ownerUserId: expect.stringContaining('kies een collega of noem een groep') } });
  const saved = await submitView(h, COORDINATOR, { ...form, hash: `${form.hash}-2` }, values);
  expect(saved.body).toMatchObject({ response_action: 'clear' });
  const plan = await eventually(() => h.fake.messagesIn(TEAM_CHANNEL).find((m) => JSON.stringify(m.blocks).includes('Ons actieplan')), 'the plan in the channel');
  expect(JSON.stringify(plan.blocks)).toContain('<@U2>');
  await eventually(() => h.fake.messagesIn(h.fake.dmChannelOf('U2')).find((m) => JSON.stringify(m.blocks).includes('Je trekt een actie van het team')), 'the owner DM');

  // Anyone can see the plan; only editors get the buttons.
  const staffPlan = await answer('U3', 'acties', 'Maandelijkse leerlingbespreking');
  expect(staffPlan).not.toContain(ACTIONS.actionEdit);
  const coordinatorPlan = await answer(COORDINATOR, 'acties', 'Maandelijkse leerlingbespreking');
  const editValue = buttonValue(JSON.parse(coordinatorPlan).blocks, ACTIONS.actionEdit);

  // The coordinator lets U3 record actions too, with the user picker under the plan.
  expect(coordinatorPlan).toContain(ACTIONS.actionEditors);
  const pick = {
    type: 'block_actions',
    user: { id: COORDINATOR, team_id: h.fake.teamId },
    api_app_id: 'AZORG',
    token: 'legacy',
    trigger_id: 'trigger-editors',
    team: { id: h.fake.teamId, domain: 'school' },
    response_url: h.fake.responseUrl('editors'),
    container: { type: 'message', message_ts: '1', channel_id: TEAM_CHANNEL, is_ephemeral: true },
    actions: [{ type: 'multi_users_select', action_id: ACTIONS.actionEditors, block_id: 'editors', selected_users: ['U3'], action_ts: '1' }],
  };
  expect((await postToSlackEndpoint(h.url, interactionBody(pick), 'application/x-www-form-urlencoded')).status).toBe(200);
  await eventually(() => h.fake.callsOf('response_url').some((c) => JSON.stringify(c.params).includes('<@U3>')), 'the editors confirmation');
  expect((await modalBy('U3', 'actie')).callback_id).toBe('zs_action');

  // Marked done with a note: the same channel post is updated.
  const beforeOpen = h.fake.callsOf('views.open').length;
  await click(h, COORDINATOR, { action_id: ACTIONS.actionEdit, value: editValue }, { message: { channel: TEAM_CHANNEL, ts: '1' } });
  await eventually(() => h.fake.callsOf('views.open').length > beforeOpen, 'the edit modal');
  const edit = openedView(h.fake, 'views.open');
  expect((await submitView(h, COORDINATOR, edit, { status: 'done', statusNote: 'Alle klassen besproken' })).body).toMatchObject({ response_action: 'clear' });
  await eventually(() => JSON.stringify(h.fake.messagesIn(TEAM_CHANNEL).find((m) => m.ts === plan.ts)!.blocks).includes('Alle klassen besproken'), 'the plan post updated');
  expect(h.fake.messagesIn(TEAM_CHANNEL).filter((m) => JSON.stringify(m.blocks).includes('Ons actieplan'))).toHaveLength(1);

  // "Herhaal de vorige bevraging" in the new-round modal fills in the previous round's choices.
  const newRound = await modalBy(COORDINATOR, 'nieuw');
  expect(JSON.stringify(newRound.blocks)).toContain('Herhaal de vorige bevraging');
  const beforeUpdate = h.fake.callsOf('views.update').length;
  await click(h, COORDINATOR, { action_id: ACTIONS.repeatRound, value: '{}' }, { view: newRound });
  await eventually(() => h.fake.callsOf('views.update').length > beforeUpdate, 'the repeated form');
  const repeated = openedView(h.fake, 'views.update');
  const dims = repeated.blocks.find((b) => b.block_id === 'dimensionIds')!.element as { initial_options: { value: string }[] };
  expect(dims.initial_options.map((o) => o.value)).toEqual(['A1']);

  expect(findBlockKitViolations(h.fake.blockKitPayloads())).toEqual([]);
});
