import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { findBrowser } from './find-browser';


const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Launches headless Chromium (see findBrowser for which one, from `env`): an end-to-end test must
 * never silently skip.
 */
export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const browser = await findBrowser(env);
  process.stdout.write(`[playground e2e] browser: ${browser.executablePath} (${browser.source})\n`);
  return chromium.launch({ executablePath: browser.executablePath, args: ARGS, headless: true });
}

/** The playground page, driven the way a person uses it: persona buttons, the text box, card buttons. */
export class PlaygroundPage {
  readonly errors: string[] = [];
  /** What the Adaptive Cards renderer reported while parsing the bot's cards. */
  readonly cardWarnings: string[] = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (e) => this.errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(m.text());
      if (m.type() === 'warning' && m.text().startsWith('adaptive card:')) this.cardWarnings.push(m.text());
    });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('body[data-ready="true"]').waitFor({ timeout: 15_000 });
  }

  async as(personaKey: string): Promise<void> {
    await this.page.locator(`.persona[data-persona="${personaKey}"]`).click();
    await this.page.locator(`.persona[data-persona="${personaKey}"][aria-pressed="true"]`).waitFor();
    await this.page.waitForFunction(() => !document.querySelector('#chat-log[aria-busy]'));
  }

  chat(): Locator {
    return this.page.locator('#chat-log');
  }

  channel(): Locator {
    return this.page.locator('#channel-log');
  }

  async say(text: string): Promise<void> {
    await this.page.locator('#chat-input').fill(text);
    await this.page.locator('#chat-input').press('Enter');
  }

  /** The newest card in `log` whose text matches, once it is there. */
  async card(log: Locator, text: string | RegExp, timeout = 20_000): Promise<Locator> {
    const card = log.locator('.card-host', { hasText: text }).last();
    await card.waitFor({ state: 'visible', timeout });
    return card;
  }

  /** Does `action` and waits for a matching card that was not there before (an older look-alike does not count). */
  async newCard(log: Locator, text: string | RegExp, action: () => Promise<void>, timeout = 20_000): Promise<Locator> {
    const all = log.locator('.card-host');
    const before = await all.count();
    await action();
    const pattern = typeof text === 'string' ? { source: text, flags: '', literal: true } : { source: text.source, flags: text.flags, literal: false };
    const handle = await log.elementHandle();
    const index = await this.page.waitForFunction(
      ({ log, before, pattern }) => {
        const cards = Array.from((log as HTMLElement).querySelectorAll('.card-host'));
        const matches = (t: string) => (pattern.literal ? t.includes(pattern.source) : new RegExp(pattern.source, pattern.flags).test(t));
        const i = cards.findIndex((c, i) => i >= before && matches(c.textContent ?? ''));
        return i >= 0 ? i : false;
      },
      { log: handle, before, pattern },
      { timeout },
    );
    return all.nth((await index.jsonValue()) as number);
  }

  /** Clicks a card button (by its name, or a located button) and waits until the bot's answer has replaced the card. */
  async click(card: Locator, button: string | RegExp | Locator): Promise<void> {
    const answered = this.page.waitForResponse((r) => r.url().includes('/execute') && r.request().method() === 'POST', { timeout: 20_000 });
    const target = typeof button === 'string' || button instanceof RegExp ? card.getByRole('button', { name: button, exact: typeof button === 'string' }) : button;
    await target.click();
    const response = await answered;
    if (!response.ok()) throw new Error(`the card action answered HTTP ${response.status()}: ${await response.text()}`);
    await this.page.waitForFunction(() => !document.querySelector('.card-host[aria-busy]'));
  }
}
