import type { RoundSummary } from '../../src/core/summary/model';
import { createOrchestrator } from '../../src/orchestration';
import { activityCard, cardActions, cardInputs, executeData } from '../../src/playground/card-walk';
import { createPlaygroundIntegration } from '../../src/playground/integration';
import { SCHOOL } from '../../src/playground/school';
import { teamsIntegration } from '../../src/teams';
import { startTestApp, type RunningTestApp } from './support/app';
import { callPlayground, hasVerb, until } from './support/playground-api';

/**
 * "Simulate answers" against the real Teams integration and core: every colleague answers a
 * full detailed round through their own cards, the core accepts every answer, and the closed
 * round's summary has strengths and priorities to show.
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

it('fills in a whole detailed round for every colleague through the same card invokes a click sends', async () => {
  // The coordinator plans a round with the form's defaults (every dimension, detailed, reflection).
  await call('POST', '/conversations/els/messages', { as: 'els', text: 'nieuwe ronde', lang: 'nl' });
  const form = (await call('GET', '/conversations/els')).json.activities.find((a: any) => hasVerb(a, 'createRound'));
  const card = activityCard(form)!;
  const defaults = Object.fromEntries(cardInputs(card).flatMap((i) => (i.value ? [[i.id, i.value]] : [])));
  const create = cardActions(card).find((a) => a.verb === 'createRound')!;
  const planned = await call('POST', `/conversations/els/activities/${form.id}/execute`, { as: 'els', lang: 'nl', action: { verb: create.verb, data: executeData(create, defaults) } });
  expect(planned.json.result.type).toBe('card');

  // Everyone gets an invitation card (the coordinator too: she is on the team).
  for (const p of SCHOOL.personas) {
    await until(`${p.key}'s invitation`, async () => ((await call('GET', `/conversations/${p.key}`)).json.activities.some((a: any) => hasVerb(a, 'start')) ? true : undefined));
  }

  // Bram opened the survey but left the first form half-way: the simulation carries on from there.
  const invitation = (await call('GET', '/conversations/bram')).json.activities.find((a: any) => hasVerb(a, 'start'));
  const opened = await call('POST', `/conversations/bram/activities/${invitation.id}/execute`, { as: 'bram', lang: 'nl', action: { verb: 'start', data: { ...(cardActions(activityCard(invitation)!).find((a) => a.verb === 'start')!.data as object) } } });
  expect(cardActions(opened.json.result.card).some((a) => a.verb === 'submitSection')).toBe(true);

  const started = Date.now();
  const first = await call('POST', '/simulate', { as: 'els', lang: 'nl' });
  expect(first).toEqual({ status: 200, json: { answered: 12, alreadyDone: 0, notInvited: 0, failed: 0 } });
  const elapsed = Date.now() - started;

  const tenant = (await running.db.repos.tenants.get('teams:playground'))!;
  const actor = { tenant, platformUserId: els.aadObjectId, lang: 'nl' as const };
  const [status] = await running.app.services.coordinators.status(actor);
  expect(status!.progress).toMatchObject({ invited: 13, completed: 12 });

  // Nobody is left: a second click changes nothing.
  const second = await call('POST', '/simulate', { as: 'els', lang: 'nl' });
  expect(second.json).toEqual({ answered: 0, alreadyDone: 12, notInvited: 0, failed: 0 });

  // The closed round's summary has figures, strengths and priorities to show.
  await running.app.services.coordinators.closeNow(actor, status!.roundId);
  const record = await until('the summary', async () => (await running.db.repos.summaries.get(status!.roundId)) ?? undefined);
  const summary = record.summary as unknown as RoundSummary;
  expect(summary.responseRate).toMatchObject({ invited: 13, completed: 12 });
  expect(summary.dimensions.every((d) => d.score.status === 'shown')).toBe(true);
  expect(summary.strongest.length).toBeGreaterThan(0);
  expect(summary.weakest.length).toBeGreaterThan(0);
  const means = summary.dimensions.map((d) => (d.score.status === 'shown' ? d.score.mean : 0));
  expect(Math.max(...means) - Math.min(...means)).toBeGreaterThan(0.4);
  // Simulating a school of twelve should stay quick enough for a live demo.
  expect(elapsed).toBeLessThan(30_000);
});
