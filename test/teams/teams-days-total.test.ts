import { actionWithVerb, cardText, fillCard, inputsOf, person, TEAM_ID, TeamsHarness, type Person } from './teams-harness';

/**
 * The days question's running total on Teams, through botbuilder's /api/messages: Adaptive Cards
 * have no live expressions, so the question has a "Totaal bijwerken" button; its invoke carries
 * what was typed, the core keeps it as the section's draft, and the card comes back with the
 * values and the total. The hint says the limit.
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
    { title: 'Voorjaar', dimensionIds: ['A1'], depth: 'detailed', includeReflection: true, audience: { kind: 'team', id: TEAM_ID }, closesAt: new Date(h.clock.now().getTime() + 7 * 86_400_000) },
  );
  roundId = round.id;
  await h.runJobs();
});
afterAll(async () => {
  await h?.stop();
});

const inputValue = (card: unknown, id: string) => inputsOf(card).find((i) => i.id === id)?.value;

test('"Totaal bijwerken" shows the running total with the typed values kept; nothing is submitted', async () => {
  const first = (await h.invoke(lotte, 'openSection', { roundId, section: 'reflection' })).card!;
  expect(cardText(first)).toContain('samen hoogstens 5 dagen');
  expect(cardText(first)).not.toContain('Nu samen');
  const update = actionWithVerb(first, 'updateTotal');
  expect(update.title).toBe('Totaal bijwerken');
  const days = inputsOf(first).filter((i) => String(i.id).startsWith('R3.')).map((i) => String(i.id));
  expect(String(update.data!.live).split(',')).toEqual(days);

  const typed = fillCard(first, (input) => (input.id === days[0] ? '2' : input.id === days[1] ? '1.5' : input.id === 'R1' ? 'Een sterk zorgteam' : undefined));
  const answer = await h.invoke(lotte, 'updateTotal', { ...update.data, ...typed });
  const again = answer.card!;
  expect(cardText(again)).toContain('Nu samen: 3,5 van de 5 dagen.');
  expect(inputValue(again, days[0]!)).toBe('2');
  expect(inputValue(again, days[1]!)).toBe('1.5');
  // Not the "you paused" note: this is the form being typed, kept as a draft all the same.
  expect(cardText(again)).not.toContain('nog niet ingediend');
  expect(await h.db.db.collection('drafts').countDocuments({ roundId })).toBe(1);
  expect(await h.repos.responses.count(roundId)).toEqual({ started: 0, completed: 0 });
});
