import { actionWithVerb, answerSection, cardText, fillCard, person, TeamsHarness } from '../teams/teams-harness';
import { expectOtherTenantUnaffected, expectPrototypeUntouched, hostileFields, answered } from './hostile-fields';

/**
 * An invited colleague edits the `Action.Execute` payload of a section card: every field name an
 * attacker could use to reach Object.prototype goes through the real botbuilder stack. The
 * submission is refused, nothing is stored, Object.prototype is as it was, another school's
 * incomplete answer is still refused and the store still works.
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

test('a section card with hostile field names is refused and poisons nothing', async () => {
  await h.installInTeam(coordinator);
  const form = await h.say(coordinator, 'nieuwe ronde', 'channel');
  const data = fillCard(form, (input) => (input.id === 'dimensionIds' ? 'A1' : undefined));
  await h.invoke(coordinator, 'createRound', { ...actionWithVerb(form, 'createRound').data, ...data }, { where: 'channel' });
  const [round] = await h.repos.rounds.listByTenant('teams:tenant-0001');
  await h.runJobs();

  const card = (await h.invoke(colleague, 'start', { roundId: round!.id })).card!;
  const submit = actionWithVerb(card, 'submitSection').data!;
  // Everything but the first statement, which only the hostile fields "answer".
  const partial = answerSection(card, 2);
  delete partial['A1-s1'];
  const answer = await h.invoke(colleague, 'submitSection', { ...submit, ...partial, ...hostileFields('A1-s1') });

  expect(answer.status).toBe(200);
  expect(cardText(answer.card)).toContain('Geef hier een antwoord.');
  expectPrototypeUntouched('A1-s1');
  expect(answered(await h.repos.responses.listByRound(round!.id))).toEqual([]);

  await expectOtherTenantUnaffected(h.app.services, h.repos, h.clock.now());

  // The honest submission still works.
  const ok = await h.invoke(colleague, 'submitSection', { ...submit, ...answerSection(card, 2) });
  expect(cardText(ok.card)).toContain('Bewaard');
  const [stored] = answered(await h.repos.responses.listByRound(round!.id));
  expect(Object.keys(stored!.answers).sort()).toEqual(Object.keys(answerSection(card, 2)).filter((k) => k !== 'group' && answerSection(card, 2)[k] !== '').sort());
});
