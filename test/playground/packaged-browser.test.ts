import type { Browser } from 'playwright-core';
import { t } from '../../src/i18n';
import { createOrchestrator } from '../../src/orchestration';
import { createPlaygroundIntegration } from '../../src/playground/integration';
import { teamsIntegration } from '../../src/teams';
import { startTestApp, type RunningTestApp } from './support/app';
import { launchChromium, PlaygroundPage } from './support/browser';
import { findBrowser } from './support/find-browser';

/**
 * A fresh machine: no browser on PATH and no CHROMIUM_PATH. The e2e test then drives the Chromium
 * that the @sparticuz/chromium dev dependency ships inside its npm package. A machine that has a
 * browser (this one, most CI images) would never take that path in e2e.test.ts, so this test takes
 * it on purpose: the packaged browser starts, renders the playground and the bot's Adaptive Card.
 */
jest.setTimeout(120_000);

/** No CHROMIUM_PATH, and a PATH with no browser on it. */
const FRESH_MACHINE: NodeJS.ProcessEnv = { PATH: '/nonexistent', HOME: process.env.HOME, TMPDIR: process.env.TMPDIR };

let running: RunningTestApp;
let browser: Browser | undefined;

beforeAll(async () => {
  running = await startTestApp({ integrations: [teamsIntegration, createPlaygroundIntegration], createOrchestrator: (deps) => createOrchestrator(deps) });
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
});

it('finds the packaged Chromium when the machine has no browser', async () => {
  expect((await findBrowser(FRESH_MACHINE)).source).toBe('@sparticuz/chromium');
});

it('renders the playground and a card in the packaged Chromium', async () => {
  browser = await launchChromium(FRESH_MACHINE);
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  const pg = new PlaygroundPage(page);
  await pg.open(`${running.url}/?as=els&lang=nl`);
  const form = await pg.newCard(pg.chat(), t('nl', 'cards:roundForm.submit'), () => pg.say('nieuwe ronde'));
  await form.getByRole('button', { name: t('nl', 'cards:roundForm.submit'), exact: true }).waitFor();
  expect(pg.errors).toEqual([]);
  expect(pg.cardWarnings).toEqual([]);
  await page.close();
});
