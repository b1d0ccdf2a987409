import { actionWithVerb, cardText, person, TEAM_ID, TeamsHarness, type Person } from './teams-harness';

/**
 * One language per person on Teams, learnt before the person ever writes: every activity they
 * cause carries their Teams locale (installing the app, a card click anywhere), and the invitation
 * of the next round follows it. Someone we never heard from gets the round's language and an
 * "In English" button that switches the invitation (and what follows) for good. Dates in cards are
 * the card's own DATE()/TIME() functions, so Teams shows them in the reader's locale and zone.
 */
const coordinator = person(1, 'Els Van den Broeck');
const sam = person(2, 'Sam Carter'); // adds the app for himself, Teams in English
const ines = person(3, 'Ines Dubois'); // only clicks a card in the team channel, Teams in English
const bram = person(4, 'Bram Janssens'); // never did anything: gets Dutch, switches to English
const lotte = person(5, 'Lotte Peeters'); // answered in English once, later uses Teams in Dutch
const everyone: Person[] = [coordinator, sam, ines, bram, lotte];

const RFC3339_DATE_TIME = /\{\{DATE\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z), LONG\)\}\} (?:om|at) \{\{TIME\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)\)\}\}/;

let h: TeamsHarness;
let roundId: string;
let closesAt: Date;

beforeAll(async () => {
  h = await TeamsHarness.start({ members: everyone });
  await h.installInTeam(coordinator);
  await h.installationUpdate(sam, 'personal', 'en-US');
  await h.invoke(ines, 'help', {}, { where: 'channel', locale: 'en-GB' });
  await h.invoke(lotte, 'help', {}, { where: 'channel', locale: 'en-GB' });
  const tenant = (await h.repos.tenants.get('teams:tenant-0001'))!;
  closesAt = new Date(h.clock.now().getTime() + 7 * 86_400_000);
  const round = await h.app.services.coordinators.createRound(
    { tenant, platformUserId: coordinator.aadObjectId, lang: 'nl' },
    { title: 'Voorjaar', dimensionIds: ['A1'], depth: 'detailed', includeReflection: false, audience: { kind: 'team', id: TEAM_ID }, closesAt },
  );
  roundId = round.id;
  await h.runJobs();
});
afterAll(async () => {
  await h?.stop();
});

const invitationOf = (p: Person) => h.connector.cards(h.dmOf(p)).find((c) => cardText(c.card).includes('Voorjaar'))?.card;

test('the invitation is in the language an install or a card click showed, before anyone wrote a word', async () => {
  expect(cardText(invitationOf(sam))).toContain('Hello! Our school');
  expect(cardText(invitationOf(ines))).toContain('Hello! Our school');
  expect(cardText(invitationOf(coordinator))).toContain('Hallo! Onze school');
  expect((await h.repos.participations.get(roundId, sam.aadObjectId))?.lang).toBe('en');
});

test('the closing date is the card’s own DATE()/TIME() with a strict RFC 3339 instant', () => {
  const found = RFC3339_DATE_TIME.exec(JSON.stringify(invitationOf(bram)));
  expect(found).not.toBeNull();
  expect(new Date(found![1]!).getTime()).toBe(Math.floor(closesAt.getTime() / 1000) * 1000);
  expect(JSON.stringify(invitationOf(bram))).toContain('De bevraging sluit {{DATE(');
});

test('someone never heard from gets the round’s language and can switch the invitation; the choice outlasts their Teams locale', async () => {
  const dutch = invitationOf(bram)!;
  expect(cardText(dutch)).toContain('Hallo! Onze school');
  const toggle = actionWithVerb(dutch, 'language');
  expect(toggle.title).toBe('In English');
  const english = (await h.invoke(bram, 'language', toggle.data!, { locale: 'nl-BE' })).card!;
  expect(cardText(english)).toContain('Hello! Our school');
  expect(actionWithVerb(english, 'language')).toMatchObject({ title: 'In het Nederlands', data: { roundId, lang: 'nl' } });
  expect((await h.repos.participations.get(roundId, bram.aadObjectId))?.lang).toBe('en');
  // His Teams still says nl-BE on every click: the form follows his choice.
  const form = (await h.invoke(bram, 'start', { roundId }, { locale: 'nl-BE' })).card!;
  expect(cardText(form)).toContain('Dimension 1 of 1');
  expect((await h.repos.participations.get(roundId, bram.aadObjectId))?.lang).toBe('en');
});

test('a later activity in another language moves the person’s open invitations along', async () => {
  expect((await h.repos.participations.get(roundId, lotte.aadObjectId))?.lang).toBe('en');
  await h.say(lotte, 'help', 'personal', 'nl-BE');
  expect((await h.repos.participations.get(roundId, lotte.aadObjectId))?.lang).toBe('nl');
});

test('a bad language value is refused in words, not a crash', async () => {
  const answer = await h.invoke(bram, 'language', { roundId, lang: '__proto__' });
  expect(answer.status).toBe(200);
  expect(cardText(answer.card)).not.toBe('');
});
