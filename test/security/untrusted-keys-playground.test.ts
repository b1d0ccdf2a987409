import { createOrchestrator } from '../../src/orchestration';
import { activityCard, cardActions, cardInputs, executeData } from '../../src/playground/card-walk';
import { createPlaygroundIntegration } from '../../src/playground/integration';
import { teamsIntegration } from '../../src/teams';
import { startTestApp, type RunningTestApp } from '../playground/support/app';
import { expectOtherTenantUnaffected, expectPrototypeUntouched, hostileFields, answered } from './hostile-fields';

/**
 * The playground's API takes a card action's data from the browser as it is: hostile field names
 * in a section submission go through the API, the emulated connector and the Teams bot, and are
 * refused without touching Object.prototype, another school or the store.
 */
jest.setTimeout(60_000);

let running: RunningTestApp;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${running.url}/playground/api${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: typeof body === 'string' ? body : body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: await res.json().catch(() => undefined) };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const withVerb = (activities: any[], verb: string) => activities.find((a) => a.attachments.some((x: any) => x.content && cardActions(x.content).some((c) => c.verb === verb)));

beforeAll(async () => {
  running = await startTestApp({ integrations: [teamsIntegration, createPlaygroundIntegration], createOrchestrator: (deps) => createOrchestrator(deps) });
});
afterAll(async () => {
  await running?.close();
});

test('hostile field names in a playground card action are refused and poison nothing', async () => {
  await call('POST', '/conversations/els/messages', { as: 'els', text: 'nieuwe ronde', lang: 'nl' });
  const form = withVerb((await call('GET', '/conversations/els')).json.activities, 'createRound');
  const formCard = activityCard(form)!;
  const defaults = Object.fromEntries(cardInputs(formCard).flatMap((i) => (i.value ? [[i.id, i.value]] : [])));
  const create = cardActions(formCard).find((a) => a.verb === 'createRound')!;
  await call('POST', `/conversations/els/activities/${form.id}/execute`, { as: 'els', lang: 'nl', action: { verb: 'createRound', data: executeData(create, { ...defaults, dimensionIds: 'A1' }) } });

  const invitation = await until('bram’s invitation', async () => withVerb((await call('GET', '/conversations/bram')).json.activities, 'start'));
  const startData = cardActions(activityCard(invitation)!).find((a) => a.verb === 'start')!.data;
  const opened = await call('POST', `/conversations/bram/activities/${invitation.id}/execute`, { as: 'bram', lang: 'nl', action: { verb: 'start', data: startData } });
  const sectionCard = opened.json.result.card;
  // The playground shows the Teams card, with the reminder under the open questions.
  expect(JSON.stringify(sectionCard)).toContain('Noem geen namen en schrijf niets waaraan iemand te herkennen is.');
  const submit = cardActions(sectionCard).find((a) => a.verb === 'submitSection')!;
  const answers = Object.fromEntries(cardInputs(sectionCard).flatMap((i) => (/^A1-s\d+$/.test(i.id) && i.id !== 'A1-s1' ? [[i.id, '4']] : [])));
  // The body as text, so "__proto__" arrives as a key (an object literal would set a prototype).
  const data = JSON.stringify({ ...executeData(submit, answers), ...hostileFields('A1-s1') });
  const body = `{"as":"bram","lang":"nl","action":{"verb":"submitSection","data":${data}}}`;
  const answer = await call('POST', `/conversations/bram/activities/${invitation.id}/execute`, body);

  expect(answer.status).toBe(200);
  expect(answer.json.result.type).toBe('card');
  expect(JSON.stringify(answer.json.result.card)).toContain('Geef hier een antwoord.');
  expectPrototypeUntouched('A1-s1');
  const [round] = await running.db.repos.rounds.listByTenant('teams:playground');
  expect(answered(await running.db.repos.responses.listByRound(round!.id))).toEqual([]);
  await expectOtherTenantUnaffected(running.app.services, running.db.repos, new Date());
});
