import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { formatDecimal, formatPercent } from '../../src/core/summary/labels';
import { t } from '../../src/i18n';
import { createOrchestrator } from '../../src/orchestration';
import { createPlaygroundIntegration } from '../../src/playground/integration';
import { renderSummaryChart } from '../../src/render/chart';
import { teamsIntegration } from '../../src/teams';
import { startTestApp, type RunningTestApp } from './support/app';
import { launchChromium, PlaygroundPage } from './support/browser';

/**
 * The whole product in a real browser: the playground page, the Teams integration behind it,
 * the real core, store and scheduler. A coordinator plans a quick round of two dimensions plus
 * the reflection questions; five colleagues answer on the rendered Adaptive Cards (one corrects
 * an answer afterwards, one first sends more days than a week has); the coordinator closes,
 * approves the open answers and publishes; the team channel shows a summary whose numbers are
 * the ones the test clicked.
 */
jest.setTimeout(150_000);

const ROOT = path.join(__dirname, '..', '..');
const OUTPUT = path.join(ROOT, 'test-output');
const DOCS_SHOT = path.join(ROOT, 'docs', 'playground.png');

const TITLE = 'Beginsituatie leerzorg — proefronde';
const QUOTE = 'De zorgcoördinator denkt altijd snel mee.';

/** What each colleague clicks: the global judgement of A1 and B (1–6) and their group. */
const ANSWERS = [
  { key: 'lotte', group: 'teacher', A1: 4, B: 3 },
  { key: 'bram', group: 'teacher', A1: 5, B: 4 },
  { key: 'sofie', group: 'teacher', A1: 3, B: 2 },
  { key: 'karel', group: 'leadership', A1: 5, B: 5 },
  { key: 'nele', group: 'care-team', A1: 4, B: 4 },
] as const;
/** Sofie changes her A1 answer afterwards, from 3 to this. */
const SOFIE_CHANGED_A1 = 6;

let running: RunningTestApp;
let browser: Browser | undefined;

beforeAll(async () => {
  fs.mkdirSync(OUTPUT, { recursive: true });
  running = await startTestApp({
    integrations: [teamsIntegration, createPlaygroundIntegration],
    createOrchestrator: (deps) => createOrchestrator({ ...deps, renderChart: async (summary) => (await renderSummaryChart(summary, summary.round.language)).png }),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await running?.close();
});

const scaleLabel = (value: number) => {
  const labels = ['Volledig oneens', 'Oneens', 'Eerder oneens', 'Eerder eens', 'Eens', 'Volledig eens'];
  return `${value} · ${labels[value - 1]}`;
};

/** Answers one dimension form: the global judgement, optionally a strength and the group (first form only). */
async function answerDimension(pg: PlaygroundPage, form: Locator, value: number, opts: { group?: string; strength?: string } = {}): Promise<void> {
  await form.getByLabel(scaleLabel(value), { exact: true }).check();
  if (opts.strength) await form.getByLabel(/^Wat zijn op het vlak van bovenstaande aspecten concrete sterktes/).fill(opts.strength);
  if (opts.group) await form.getByLabel(/^Ik ben vooral/).selectOption(opts.group);
  await pg.click(form, 'Bewaren en verder');
}

async function allocate(form: Locator, days: Record<string, string>): Promise<void> {
  for (const [domain, value] of Object.entries(days)) await form.getByLabel(domain, { exact: true }).selectOption(value);
}

it('runs a whole round in the browser: plan, answer on cards, close, moderate, publish, summary in the channel', async () => {
  const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
  const pg = new PlaygroundPage(page);
  await pg.open(`${running.url}/?as=els&lang=nl`);

  // The team install greeted the channel.
  await pg.card(pg.channel(), 'Zorgspiegel is toegevoegd');

  // ---- The coordinator plans a quick round: A1 and B, with the reflection questions.
  const form = await pg.newCard(pg.chat(), 'Bevraging plannen', () => pg.say('nieuwe ronde'));
  for (const d of ['A2', 'C', 'D1', 'D2', 'E']) await form.getByLabel(new RegExp(`^${d}\\. `)).uncheck();
  await form.getByLabel(/^Snel/).check();
  await form.getByLabel(/^Titel/).fill(TITLE);
  await pg.click(form, 'Bevraging plannen');
  await pg.card(pg.chat(), 'Bevraging gepland');

  // ---- Five colleagues answer through the rendered cards.
  for (const answer of ANSWERS) {
    await pg.as(answer.key);
    const invitation = await pg.card(pg.chat(), TITLE);
    await pg.click(invitation, 'Starten');
    let card = await pg.card(pg.chat(), /A1\. Visie op leerzorg/);
    await answerDimension(pg, card, answer.A1, { group: answer.group, strength: answer.key === 'lotte' ? QUOTE : undefined });
    card = await pg.card(pg.chat(), /B\. Faciliterende rol/);
    await answerDimension(pg, card, answer.B);
    card = await pg.card(pg.chat(), /Reflectievragen/);

    if (answer.key === 'bram') {
      // More days than a week has: the core refuses, the card says why and keeps the choices.
      await allocate(card, { Onderwijsloopbaan: '3', 'Leren en studeren': '3' });
      await pg.click(card, 'Bewaren en verder');
      card = await pg.card(pg.chat(), /Reflectievragen/);
      const refusal = t('nl', 'errors:allocation_total', { total: 6, max: 5 });
      expect(await card.innerText()).toContain(refusal);
      expect(await card.getByLabel('Leren en studeren', { exact: true }).inputValue()).toBe('3');
      await page.screenshot({ path: path.join(OUTPUT, 'playground-allocation-error.png') });
      await allocate(card, { 'Leren en studeren': '1.5' });
    } else if (answer.key === 'nele') {
      await allocate(card, { 'Psychisch en sociaal functioneren': '2', 'Preventieve gezondheidszorg': '0.5' });
    }
    await pg.click(card, 'Bewaren en verder');
    const review = await pg.card(pg.chat(), 'Bedankt!');

    if (answer.key === 'sofie') {
      // Changing an answer afterwards: open A1 from the overview, pick another point, save.
      await pg.click(review, review.getByRole('button', { name: 'Antwoorden wijzigen' }).first());
      card = await pg.card(pg.chat(), /A1\. Visie op leerzorg/);
      expect(await card.getByLabel(scaleLabel(answer.A1), { exact: true }).isChecked()).toBe(true);
      await answerDimension(pg, card, SOFIE_CHANGED_A1);
      await pg.card(pg.chat(), 'Bedankt!');
    }
  }

  // ---- The coordinator follows up, closes, approves the open answer and publishes.
  await pg.as('els');
  const status = await pg.newCard(pg.chat(), TITLE, () => pg.say('status'));
  expect(await status.innerText()).toMatch(/5 afgerond/);

  const confirmClose = await pg.newCard(pg.chat(), 'nu afsluiten?', () => pg.say('sluit'));
  await pg.click(confirmClose, 'Ja, nu afsluiten');
  // The scheduler closes the round, computes the summary and tells the coordinator.
  const closed = await pg.card(pg.chat(), t('nl', 'orchestration:actions.review'), 30_000);
  await pg.click(closed, t('nl', 'orchestration:actions.review'));
  let moderation = await pg.card(pg.chat(), 'Open antwoorden nalezen');
  expect(await moderation.innerText()).toContain(QUOTE);
  const approvals = await moderation.getByRole('button', { name: 'Goedkeuren', exact: true }).count();
  expect(approvals).toBeGreaterThan(0);
  for (let i = 0; i < approvals; i++) {
    moderation = await pg.card(pg.chat(), 'Open antwoorden nalezen');
    await pg.click(moderation, moderation.getByRole('button', { name: 'Goedkeuren', exact: true }).nth(i));
  }
  moderation = await pg.card(pg.chat(), 'Open antwoorden nalezen');
  expect(await moderation.innerText()).not.toContain(t('nl', 'survey:moderation.status.pending'));
  await pg.click(moderation, 'Publiceren');
  const confirmPublish = await pg.card(pg.chat(), 'publiceren?');
  await pg.click(confirmPublish, 'Ja, publiceren');

  // ---- The summary in the team channel matches what was clicked.
  const summary = await pg.card(pg.channel(), t('nl', 'summary:title', { title: TITLE }), 30_000);
  const text = await summary.innerText();
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const a1 = mean(ANSWERS.map((a) => (a.key === 'sofie' ? SOFIE_CHANGED_A1 : a.A1)));
  const b = mean(ANSWERS.map((a) => a.B));
  const shown = (value: number) => t('nl', 'summary:figure.meanOutOf', { mean: formatDecimal(value, 'nl'), max: 6 });
  expect(text).toContain(shown(a1));
  expect(text).toContain(shown(b));
  expect([formatDecimal(a1, 'nl'), formatDecimal(b, 'nl')]).toEqual(['4,8', '3,6']);
  expect(text).toContain(t('nl', 'summary:responseRate.line', { completed: 5, invited: 13, rate: formatPercent(5 / 13, 'nl') }));
  // The chart is the bot's PNG, loaded by the browser from its unguessable URL.
  const chart = summary.locator('img[src*="/charts/"]');
  await chart.waitFor();
  await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await chart.elementHandle());

  // The summary card on its own: let the channel pane grow to the card's full height for the picture.
  const unclip = (on: boolean) =>
    pg.channel().evaluate((log, on) => {
      const pane = log.closest('.pane') as HTMLElement;
      for (const el of [log as HTMLElement, pane]) el.style.cssText = on ? 'height:auto;max-height:none;overflow:visible;position:static' : '';
    }, on);
  await unclip(true);
  await summary.screenshot({ path: path.join(OUTPUT, 'playground-summary.png') });
  await unclip(false);
  // The README's picture: the coordinator's chat beside the published summary, on a wide screen.
  await page.setViewportSize({ width: 1600, height: 1000 });
  await summary.evaluate((el) => {
    const log = el.closest('.log')!;
    (log as HTMLElement).style.scrollBehavior = 'auto';
    log.scrollTop += el.getBoundingClientRect().top - log.getBoundingClientRect().top - 16;
  });
  await page.waitForTimeout(1000);
  await page.screenshot({ path: DOCS_SHOT });
  fs.copyFileSync(DOCS_SHOT, path.join(OUTPUT, 'playground.png'));

  // The approved open answer reaches the team (only approved ones do).
  expect(text).toContain(QUOTE);
  expect(pg.errors).toEqual([]);
  expect(pg.cardWarnings).toEqual([]);
  await page.close();
});

it('works at phone width, with the keyboard alone, in English', async () => {
  const page = await browser!.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const pg = new PlaygroundPage(page);
  await pg.open(`${running.url}/`);
  // Dutch unless someone picks English.
  expect(await page.getAttribute('html', 'lang')).toBe('nl');

  // The panes stack: team, then the chat, then the channel, each the full width.
  const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
  const [team, chat, channel] = [await box('.team-pane'), await box('.chat-pane'), await box('.channel-pane')];
  expect(chat.y).toBeGreaterThanOrEqual(team.y + team.height);
  expect(channel.y).toBeGreaterThanOrEqual(chat.y + chat.height);
  for (const pane of [team, chat, channel]) expect(pane.width).toBeGreaterThan(340);

  // The first Tab reaches the skip link; real buttons take Enter and Space.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
  await page.locator('.lang-switch button[data-lang="en"]').focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.locator('.persona[data-persona="fien"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('.persona[data-persona="fien"][aria-pressed="true"]').waitFor();
  expect(await page.locator('#chat-heading').innerText()).toBe('Chat with Zorgspiegel');
  expect(await page.locator('#simulate').isHidden()).toBe(true);

  // The bot answers in the language the page sends (locale en-GB).
  await page.locator('#chat-input').focus();
  await page.keyboard.type('help');
  const help = await pg.newCard(pg.chat(), t('en', 'teams:help.title'), () => page.keyboard.press('Enter'));
  expect(await help.innerText()).toContain(t('en', 'teams:help.staff2'));
  // New messages are announced politely to screen readers.
  expect(await page.getAttribute('#chat-log', 'aria-live')).toBe('polite');
  await page.screenshot({ path: path.join(OUTPUT, 'playground-phone.png') });
  expect(pg.errors).toEqual([]);
  expect(pg.cardWarnings).toEqual([]);
  await page.close();
});

it('lets the coordinator simulate the rest of the team with one button', async () => {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 860 } });
  const pg = new PlaygroundPage(page);
  await pg.open(`${running.url}/?as=els&lang=nl`);
  const form = await pg.newCard(pg.chat(), 'Bevraging plannen', () => pg.say('nieuwe ronde'));
  await form.getByLabel(/^Titel/).fill('Tweede ronde');
  await pg.click(form, 'Bevraging plannen');
  await pg.card(pg.chat(), 'Bevraging gepland');
  // Wait until the last colleague's invitation is out (the scheduler paces its sends).
  const participations = async () => {
    const round = (await running.db.repos.rounds.listByTenant('teams:playground', { limit: 1 }))[0]!;
    return running.db.repos.participations.countByStatus(round.id);
  };
  for (let i = 0; i < 100 && ((await participations()).delivered ?? 0) < 13; i++) await page.waitForTimeout(100);

  const button = page.getByRole('button', { name: /Antwoorden simuleren/ });
  await button.click();
  await page.locator('.toast', { hasText: t('nl', 'playground:simulate.done', { count: 12 }) }).waitFor({ timeout: 60_000 });
  expect(await participations()).toMatchObject({ completed: 12 });
  expect(pg.errors).toEqual([]);
  expect(pg.cardWarnings).toEqual([]);
  await page.close();
});
