import { createPlaygroundIntegration } from '../../src/playground/integration';
import { startTestApp, type RunningTestApp } from './support/app';

/** Without the Teams integration the page still loads and says, in the user's language, that the bot does not answer. */
let running: RunningTestApp;
beforeAll(async () => {
  running = await startTestApp({ integrations: [createPlaygroundIntegration] });
});
afterAll(async () => {
  await running?.close();
});

it('tells the page the bot is unreachable instead of failing', async () => {
  const boot = await fetch(`${running.url}/playground/api/bootstrap?lang=en`);
  expect(boot.status).toBe(200);
  expect((await boot.json()).installError).toBe('The bot does not answer. Is the Teams integration running?');
  const sent = await fetch(`${running.url}/playground/api/conversations/lotte/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: 'lotte', text: 'help', lang: 'nl' }),
  });
  expect(sent.status).toBe(502);
  expect((await sent.json()).error).toBe('De bot antwoordt niet. Draait de Teams-koppeling?');
  expect((await fetch(`${running.url}/`)).status).toBe(200);
});
