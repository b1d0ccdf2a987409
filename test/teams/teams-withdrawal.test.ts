import { answered } from '../security/hostile-fields';
import { actionWithVerb, actionsOf, answerSection, cardText, fillCard, person, TeamsHarness } from './teams-harness';

/**
 * "Ik doe niet mee" on the Teams invitation after answering: the card asks first, the
 * confirmation erases the answers and says so, "carry on" goes back to the survey.
 */
const coordinator = person(1, 'Els Van den Broeck');
const colleague = person(2, 'Lotte Peeters');

let h: TeamsHarness;
beforeAll(async () => {
  h = await TeamsHarness.start({ members: [coordinator, colleague] });
});
afterAll(async () => {
  await h?.stop();
});

test('withdrawing after answering asks, erases and says exactly that', async () => {
  await h.installInTeam(coordinator);
  const form = await h.say(coordinator, 'nieuwe ronde', 'channel');
  await h.invoke(coordinator, 'createRound', { ...actionWithVerb(form, 'createRound').data, ...fillCard(form, (i) => (i.id === 'dimensionIds' ? 'A1' : undefined)) }, { where: 'channel' });
  const [round] = await h.repos.rounds.listByTenant('teams:tenant-0001');
  const roundId = round!.id;
  await h.runJobs();
  const invitation = h.connector.cards(h.dmOf(colleague)).at(-1)!;
  expect(actionWithVerb(invitation, 'optOut').data).toEqual({ roundId });

  const card = (await h.invoke(colleague, 'start', { roundId })).card!;
  // Every open question carries the reminder not to name or identify anyone (A1 has three: strengths, work points and #13's practice example).
  expect(cardText(card).split('Noem geen namen en schrijf niets waaraan iemand te herkennen is.').length - 1).toBe(3);
  await h.invoke(colleague, 'submitSection', { ...actionWithVerb(card, 'submitSection').data, ...answerSection(card, 1) });
  expect(answered(await h.repos.responses.listByRound(roundId)).map((r) => r.submittedSections)).toEqual([['A1']]);

  const asked = (await h.invoke(colleague, 'optOut', { roundId })).card!;
  expect(cardText(asked)).toContain('Niet meer meedoen?');
  expect(cardText(asked)).toContain('worden al je antwoorden op deze bevraging gewist');
  expect(actionsOf(asked).map((a) => [a.title, a.verb, a.data])).toEqual([
    ['Ja, wis mijn antwoorden', 'optOut', { roundId, confirmed: true }],
    ['Nee, ik doe verder mee', 'start', { roundId }],
  ]);
  // Asking erased nothing; "carry on" goes back into the survey.
  expect(answered(await h.repos.responses.listByRound(roundId)).map((r) => r.submittedSections)).toEqual([['A1']]);
  expect(cardText((await h.invoke(colleague, 'start', { roundId })).card)).toContain('Reflectievragen');

  const done = (await h.invoke(colleague, 'optOut', { roundId, confirmed: true })).card!;
  expect(cardText(done)).toContain('Je antwoorden zijn gewist en tellen niet mee. Je krijgt geen herinneringen meer over deze bevraging.');
  // Erased in place: every response of the round is empty again.
  expect(answered(await h.repos.responses.listByRound(roundId))).toEqual([]);
  expect((await h.repos.participations.get(roundId, colleague.aadObjectId))?.status).toBe('opted_out');
});
