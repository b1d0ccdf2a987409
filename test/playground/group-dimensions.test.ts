import type { RoundSummary } from '../../src/core/summary/model';
import { createOrchestrator } from '../../src/orchestration';
import { activityCard, cardActions, cardInputs, executeData } from '../../src/playground/card-walk';
import { createPlaygroundIntegration } from '../../src/playground/integration';
import { SCHOOL } from '../../src/playground/school';
import { teamsIntegration } from '../../src/teams';
import { startTestApp, type RunningTestApp } from './support/app';
import { callPlayground, hasVerb, until } from './support/playground-api';

/**
 * The playground's round card (the Teams card, rendered in the browser) with a per-group choice:
 * the secretariat (support staff) judges only C and E. Ilse, the playground's secretariat member,
 * is asked her group first and then only C and E; the simulated school answers through the same
 * cards, and the summary counts A1 only from the groups asked.
 */
jest.setTimeout(90_000);

let running: RunningTestApp;
const els = SCHOOL.personas.find((p) => p.coordinator)!;

const call = (method: string, path: string, body?: unknown) => callPlayground(running.url, method, path, body);


beforeAll(async () => {
  running = await startTestApp({ integrations: [teamsIntegration, createPlaygroundIntegration], createOrchestrator: (deps) => createOrchestrator(deps) });
});
afterAll(async () => {
  await running?.close();
});

it('gives the secretariat only C and E from the playground round card', async () => {
  await call('POST', '/conversations/els/messages', { as: 'els', text: 'nieuwe ronde', lang: 'nl' });
  const form = (await call('GET', '/conversations/els')).json.activities.find((a: any) => hasVerb(a, 'createRound'));
  const card = activityCard(form)!;
  const inputs = cardInputs(card);
  expect(inputs.filter((i) => i.id.startsWith('groupDimensions.')).map((i) => i.id)).toEqual(['groupDimensions.teacher', 'groupDimensions.leadership', 'groupDimensions.care-team', 'groupDimensions.support-staff']);
  const values = Object.fromEntries(inputs.flatMap((i) => (i.value ? [[i.id, i.value]] : [])));
  const create = cardActions(card).find((a) => a.verb === 'createRound')!;
  const data = { ...values, dimensionIds: 'A1,C,E', includeReflection: 'false', 'groupDimensions.support-staff': 'C,E' };
  const planned = await call('POST', `/conversations/els/activities/${form.id}/execute`, { as: 'els', lang: 'nl', action: { verb: create.verb, data: executeData(create, data) } });
  expect(planned.json.result.type).toBe('card');
  // Every invitation first: they go out paced, and the simulation counts a colleague without one
  // yet as "not invited".
  for (const p of SCHOOL.personas) {
    await until(`${p.key}'s invitation`, async () => ((await call('GET', `/conversations/${p.key}`)).json.activities.some((a: any) => hasVerb(a, 'start')) ? true : undefined));
  }
  const ilse = SCHOOL.personas.find((p) => p.group === 'support-staff')!;
  const invitation = await until("Ilse's invitation", async () => (await call('GET', `/conversations/${ilse.key}`)).json.activities.find((a: any) => hasVerb(a, 'start')));

  // Ilse: her group first, then only C and E.
  const start = cardActions(activityCard(invitation)!).find((a) => a.verb === 'start')!;
  const groupStep = (await call('POST', `/conversations/${ilse.key}/activities/${invitation.id}/execute`, { as: ilse.key, lang: 'nl', action: { verb: 'start', data: executeData(start, {}) } })).json;
  expect(cardInputs(groupStep.result.card).map((i) => i.id)).toEqual(['group']);
  const submit = cardActions(groupStep.result.card).find((a) => a.verb === 'submitSection')!;
  const next = (await call('POST', `/conversations/${ilse.key}/activities/${groupStep.activity?.id ?? invitation.id}/execute`, { as: ilse.key, lang: 'nl', action: { verb: 'submitSection', data: executeData(submit, { group: 'support-staff' }) } })).json;
  const ids = cardInputs(next.result.card).map((i) => i.id);
  expect(ids).toContain('C-s1');
  expect(ids.some((id) => id.startsWith('A1'))).toBe(false);

  // Everyone else (and Ilse, from where she is) through the simulation.
  const simulated = await call('POST', '/simulate', { as: 'els', lang: 'nl' });
  // The coordinator does not simulate herself: the twelve others answer (Ilse carries on from C).
  expect(simulated.json).toEqual({ answered: 12, alreadyDone: 0, notInvited: 0, failed: 0 });
  const tenant = (await running.db.repos.tenants.get('teams:playground'))!;
  const actor = { tenant, platformUserId: els.aadObjectId, lang: 'nl' as const };
  const [status] = await running.app.services.coordinators.status(actor);
  await running.app.services.coordinators.closeNow(actor, status!.roundId);
  const record = await until('the summary', async () => (await running.db.repos.summaries.get(status!.roundId)) ?? undefined);
  const summary = record.summary as unknown as RoundSummary;
  const a1 = summary.dimensions.find((d) => d.dimensionId === 'A1')!;
  expect(a1.askedGroups!.map((g) => g.nl)).toEqual(['Leraar', 'Beleidsteam', 'Zorgteam']);
  // A1's statements: the 11 who answered outside the secretariat (answers, "geen zicht" included); C: all 12.
  for (const s of a1.statements) expect(s.noView!.answered).toBe(11);
  for (const s of summary.dimensions.find((d) => d.dimensionId === 'C')!.statements) expect(s.noView!.answered).toBe(12);
});
