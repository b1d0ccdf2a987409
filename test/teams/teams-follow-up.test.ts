import { actionWithVerb, answerSection, cardText, fillCard, inputsOf, person, TEAM_ID, TeamsHarness, type Person } from './teams-harness';

/**
 * After publication, on Teams (the playground drives the same bot): the coordinator opens the
 * priority vote in the channel, colleagues vote in their personal chat, the ranked result lands in
 * the channel, actions are recorded and edited from cards, the plan is posted and updated in the
 * channel, the owner hears of the action, and a new round can repeat the previous one.
 */
const coordinator = person(1, 'Els Van den Broeck');
const staff = [person(2, 'Lotte Peeters'), person(3, 'Bram Janssens'), person(4, 'Sofie Maes'), person(5, 'Wout Claes'), person(6, 'Fien Goossens')];
const everyone: Person[] = [coordinator, ...staff];

let h: TeamsHarness;
beforeAll(async () => {
  h = await TeamsHarness.start({ members: everyone });
});
afterAll(async () => {
  await h?.stop();
});

async function answerEverything(p: Person, roundId: string, seed: number): Promise<void> {
  let answer = await h.invoke(p, 'start', { roundId }, { replyToId: 'invitation' });
  for (let guard = 0; guard < 20; guard++) {
    let submit: { data?: Record<string, unknown> } | undefined;
    try {
      submit = actionWithVerb(answer.card, 'submitSection');
    } catch {
      return;
    }
    answer = await h.invoke(p, 'submitSection', { ...submit.data, ...answerSection(answer.card, seed) });
  }
  throw new Error('the form never ended');
}

async function publishedRound(): Promise<string> {
  await h.installInTeam(coordinator);
  const form = await h.say(coordinator, 'nieuwe ronde', 'channel');
  const choices = fillCard(form, (input) => (input.id === 'dimensionIds' ? 'A1,C' : input.id === 'title' ? 'Bevraging maart' : undefined));
  await h.invoke(coordinator, 'createRound', { ...actionWithVerb(form, 'createRound').data, ...choices }, { where: 'channel', replyToId: 'round-form-1' });
  const [round] = await h.repos.rounds.listByTenant('teams:tenant-0001');
  await h.runJobs();
  for (const [i, p] of staff.entries()) await answerEverything(p, round!.id, i);
  await h.invoke(coordinator, 'close', { roundId: round!.id, confirmed: true });
  await h.runJobs();
  // The confirmation names the unscreened answers (#13); its publish button confirms that number.
  const confirm = (await h.invoke(coordinator, 'publish', { roundId: round!.id })).card!;
  await h.invoke(coordinator, 'publish', actionWithVerb(confirm, 'publish').data!);
  await h.runJobs();
  expect((await h.repos.rounds.get(round!.id))!.state).toBe('published');
  return round!.id;
}

test('vote, actions and the plan in the channel, then a round that repeats the previous one', async () => {
  const roundId = await publishedRound();

  // A colleague cannot open the vote; the coordinator can, in the channel.
  expect(cardText(await h.say(staff[0]!, 'start stemming', 'channel'))).toContain('Alleen coördinatoren');
  expect(cardText(await h.say(coordinator, 'start stemming', 'channel'))).toContain('De stemming is geopend');
  await h.runJobs();
  const announcement = h.connector.lastCard(TEAM_ID);
  expect(cardText(announcement)).toContain('Stemming over de werkpunten van Bevraging maart');
  expect(cardText(announcement)).toContain('minstens 5 collega');
  const voteButton = actionWithVerb(announcement, 'vote');

  // The button in the channel answers the clicker only (the shared card stays as it is).
  const fromChannel = await h.invoke(staff[0]!, 'vote', voteButton.data!, { where: 'channel' });
  expect(fromChannel.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
  expect(String(fromChannel.body.value)).toContain("typ daar 'stem'");

  // Five colleagues vote in their personal chat; too many choices is refused with the form kept.
  const ballot = await h.say(staff[0]!, 'stem');
  const options = (inputsOf(ballot).find((i) => i.id === 'choices')!.choices as { value: string }[]).map((c) => c.value);
  expect(options.length).toBeGreaterThan(5);
  const tooMany = await h.invoke(staff[0]!, 'castVote', { ...actionWithVerb(ballot, 'castVote').data, choices: options.slice(0, 4).join(',') });
  expect(cardText(tooMany.card)).toContain('Kies hoogstens 3 werkpunten');
  const picks = [[0, 1], [0], [2, 0], [1], [0, 1, 2]];
  for (const [i, p] of staff.entries()) {
    const card = await h.say(p, 'stem');
    const answer = await h.invoke(p, 'castVote', { ...actionWithVerb(card, 'castVote').data, choices: picks[i]!.map((n) => options[n]).join(',') });
    expect(cardText(answer.card)).toContain('Je stem is bewaard');
  }
  const twice = await h.invoke(staff[1]!, 'castVote', { voteId: voteButton.data!.value, choices: options[2] });
  expect(cardText(twice.card)).toContain('Je hebt al gestemd');
  expect(cardText(await h.say(staff[1]!, 'stem'))).toContain('Je hebt al gestemd');

  // The coordinator closes it: the ranked result in the channel, the announcement marked closed.
  await h.say(coordinator, 'sluit stemming');
  await h.runJobs();
  const channelCards = h.connector.cards(TEAM_ID).map((c) => cardText(c.card));
  const results = channelCards.find((c) => c.includes('Uitslag van de stemming'))!;
  expect(results).toContain('5 collega');
  expect(results).toMatch(/1\u200B?\. .* — 4 stemmen/);
  expect(results).toMatch(/2\u200B?\. .* — 3 stemmen/);
  expect(channelCards.some((c) => c.includes('De stemming is afgesloten (5 stemmen)'))).toBe(true);

  // Actions: the plan (empty), the form with the vote's favourite first, saved, posted, owner told.
  expect(cardText(await h.say(staff[2]!, 'acties'))).toContain('Er zijn nog geen acties vastgelegd');
  const plan = await h.say(coordinator, 'acties', 'channel');
  const form = (await h.invoke(coordinator, 'actionForm', actionWithVerb(plan, 'actionForm').data!, { where: 'channel' })).card!;
  const workPoints = inputsOf(form).find((i) => i.id === 'workPointId')!.choices as { title: string; value: string }[];
  expect(workPoints[0]!.value).toBe(options[0]);
  expect(workPoints[0]!.title).toContain('4 stemmen');
  const lotte = staff[0]!.aadObjectId;
  const filled = { workPointId: options[0]!, what: 'Maandelijkse leerlingbespreking per klas', ownerUserId: lotte, ownerGroup: '', dueDate: '2026-06-12', successSign: 'Elke klas is besproken' };
  const badDate = await h.invoke(coordinator, 'saveAction', { ...actionWithVerb(form, 'saveAction').data, ...filled, dueDate: '2026-02-30' }, { where: 'channel', replyToId: 'action-form-1' });
  expect(cardText(badDate.card)).toContain('kies een geldige datum');
  expect(inputsOf(badDate.card).find((i) => i.id === 'what')!.value).toBe(filled.what);
  const saved = await h.invoke(coordinator, 'saveAction', { ...actionWithVerb(form, 'saveAction').data, ...filled }, { where: 'channel', replyToId: 'action-form-1' });
  expect(cardText(saved.card)).toContain('De actie is bewaard');
  // A double click on the same card stores one action.
  await h.invoke(coordinator, 'saveAction', { ...actionWithVerb(form, 'saveAction').data, ...filled }, { where: 'channel', replyToId: 'action-form-1' });
  expect(await h.repos.actions.listByTenant('teams:tenant-0001')).toHaveLength(1);
  await h.runJobs();
  const planPost = h.connector.lastCard(TEAM_ID);
  expect(cardText(planPost)).toContain('Ons actieplan');
  expect(cardText(planPost)).toContain('Trekker: Lotte Peeters');
  const ownerNote = h.connector.lastCard(h.dmOf(staff[0]!));
  expect(cardText(ownerNote)).toContain('Je trekt een actie van het team');
  expect(cardText(ownerNote)).toContain('Maandelijkse leerlingbespreking per klas');

  // A colleague sees the plan but cannot edit it; the coordinator marks it in progress.
  const staffPlan = await h.say(staff[2]!, 'acties');
  expect(cardText(staffPlan)).toContain('Maandelijkse leerlingbespreking per klas');
  expect(() => actionWithVerb(staffPlan, 'editAction')).toThrow();
  const refused = await h.invoke(staff[2]!, 'actionForm', {});
  expect(cardText(refused.card)).toContain('Alleen coördinatoren en wie zij aanduiden');
  // The coordinator lets Sofie record actions too.
  const coordinatorPlan = await h.say(coordinator, 'acties');
  const allow = await h.invoke(coordinator, 'saveEditors', { ...actionWithVerb(coordinatorPlan, 'saveEditors').data, actionEditors: staff[2]!.aadObjectId });
  expect(cardText(allow.card)).toContain('Bewaard: wie acties mag vastleggen');
  expect(cardText((await h.invoke(staff[2]!, 'actionForm', {})).card)).toContain('Actie vastleggen');
  expect(cardText(await h.say(staff[3]!, 'acties'))).not.toContain('Actie toevoegen');
  const edit = (await h.invoke(coordinator, 'editAction', actionWithVerb(saved.card, 'editAction').data!)).card!;
  const progress = await h.invoke(coordinator, 'saveAction', { ...actionWithVerb(edit, 'saveAction').data, ...fillCard(edit), status: 'in_progress', statusNote: 'Eerste ronde gehouden' });
  expect(cardText(progress.card)).toContain('(bezig)');
  const postsBefore = h.connector.cards(TEAM_ID).length;
  await h.runJobs();
  // The same channel post is updated (one activity id), not a new one each time.
  const planActivities = new Set(h.connector.cards(TEAM_ID).filter((c) => cardText(c.card).includes('Trekker: Lotte Peeters')).map((c) => c.activityId));
  expect(planActivities.size).toBe(1);
  expect(h.connector.cards(TEAM_ID).length).toBe(postsBefore + 1);
  expect(cardText(h.connector.lastCard(TEAM_ID))).toContain('Stand van zaken: Eerste ronde gehouden');

  // "Herhaal de vorige bevraging": the new-round form offers it and fills in the same choices.
  const newForm = await h.say(coordinator, 'nieuwe ronde', 'channel');
  const repeat = await h.invoke(coordinator, 'repeatRound', actionWithVerb(newForm, 'repeatRound').data!, { where: 'channel' });
  const dims = inputsOf(repeat.card).find((i) => i.id === 'dimensionIds')!;
  expect(dims.value).toBe('A1,C');
  expect(roundId).toBeTruthy();

  h.seeConnectorCards();
});

test('two action forms in the same message record two actions; a double submit of one records one', async () => {
  // The plan, the form it opens and the plan the saved form becomes are one message in Teams
  // (the returned card replaces the card in the clicker's client; the message keeps its id), so
  // "Actie toevoegen" on the returned plan carries the same replyToId as the first form did.
  const count = async () => (await h.repos.actions.listByTenant('teams:tenant-0001')).length;
  const before = await count();
  const plan = await h.say(coordinator, 'acties');
  const onPlan = { replyToId: h.messageIdIn(h.dmOf(coordinator)) };
  const add = async (from: unknown, what: string) => {
    const form = (await h.invoke(coordinator, 'actionForm', actionWithVerb(from, 'actionForm').data!, onPlan)).card!;
    const workPointId = (inputsOf(form).find((i) => i.id === 'workPointId')!.choices as { value: string }[])[1]!.value;
    const data = { ...actionWithVerb(form, 'saveAction').data, workPointId, what, ownerGroup: 'Zorgteam', dueDate: '2026-09-30', successSign: 'Besproken op het overleg' };
    const saved = await h.invoke(coordinator, 'saveAction', data, onPlan);
    const again = await h.invoke(coordinator, 'saveAction', data, onPlan);
    expect(cardText(saved.card)).toContain('De actie is bewaard');
    expect(cardText(again.card)).toContain('De actie is bewaard');
    return saved.card!;
  };
  const afterFirst = await add(plan, 'Eerste actie van het plan');
  expect(await count()).toBe(before + 1);
  await add(afterFirst, 'Tweede actie van het plan');
  expect(await count()).toBe(before + 2);
  const whats = (await h.repos.actions.listByTenant('teams:tenant-0001')).map((a) => a.what);
  expect(whats).toEqual(expect.arrayContaining(['Eerste actie van het plan', 'Tweede actie van het plan']));
});
