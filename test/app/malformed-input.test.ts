import { createPlaygroundIntegration } from '../../src/playground/integration';
import { teamsIntegration } from '../../src/teams';
import { startTestApp, type RunningTestApp } from '../playground/support/app';
import { postToSlackEndpoint, startSlackHarness, type SlackHarness } from '../slack/harness';

/**
 * Every route answers malformed input with a short JSON or text error: no Express HTML page, no
 * stack trace, no file paths.
 */
jest.setTimeout(30_000);

let running: RunningTestApp;
let slack: SlackHarness;
beforeAll(async () => {
  running = await startTestApp({ integrations: [teamsIntegration, createPlaygroundIntegration] });
  slack = await startSlackHarness();
});
afterAll(async () => {
  await running?.close();
  await slack?.close();
});

function expectShort(res: { status: number; text: string }, status: number | number[]): void {
  expect([status].flat()).toContain(res.status);
  expect(res.text.length).toBeLessThan(300);
  for (const leak of ['<html', '<pre>', ' at ', 'node_modules', '/src/', 'Error:']) expect(res.text).not.toContain(leak);
}

async function post(path: string, body: string, type = 'application/json'): Promise<{ status: number; text: string }> {
  const res = await fetch(`${running.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
  return { status: res.status, text: await res.text() };
}

test.each([
  ['/api/messages', '{"type": "message", '],
  ['/api/messages', '[1, 2'],
  ['/playground/api/conversations/lotte/messages', '{not json'],
  ['/playground/api/simulate', '{"as": '],
])('%s answers bad JSON (%s) with a short 400', async (path, body) => {
  expectShort(await post(path, body), 400);
});

test('an activity without a type, or with nonsense, gets a short 4xx', async () => {
  expectShort(await post('/api/messages', '{}'), [400, 422]);
  expectShort(await post('/api/messages', '{"type": 42, "conversation": "x"}'), [400, 422]);
  expectShort(await post('/api/messages', '"just a string"'), [400, 422]);
  expectShort(await post('/api/messages', 'null'), [400, 422]);
});

test('an oversized body and an unknown path get short answers too', async () => {
  expectShort(await post('/api/messages', JSON.stringify({ type: 'message', text: 'x'.repeat(2_000_000) })), 413);
  const missing = await fetch(`${running.url}/no/such/path`);
  expectShort({ status: missing.status, text: await missing.text() }, 404);
});

test('a signed Slack request with a malformed payload gets a short error', async () => {
  const res = await postToSlackEndpoint(slack.url, 'payload=%7Bnot-json', 'application/x-www-form-urlencoded');
  expectShort(res, [400, 401]);
  const json = await postToSlackEndpoint(slack.url, '{"type": ', 'application/json');
  expectShort(json, [400, 401]);
});

test('an activity with a type but nothing else is refused the same way', async () => {
  expectShort(await post('/api/messages', '{"type": "message"}'), [400, 422]);
  // An invoke without its value: botbuilder's own short Bot Framework error.
  const bare = await post('/api/messages', '{"type": "invoke", "name": "adaptiveCard/action", "channelId": "msteams", "conversation": {"id": "x"}}');
  expectShort(bare, 400);
  expect(JSON.parse(bare.text)).toMatchObject({ value: { code: 'BadRequest' } });
});
