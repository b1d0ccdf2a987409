import { FakeBotConnector } from './fake-bot-connector';
import { actionsOf, actionWithVerb, answerSection, cardText, fillCard, inputsOf, person, TEAM_GROUP_ID, TEAM_ID, TEAM_NAME, TeamsHarness, type Person } from './teams-harness';

/**
 * A whole round on Teams, the way the Emulator would drive it: the app is installed in a team
 * (roster read in pages), the coordinator plans a round in the channel, invitations reach
 * everyone (opening 1:1 chats where needed), staff answer card by card, someone who blocked the
 * bot shows up as unreachable, the coordinator closes, reviews and publishes, and the summary
 * card with its chart lands in the team channel.
 */
const coordinator = person(1, 'Els Van den Broeck');
const staff = [person(2, 'Lotte Peeters'), person(3, 'Bram Janssens'), person(4, 'Sofie Maes'), person(5, 'Wout Claes'), person(6, 'Fien Goossens'), person(7, 'Jonas Wouters')];
const everyone: Person[] = [coordinator, ...staff];

// A whole round with many steps; on a loaded machine it takes longer than jest's default 30 s.
jest.setTimeout(120_000);

let h: TeamsHarness;
beforeAll(async () => {
  h = await TeamsHarness.start({ members: everyone, pageSize: 4 });
});
afterAll(async () => {
  await h?.stop();
});

async function answerEverything(p: Person, roundId: string, seed: number): Promise<Record<string, unknown>> {
  let answer = await h.invoke(p, 'start', { roundId }, { replyToId: 'invitation' });
  let card = answer.card!;
  for (let guard = 0; guard < 20; guard++) {
    const submit = actionsWithSubmit(card);
    if (!submit) return card;
    answer = await h.invoke(p, 'submitSection', { ...submit.data, ...answerSection(card, seed) });
    expect(answer.status).toBe(200);
    card = answer.card!;
    expect(cardText(card)).toContain('Bewaard');
  }
  throw new Error('the form never ended');
}

function actionsWithSubmit(card: unknown): { data: Record<string, unknown> } | undefined {
  try {
    return actionWithVerb(card, 'submitSection') as { data: Record<string, unknown> };
  } catch {
    return undefined;
  }
}

test('a whole round: install, plan, invite, answer, unreachable, close, review, publish', async () => {
  // Install in the team (Teams announces it twice at once): tenant with the installer as
  // coordinator, roster read in two pages, one welcome.
  await Promise.all([h.installInTeam(coordinator), h.installationUpdate(coordinator, 'channel')]);
  expect(h.connector.cards(TEAM_ID)).toHaveLength(1);
  const welcome = h.connector.lastCard(TEAM_ID);
  expect(cardText(welcome)).toContain(`Zorgspiegel is toegevoegd aan ${TEAM_NAME}`);
  expect(cardText(welcome)).toContain('Els Van den Broeck');
  const pages = h.connector.calls.filter((c) => c.path.endsWith('/pagedmembers'));
  expect(pages.length).toBe(4);
  expect(pages.map((p) => p.query.continuationToken)).toEqual([undefined, '4', undefined, '4']);
  const tenant = await h.repos.tenants.get('teams:tenant-0001');
  expect(tenant!.settings.coordinators).toEqual([coordinator.aadObjectId]);
  expect(tenant!.settings.teamChannel?.id).toBe(TEAM_ID);
  const team = await h.repos.installations.get('teams', `team:${TEAM_ID}`);
  expect((team!.members as unknown[]).length).toBe(7);
  expect((team!.channels as { name?: string }[]).map((c) => c.name)).toEqual([undefined, 'Zorgteam']);

  // A second install event (Teams also sends installationUpdate) does not greet twice.
  await h.installInTeam(coordinator);
  expect(h.connector.cards(TEAM_ID).length).toBe(1);

  // Lotte added the app for herself: her 1:1 is known, so no conversation needs creating for her.
  await Promise.all([h.installPersonal(staff[0]!), h.installationUpdate(staff[0]!, 'personal')]);
  expect(h.connector.cards(h.dmOf(staff[0]!))).toHaveLength(1);
  expect(cardText(h.connector.lastCard(h.dmOf(staff[0]!)))).toContain('Ik ben Zorgspiegel');

  // The coordinator plans a round in the channel: the audience is this team's roster. The form
  // goes to the coordinator's personal chat, where nobody else can press it; the channel gets a line.
  const channelCardsBefore = h.connector.cards(TEAM_ID).length;
  const channelSentBefore = h.connector.sent.filter((s) => s.conversationId === TEAM_ID).length;
  const form = await h.say(coordinator, 'nieuwe ronde', 'channel');
  expect(h.connector.lastCard(h.dmOf(coordinator))).toEqual(form);
  expect(h.connector.cards(TEAM_ID)).toHaveLength(channelCardsBefore);
  const channelLines = h.connector.sent.filter((s) => s.conversationId === TEAM_ID).slice(channelSentBefore);
  expect(channelLines.map((s) => s.activity.text)).toEqual([expect.stringContaining('persoonlijke gesprek')]);
  expect(cardText(form)).toContain(`Alle leden van het team ${TEAM_NAME} (7 personen)`);
  const create = actionWithVerb(form, 'createRound');
  const choices = fillCard(form, (input) => (input.id === 'dimensionIds' ? 'A1,C' : input.id === 'title' ? 'Bevraging maart' : undefined));
  const created = await h.invoke(coordinator, 'createRound', { ...create.data, ...choices }, { replyToId: 'round-form-1' });
  expect(cardText(created.card)).toContain('Bevraging gepland: Bevraging maart');
  const [round] = await h.repos.rounds.listByTenant('teams:tenant-0001');
  expect(round!.dimensionIds).toEqual(['A1', 'C']);
  expect(round!.audience).toEqual({ kind: 'team', id: TEAM_ID, name: TEAM_NAME });

  // Jonas has blocked the bot: his 1:1 refuses the card.
  h.connector.failNext({ method: 'POST', path: /a:dm-29:user-7\/activities/, status: 403, body: { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } } });
  await h.runJobs();
  for (const p of everyone.filter((x) => x !== staff[5])) {
    const invitation = h.connector.lastCard(h.dmOf(p));
    expect(cardText(invitation)).toContain('Bevraging maart');
    expect(actionWithVerb(invitation, 'start').data).toEqual({ roundId: round!.id });
  }
  expect(h.connector.createdConversations.map((c) => c.conversationId).sort()).toEqual(everyone.filter((p) => p !== staff[0]).map((p) => FakeBotConnector.personalConversationId(p.id)).sort());
  expect(h.connector.createdConversations[0]!.body).toMatchObject({ isGroup: false, tenantId: 'tenant-0001' });
  const counts = await h.repos.participations.countByStatus(round!.id);
  expect(counts).toMatchObject({ delivered: 6, undeliverable: 1 });

  // Five colleagues answer everything, card by card; the coordinator does not take part.
  let last: Record<string, unknown> = {};
  for (const [i, p] of staff.slice(0, 5).entries()) last = await answerEverything(p, round!.id, i);
  expect(cardText(last)).toContain('Bedankt!');
  expect((await h.repos.responses.count(round!.id)).completed).toBe(5);

  // Status for the coordinator (personal chat): counts, and who could not be reached and why.
  const status = await h.say(coordinator, 'status');
  expect(cardText(status)).toContain('5 afgerond');
  expect(cardText(status)).toContain('Jonas Wouters: heeft de bot geblokkeerd');

  // A colleague may not close the round; the refusal names the coordinator.
  const refused = await h.say(staff[1]!, 'sluit', 'channel');
  expect(cardText(refused)).toContain('Alleen coördinatoren kunnen dit doen. Coördinatoren: Els Van den Broeck.');

  // The coordinator closes (after confirming).
  const confirm = await h.say(coordinator, 'sluit');
  const yes = actionWithVerb(confirm, 'close');
  expect(yes.data).toEqual({ roundId: round!.id, confirmed: true });
  const closing = await h.invoke(coordinator, 'close', yes.data!);
  expect(cardText(closing.card)).toContain('wordt nu afgesloten');
  await h.runJobs();
  expect((await h.repos.rounds.get(round!.id))!.state).toBe('closed');
  const closedNotice = h.connector
    .cards(h.dmOf(coordinator))
    .map((c) => c.card)
    .reverse()
    .find((c) => actionsOf(c).some((a) => a.verb === 'moderate'))!;
  expect(actionWithVerb(closedNotice, 'moderate').data).toEqual({ roundId: round!.id });
  // Every delivered invitation was updated in place: "closed", and no button left to press.
  for (const p of staff.slice(0, 5)) {
    const invitation = h.connector.lastCard(h.dmOf(p));
    expect(cardText(invitation)).toContain('Deze bevraging is afgesloten');
    expect(actionsOf(invitation)).toEqual([]);
  }

  // Answering after closing: the card says the round is closed, and nothing changes.
  const late = await h.invoke(staff[5]!, 'start', { roundId: round!.id });
  expect(cardText(late.card)).toContain('Deze bevraging is afgesloten');

  // Review: open the first open answer on its own card and approve it; leave the others unread.
  const moderation = (await h.invoke(coordinator, 'moderate', { roundId: round!.id })).card!;
  const open = actionsOf(moderation).find((a) => a.verb === 'moderateQuote' && (a.data as { action?: string } | undefined)?.action === 'open')!;
  const [approvedText, ...pendingTexts] = [...new Set(cardText(moderation).match(/Antwoord \d op \S+/g)!)];
  const single = (await h.invoke(coordinator, 'moderateQuote', open.data!)).card!;
  const approve = actionsOf(single).find((a) => a.verb === 'moderateQuote' && (a.data as { action?: string } | undefined)?.action === 'approve')!;
  const afterApprove = (await h.invoke(coordinator, 'moderateQuote', approve.data!)).card!;
  expect(cardText(afterApprove)).toContain('goedgekeurd');

  // Publish: the coordinator is told how many answers are still unread and that they stay out.
  const publishConfirm = await h.say(coordinator, 'publiceer');
  const unread = (await h.repos.quotes.listByRound(round!.id, { statuses: ['pending'] })).length;
  expect(cardText(publishConfirm)).toContain(`${unread} open antwoorden zijn nog niet nagelezen`);
  await h.invoke(coordinator, 'publish', actionWithVerb(publishConfirm, 'publish').data!);
  await h.runJobs();
  expect((await h.repos.rounds.get(round!.id))!.state).toBe('published');
  // The overview goes to the team channel, with the chart served by the bot; what colleagues
  // wrote follows as replies in its thread.
  const summary = h.connector.lastCard(TEAM_ID);
  const replies = h.connector.cards().filter((c) => c.conversationId.startsWith(`${TEAM_ID};messageid=`));
  expect(replies.length).toBeGreaterThan(0);
  for (const reply of replies) expect(Buffer.byteLength(JSON.stringify(reply.card))).toBeLessThan(28_000);
  const text = [summary, ...replies.map((r) => r.card)].map(cardText).join('\n');
  expect(text).toContain('Resultaten: Bevraging maart');
  expect(text).toContain('5 van de 7 uitgenodigde');
  expect(text).toContain('A1. Visie op leerzorg');
  expect(text).toContain('C. Ondersteunende structuren');
  // The approved open answer reaches the team; answers nobody approved never do.
  expect(text).toContain(approvedText);
  expect(pendingTexts.length).toBeGreaterThan(1);
  for (const pending of pendingTexts) expect(text).not.toContain(pending);
  expect(Buffer.byteLength(JSON.stringify(summary))).toBeLessThan(28_000);
  let image: { url?: string } | undefined;
  JSON.stringify(summary, (_k, v) => {
    if (v && typeof v === 'object' && (v as { type?: string }).type === 'Image') image = v as { url?: string };
    return v;
  });
  expect(image?.url).toMatch(new RegExp(`^${h.url}/charts/[A-Za-z0-9_-]{32}\\.png$`));
  const png = await fetch(image!.url!);
  expect(png.status).toBe(200);
  expect(png.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await png.arrayBuffer()).subarray(0, 4).toString('hex')).toBe('89504e47');
  expect((await fetch(`${h.url}/charts/not-a-real-token-at-all.png`)).status).toBe(404);

  // Everyone invited hears the results are out, with a button that opens the overview post in
  // the channel: a Teams deep link built from the id the Bot Connector gave that post.
  const overviewPost = h.connector.sent.filter((s) => s.conversationId === TEAM_ID && s.kind === 'send').at(-1)!;
  expect(overviewPost.activityId).toMatch(/^\d{13}$/);
  expect((await h.repos.summaries.get(round!.id))!.post).toEqual({ conversationId: TEAM_ID, messageId: overviewPost.activityId });
  const resultsDm = h.connector.cards(h.dmOf(staff[0]!)).map((c) => c.card).find((c) => cardText(c).includes('zijn er'))!;
  expect(cardText(resultsDm)).toContain('Bedankt aan iedereen die meedeed');
  const openResults = actionsOf(resultsDm).find((a) => a.type === 'Action.OpenUrl')!;
  expect(openResults.title).toBe('Bekijk de resultaten');
  const link = new URL(openResults.url!);
  expect(`${link.origin}${link.pathname}`).toBe(`https://teams.microsoft.com/l/message/${encodeURIComponent(TEAM_ID)}/${overviewPost.activityId}`);
  expect(Object.fromEntries(link.searchParams)).toEqual({
    tenantId: 'tenant-0001',
    groupId: TEAM_GROUP_ID,
    parentMessageId: overviewPost.activityId,
    teamName: TEAM_NAME,
    channelName: 'General',
    createdTime: overviewPost.activityId,
  });

  // Every card sent or answered parses at Adaptive Cards 1.5.
  h.seeConnectorCards();
  expect(h.seenCards.length).toBeGreaterThan(40);
  expect(inputsOf(form).length).toBeGreaterThan(5);
});
