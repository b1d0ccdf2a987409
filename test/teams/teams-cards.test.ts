import { actionsOf, actionWithVerb, answerSection, cardText, fillCard, inputsOf, person, TEAM_ID, TeamsHarness, type Person } from './teams-harness';

/**
 * The card flows around the edges: a repeated submit, a week of more than five days, answering
 * after closing, a double-clicked round form, a round form with a bad date, settings, export.
 */
const coordinator = person(1, 'Els Van den Broeck');
const staff = [person(2, 'Lotte Peeters'), person(3, 'Bram Janssens'), person(4, 'Sofie Maes'), person(5, 'Wout Claes'), person(6, 'Fien Goossens')];
const everyone: Person[] = [coordinator, ...staff];

let h: TeamsHarness;
let roundId: string;

beforeAll(async () => {
  h = await TeamsHarness.start({ members: everyone, pageSize: 50 });
  await h.installInTeam(coordinator);
  const form = await h.say(coordinator, 'nieuwe ronde', 'channel');
  const data = fillCard(form, (input) => (input.id === 'dimensionIds' ? 'B' : input.id === 'title' ? 'Korte ronde' : undefined));
  await h.invoke(coordinator, 'createRound', { ...actionWithVerb(form, 'createRound').data, ...data });
  const [round] = await h.repos.rounds.listByTenant('teams:tenant-0001');
  roundId = round!.id;
  await h.runJobs();
});
afterAll(async () => {
  await h?.stop();
});

function submitData(card: unknown): Record<string, unknown> {
  return actionWithVerb(card, 'submitSection').data!;
}

test('the same submit twice saves once and answers with the same card', async () => {
  const p = staff[0]!;
  const form = (await h.invoke(p, 'start', { roundId })).card!;
  // One dimension (B) and the reflection questions.
  expect(cardText(form)).toContain('Dimensie 1 van 1');
  const data = { ...submitData(form), ...answerSection(form, 3) };
  const first = await h.invoke(p, 'submitSection', data, { replyToId: 'card-x' });
  // Every invitee's response exists (empty) from the opening on; only one has answers.
  const answered = async () => (await h.repos.responses.listByRound(roundId)).filter((r) => r.submittedSections.length > 0);
  const stored = await answered();
  const second = await h.invoke(p, 'submitSection', data, { replyToId: 'card-x' });
  expect(second.status).toBe(200);
  expect(second.card).toEqual(first.card);
  expect(cardText(second.card)).toContain('Reflectievragen (laatste stap)');
  const after = await answered();
  expect(after).toHaveLength(1);
  expect(after[0]!.answers).toEqual(stored[0]!.answers);
  expect(after[0]!.submittedSections).toEqual(['B']);
});

test('a week of more than five days comes back on the same card with the error and every typed value', async () => {
  const p = staff[1]!;
  let card = (await h.invoke(p, 'start', { roundId })).card!;
  card = (await h.invoke(p, 'submitSection', { ...submitData(card), ...answerSection(card, 1) })).card!;
  expect(cardText(card)).toContain('Reflectievragen (laatste stap)');
  const typed = fillCard(card, (input) => {
    if (input.type === 'Input.ChoiceSet' && input.id.split('.').length === 2) return '1.5';
    if (input.type === 'Input.Text') return `Getypt in ${input.id}`;
    return undefined;
  });
  const answer = await h.invoke(p, 'submitSection', { ...submitData(card), ...typed });
  expect(answer.status).toBe(200);
  const again = answer.card!;
  expect(cardText(again)).toContain('Samen is dat 6 dagen; een werkweek telt er hoogstens 5.');
  expect(cardText(again)).toContain('Eén antwoord klopt nog niet');
  for (const input of inputsOf(again)) expect(input.value ?? '').toBe(typed[String(input.id)] ?? '');
  expect(submitData(again)).toEqual(submitData(card));
  // Nothing of the refused section was stored.
  expect((await h.repos.responses.listByRound(roundId)).some((r) => r.submittedSections.includes('reflection'))).toBe(false);
  // Fixed, it is saved and the review thanks the person.
  const fixed = { ...typed, ...Object.fromEntries(Object.keys(typed).filter((k) => k.split('.').length === 2 && !k.startsWith('R4')).map((k) => [k, '1'])) };
  const done = await h.invoke(p, 'submitSection', { ...submitData(again), ...fixed });
  expect(cardText(done.card)).toContain('Bedankt!');
});

test('a double-clicked round form plans one round; a bad closing date keeps what was typed', async () => {
  h.clock.advance(60_000);
  const form = await h.say(coordinator, 'nieuwe ronde');
  const create = actionWithVerb(form, 'createRound');
  const data = fillCard(form, (input) => (input.id === 'title' ? 'Dubbel geklikt' : input.id === 'audienceId' ? input.choices[0] : undefined));
  const first = await h.invoke(coordinator, 'createRound', { ...create.data, ...data }, { replyToId: 'form-double' });
  const second = await h.invoke(coordinator, 'createRound', { ...create.data, ...data }, { replyToId: 'form-double' });
  expect(cardText(first.card)).toContain('Bevraging gepland: Dubbel geklikt');
  expect(second.card).toEqual(first.card);
  expect((await h.repos.rounds.listByTenant('teams:tenant-0001')).filter((r) => r.title === 'Dubbel geklikt')).toHaveLength(1);

  // Another form (a submit of the same one would get the round it planned).
  const next = await h.say(coordinator, 'nieuwe ronde');
  const bad = await h.invoke(coordinator, 'createRound', { ...actionWithVerb(next, 'createRound').data, ...data, title: 'Te laat', closesDate: '2020-01-01' }, { replyToId: 'form-bad' });
  expect(cardText(bad.card)).toContain('Nog niet alles klopt');
  expect(inputsOf(bad.card).find((i) => i.id === 'title')!.value).toBe('Te laat');
  expect(inputsOf(bad.card).find((i) => i.id === 'closesDate')!.value).toBe('2020-01-01');
  expect((await h.repos.rounds.listByTenant('teams:tenant-0001')).some((r) => r.title === 'Te laat')).toBe(false);

  // Somebody else pressing the same button is refused.
  const refused = await h.invoke(staff[2]!, 'createRound', { ...create.data, ...data }, { replyToId: 'form-other' });
  expect(cardText(refused.card)).toContain('Alleen coördinatoren');
  // The double-clicked round is cancelled again so the next tests see one open round.
  const cancel = await h.say(coordinator, 'annuleer');
  expect(cardText(cancel)).toContain('Dubbel geklikt');
  await h.invoke(coordinator, 'cancel', actionWithVerb(cancel, 'cancel').data!);
});

test('two round forms opened from the same welcome message plan two rounds; a double submit of one plans one', async () => {
  // In Teams the card a click returns shows in the clicker's client only, and the message keeps
  // its id: "Nieuwe ronde" on the welcome card next term, and that form's submit, carry the same
  // replyToId as the first time.
  h.clock.advance(60_000);
  const welcome = h.connector.cards(TEAM_ID).find((c) => actionsOf(c.card).some((a) => a.verb === 'newRound'))!;
  const onWelcome = { where: 'channel' as const, replyToId: welcome.activityId };
  const plan = async (title: string) => {
    const form = (await h.invoke(coordinator, 'newRound', actionWithVerb(welcome.card, 'newRound').data!, onWelcome)).card!;
    const data = { ...actionWithVerb(form, 'createRound').data, ...fillCard(form, (input) => (input.id === 'title' ? title : undefined)) };
    const first = await h.invoke(coordinator, 'createRound', data, onWelcome);
    const again = await h.invoke(coordinator, 'createRound', data, onWelcome);
    expect(again.card).toEqual(first.card);
    expect(cardText(first.card)).toContain(`Bevraging gepland: ${title}`);
  };
  await plan('Eerste van het welkom');
  await plan('Tweede van het welkom');
  const rounds = (await h.repos.rounds.listByTenant('teams:tenant-0001')).filter((r) => r.title.endsWith('van het welkom'));
  expect(rounds.map((r) => r.title).sort()).toEqual(['Eerste van het welkom', 'Tweede van het welkom']);
  // Cancelled again so the next tests see one open round.
  for (const r of rounds) await h.invoke(coordinator, 'cancel', { roundId: r.id, confirmed: true });
  expect((await h.repos.rounds.listByTenant('teams:tenant-0001')).filter((r) => r.title.endsWith('van het welkom')).every((r) => r.state === 'cancelled')).toBe(true);
});

test('settings: the threshold is checked by the core, a new coordinator can act', async () => {
  const card = await h.say(coordinator, 'instellingen');
  const save = actionWithVerb(card, 'saveSettings');
  const tooLow = await h.invoke(coordinator, 'saveSettings', { ...save.data, ...fillCard(card, (i) => (i.id === 'anonymityThreshold' ? '2' : undefined)) });
  expect(cardText(tooLow.card)).toContain('De anonimiteitsdrempel moet minstens 3 zijn.');
  const lotte = staff[0]!.aadObjectId;
  const saved = await h.invoke(coordinator, 'saveSettings', { ...save.data, ...fillCard(card, (i) => (i.id === 'coordinators' ? `${coordinator.aadObjectId},${lotte}` : undefined)) });
  expect(cardText(saved.card)).toContain('Instellingen bewaard.');
  expect((await h.repos.tenants.get('teams:tenant-0001'))!.settings.coordinators).toEqual([coordinator.aadObjectId, lotte]);
  expect(cardText(await h.say(staff[0]!, 'status'))).toContain('Korte ronde');
});

test('settings: clearing the coordinators field is refused on the card, not ignored', async () => {
  const card = await h.say(coordinator, 'instellingen');
  const before = (await h.repos.tenants.get('teams:tenant-0001'))!.settings.coordinators;
  // Cleared, the multi-select is not in the data at all (the client sends only inputs that are set).
  const cleared = fillCard(card, (i) => (i.id === 'coordinators' ? '' : undefined));
  expect(cleared).not.toHaveProperty('coordinators');
  const refused = await h.invoke(coordinator, 'saveSettings', { ...actionWithVerb(card, 'saveSettings').data, ...cleared });
  expect(cardText(refused.card)).toContain('er moet minstens één coördinator zijn.');
  expect(cardText(refused.card)).not.toContain('Instellingen bewaard.');
  expect((await h.repos.tenants.get('teams:tenant-0001'))!.settings.coordinators).toEqual(before);
});

test('settings refuse a channel that is not in one of this school’s teams (an edited card)', async () => {
  const card = await h.say(coordinator, 'instellingen');
  const save = actionWithVerb(card, 'saveSettings');
  const before = (await h.repos.tenants.get('teams:tenant-0001'))!.settings.teamChannel;
  const refused = await h.invoke(coordinator, 'saveSettings', { ...save.data, ...fillCard(card), teamChannel: '19:another-school@thread.tacv2' });
  expect(cardText(refused.card)).toContain('Kies een kanaal van een team van je school waarin Zorgspiegel geïnstalleerd is.');
  expect((await h.repos.tenants.get('teams:tenant-0001'))!.settings.teamChannel).toEqual(before);
  const ok = await h.invoke(coordinator, 'saveSettings', { ...save.data, ...fillCard(card), teamChannel: '19:channel-zorg@thread.tacv2' });
  expect(cardText(ok.card)).toContain('Instellingen bewaard.');
  expect((await h.repos.tenants.get('teams:tenant-0001'))!.settings.teamChannel?.id).toBe('19:channel-zorg@thread.tacv2');
});

test('settings: how long raw answers are kept, with what is deleted and what stays; out of range is refused on the card', async () => {
  const card = await h.say(coordinator, 'instellingen');
  const retention = inputsOf(card).find((i) => i.id === 'retentionMonths');
  expect(retention).toMatchObject({ type: 'Input.Number', value: 12, min: 1, max: 120 });
  expect(cardText(card)).toContain('Daarna wist Zorgspiegel de ruwe antwoorden van elke collega. De samenvatting (cijfers en gedeelde citaten) blijft bewaard voor de trend.');
  const save = actionWithVerb(card, 'saveSettings');
  for (const wrong of ['0', '121', 'veel']) {
    const refused = await h.invoke(coordinator, 'saveSettings', { ...save.data, ...fillCard(card, (i) => (i.id === 'retentionMonths' ? wrong : undefined)) });
    expect(cardText(refused.card)).toContain('Bewaar de ruwe antwoorden minstens 1 en hoogstens 120 maanden na de publicatie (een heel getal).');
  }
  // Unchanged by the refusals (earlier saves of this form stored the 12 months it showed).
  expect((await h.repos.tenants.get('teams:tenant-0001'))!.settings.retentionMonths).toBe(12);
  const saved = await h.invoke(coordinator, 'saveSettings', { ...save.data, ...fillCard(card, (i) => (i.id === 'retentionMonths' ? '6' : undefined)) });
  expect(cardText(saved.card)).toContain('Instellingen bewaard.');
  expect((await h.repos.tenants.get('teams:tenant-0001'))!.settings.retentionMonths).toBe(6);
  expect(inputsOf(await h.say(coordinator, 'instellingen')).find((i) => i.id === 'retentionMonths')).toMatchObject({ value: 6 });
});

test('after closing: a late submit says the round is closed; the export is a short-lived download', async () => {
  const p = staff[3]!;
  const form = (await h.invoke(p, 'start', { roundId })).card!;
  const before = await h.repos.responses.listByRound(roundId);
  const confirm = await h.say(coordinator, 'sluit');
  await h.invoke(coordinator, 'close', actionWithVerb(confirm, 'close').data!);
  await h.runJobs();
  const late = await h.invoke(p, 'submitSection', { ...submitData(form), ...answerSection(form, 2) });
  expect(late.status).toBe(200);
  expect(cardText(late.card)).toContain('Deze bevraging is afgesloten. Antwoorden kunnen niet meer worden gewijzigd.');
  expect(await h.repos.responses.listByRound(roundId)).toEqual(before);

  const exported = await h.say(coordinator, 'export');
  expect(cardText(exported)).toContain('Export klaar');
  const link = (exported.actions as { type: string; url: string }[]).find((a) => a.type === 'Action.OpenUrl')!;
  expect(link.url).toMatch(new RegExp(`^${h.url}/teams/exports/[A-Za-z0-9_-]{32}$`));
  const file = await fetch(link.url);
  expect(file.status).toBe(200);
  expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="?[\w.-]+\.xlsx"?$/);
  expect(Buffer.from(await file.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  h.clock.advance(16 * 60_000);
  expect((await fetch(link.url)).status).toBe(404);

  h.seeConnectorCards();
});
