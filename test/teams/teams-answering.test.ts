import { actionWithVerb, cardText, fillCard, inputsOf, person, TEAM_ID, TeamsHarness, type Person } from './teams-harness';

/**
 * Answering on Teams through botbuilder's /api/messages: "Later verder" sends what was typed
 * with it, the core keeps it as a draft of the section, and the next "Verdergaan" shows it again.
 */
const coordinator = person(1, 'Els Van den Broeck');
const lotte = person(2, 'Lotte Peeters');
const everyone: Person[] = [coordinator, lotte, person(3, 'Bram Janssens')];

let h: TeamsHarness;
let roundId: string;
beforeAll(async () => {
  h = await TeamsHarness.start({ members: everyone });
  await h.installInTeam(coordinator);
  const tenant = (await h.repos.tenants.get('teams:tenant-0001'))!;
  const round = await h.app.services.coordinators.createRound(
    { tenant, platformUserId: coordinator.aadObjectId, lang: 'nl' },
    { title: 'Voorjaar', dimensionIds: ['A1', 'C'], depth: 'detailed', includeReflection: false, audience: { kind: 'team', id: TEAM_ID }, closesAt: new Date(h.clock.now().getTime() + 7 * 86_400_000) },
  );
  roundId = round.id;
  await h.runJobs();
});
afterAll(async () => {
  await h?.stop();
});

const inputValue = (card: unknown, id: string) => inputsOf(card).find((i) => i.id === id)?.value;

test('"Later verder" keeps the typed values as a draft; the next opening shows them; saving the section uses them up', async () => {
  const first = (await h.invoke(lotte, 'start', { roundId }, { replyToId: 'invitation' })).card!;
  const later = actionWithVerb(first, 'later');
  // With the ids of the inputs it submits: the ones left empty are not sent, and read as empty.
  expect(later.data).toEqual({ roundId, section: 'A1', inputs: expect.stringContaining('A1-s1,') });
  expect(later).not.toHaveProperty('associatedInputs');
  // Three statements answered, a text written (the other statements left open), then paused.
  const typed = fillCard(first, (input) => (input.id === 'A1-s1' ? '4' : input.id === 'A1-s2' ? '5' : input.id === 'A1-s3' ? '2' : input.id === 'A1-strengths' ? 'Een sterk zorgteam' : undefined));
  const paused = await h.invoke(lotte, 'later', { ...later.data, ...typed });
  expect(cardText(paused.card)).toContain('klad');
  expect(await h.repos.responses.count(roundId)).toEqual({ started: 0, completed: 0 });

  const resumed = (await h.invoke(lotte, 'start', { roundId })).card!;
  expect(['A1-s1', 'A1-s2', 'A1-s3'].map((id) => inputValue(resumed, id))).toEqual(['4', '5', '2']);
  expect(inputValue(resumed, 'A1-strengths')).toBe('Een sterk zorgteam');
  expect(cardText(resumed)).toContain('nog niet ingediend');

  // Submitting the still-incomplete form: the core refuses it with every error, styled as errors.
  const submit = actionWithVerb(resumed, 'submitSection');
  const refused = (await h.invoke(lotte, 'submitSection', { ...submit.data, ...fillCard(resumed) })).card!;
  expect(cardText(refused)).toContain('kloppen nog niet');
  const done = (await h.invoke(lotte, 'submitSection', { ...submit.data, ...fillCard(refused, (i) => (i.type === 'Input.ChoiceSet' && i.id.startsWith('A1-s') && !i.value ? '3' : undefined)) })).card!;
  expect(cardText(done)).toContain('Bewaard');
  expect(await h.db.db.collection('drafts').countDocuments({ roundId })).toBe(0);
});

test('a quick round is one card: every overall judgement on it, one click to save them all', async () => {
  const tenant = (await h.repos.tenants.get('teams:tenant-0001'))!;
  const quick = await h.app.services.coordinators.createRound(
    { tenant, platformUserId: coordinator.aadObjectId, lang: 'nl' },
    { title: 'Snel', dimensionIds: ['A1', 'A2', 'B', 'C', 'D1', 'D2', 'E'], depth: 'quick', includeReflection: false, audience: { kind: 'team', id: TEAM_ID }, closesAt: new Date(h.clock.now().getTime() + 7 * 86_400_000) },
  );
  await h.runJobs();
  const bram = everyone[2]!;
  const invitation = h.connector.lastCard(h.dmOf(bram));
  expect(cardText(invitation)).toMatch(/ongeveer [2-6] minuten/);
  const form = (await h.invoke(bram, 'start', { roundId: quick.id })).card!;
  const scales = inputsOf(form).filter((i) => i.type === 'Input.ChoiceSet' && String(i.id).endsWith('-global'));
  expect(scales).toHaveLength(7);
  const submit = actionWithVerb(form, 'submitSection');
  const done = (await h.invoke(bram, 'submitSection', { ...submit.data, ...fillCard(form, (i) => (String(i.id).endsWith('-global') ? '5' : undefined)) })).card!;
  expect(cardText(done)).toContain('Bedankt');
  expect(await h.repos.responses.count(quick.id)).toEqual({ started: 1, completed: 1 });
});
