import { randomUUID } from 'node:crypto';
import { buildApp, type BuiltApp } from '../../src/app/build-app';
import { parseEnv } from '../../src/config/env';
import type { Repositories } from '../../src/core/ports';
import { loadQuestionnaire } from '../../src/core/questionnaire/load';
import { createLogger } from '../../src/log';
import { createOrchestrator, type Orchestrator } from '../../src/orchestration';
import { renderSummaryChart } from '../../src/render/chart/summary-chart';
import { teamsIntegration } from '../../src/teams';
import { FakeClock } from '../orchestration/fake-clock';
import { openTestDatabase, type TestDatabase } from '../support/mongo';
import { FakeBotConnector, type RosterMember } from './fake-bot-connector';
import { assertValidCard } from './parse-card';

/**
 * The Teams side of Zorgspiegel as the Bot Framework Emulator drives it: buildApp with the Teams
 * integration on a test database, activities POSTed to /api/messages without authentication, and
 * a fake Bot Connector that records what the bot sends. The scheduler runs only when a test says
 * so (`runJobs`), on a fake clock inside school hours.
 */
export const TEST_SECRET = 'teams-test-secret-0123456789abcdef0123';
export const MS_TENANT = 'tenant-0001';
export const TEAM_ID = '19:team-leraren@thread.tacv2';
export const TEAM_NAME = 'Leraren';
export const BOT = { id: '28:zorgspiegel-bot', name: 'Zorgspiegel' };
/** Tuesday 3 March 2026, 10:00 in Brussels: inside the default quiet hours' working window. */
export const START = new Date('2026-03-03T09:00:00Z');

export type Person = RosterMember & { aadObjectId: string };

/** A team of the Microsoft tenant (the harness's own team unless a test adds another). */
export interface TeamRef {
  id: string;
  name: string;
  /** The team's Microsoft 365 group id, which Teams sends in channelData.team when the app is added. */
  aadGroupId?: string;
}
export const TEAM_GROUP_ID = '6f3d2c1b-0a9e-4d8c-b7a6-5e4f3d2c1b0a';
export const DEFAULT_TEAM: TeamRef = { id: TEAM_ID, name: TEAM_NAME, aadGroupId: TEAM_GROUP_ID };

export function person(n: number, name: string): Person {
  return { id: `29:user-${n}`, aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name };
}

export interface InvokeAnswer {
  status: number;
  body: { statusCode?: number; type?: string; value?: Record<string, unknown> };
  card?: Record<string, unknown>;
}

export class TeamsHarness {
  /** Every card any test step saw, for the "every card parses at 1.5" check. */
  readonly seenCards: { label: string; card: Record<string, unknown> }[] = [];

  private constructor(
    readonly connector: FakeBotConnector,
    readonly app: BuiltApp,
    readonly url: string,
    readonly db: TestDatabase,
    readonly orchestrator: Orchestrator,
    readonly clock: FakeClock,
    readonly members: Person[],
  ) {}

  static async start(opts: { members: Person[]; pageSize?: number; locale?: string }): Promise<TeamsHarness> {
    const connector = new FakeBotConnector(opts.pageSize ?? 4);
    connector.addTeam(TEAM_ID, [...opts.members], [{ id: TEAM_ID }, { id: '19:channel-zorg@thread.tacv2', name: 'Zorgteam' }]);
    await connector.start();
    const db = await openTestDatabase();
    const clock = new FakeClock(START);
    const logger = createLogger(process.env.TEAMS_TEST_LOG ?? 'silent');
    let orchestrator: Orchestrator | undefined;
    const app = buildApp({
      env: parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RESPONDENT_KEY_SECRET: TEST_SECRET }),
      repos: db.repos,
      questionnaire: loadQuestionnaire(undefined),
      respondentSecret: TEST_SECRET,
      clock,
      logger,
      integrations: [teamsIntegration],
      createOrchestrator: (deps) => {
        orchestrator = createOrchestrator({
          ...deps,
          sleep: clock.sleep,
          renderChart: async (summary) => (await renderSummaryChart(summary, summary.round.language)).png,
        });
        // The test drives the scheduler with runJobs(), so nothing runs behind its back.
        return { start: () => undefined, stop: () => orchestrator!.stop(), wake: () => undefined };
      },
    });
    const { url } = await app.listen(0);
    return new TeamsHarness(connector, app, url, db, orchestrator!, clock, opts.members);
  }

  get repos(): Repositories {
    return this.db.repos;
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.connector.stop();
    await this.db.close();
  }

  /**
   * Runs every due job (invitations, closing, publishing, notices). The scheduler paces sends and
   * may put a job back for a moment, so the fake clock moves on a second at a time until three
   * quiet seconds in a row: enough for pacing, far from the planned reminders and closing time.
   */
  async runJobs(): Promise<number> {
    let ran = 0;
    for (let quiet = 0, second = 0; quiet < 3 && second < 60; second++) {
      const now = await this.orchestrator.runUntilIdle();
      ran += now;
      quiet = now === 0 ? quiet + 1 : 0;
      this.clock.advance(1000);
    }
    return ran;
  }

  dmOf(p: Person): string {
    return FakeBotConnector.personalConversationId(p.id);
  }

  private envelope(p: Person, where: 'personal' | 'channel', locale: string, team: TeamRef = DEFAULT_TEAM, msTenant = MS_TENANT): Record<string, unknown> {
    const personal = where === 'personal';
    return {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      timestamp: new Date().toISOString(),
      locale,
      from: { id: p.id, name: p.name, aadObjectId: p.aadObjectId },
      recipient: BOT,
      conversation: personal
        ? { id: this.dmOf(p), conversationType: 'personal', tenantId: msTenant }
        : { id: team.id, conversationType: 'channel', isGroup: true, tenantId: msTenant },
      channelData: personal ? { tenant: { id: msTenant } } : { tenant: { id: msTenant }, team: { id: team.id, name: team.name }, channel: { id: team.id } },
    };
  }

  async post(activity: Record<string, unknown>): Promise<{ status: number; text: string }> {
    const res = await fetch(`${this.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    return { status: res.status, text: await res.text() };
  }

  async installInTeam(installer: Person, locale = 'nl-BE', team: TeamRef = DEFAULT_TEAM, msTenant = MS_TENANT): Promise<void> {
    const base = this.envelope(installer, 'channel', locale, team, msTenant);
    const channelData = base.channelData as { team: Record<string, unknown> };
    const res = await this.post({
      ...base,
      type: 'conversationUpdate',
      membersAdded: [{ id: BOT.id }],
      // The install event names the team's group too (ordinary messages often do not).
      channelData: { ...channelData, team: { ...channelData.team, ...(team.aadGroupId ? { aadGroupId: team.aadGroupId } : {}) }, eventType: 'teamMemberAdded' },
    });
    if (res.status >= 300) throw new Error(`install failed: HTTP ${res.status} ${res.text}`);
  }

  /** The installationUpdate Teams sends next to the conversationUpdate of an install. */
  async installationUpdate(installer: Person, where: 'personal' | 'channel', locale = 'nl-BE'): Promise<void> {
    const res = await this.post({ ...this.envelope(installer, where, locale), type: 'installationUpdate', action: 'add' });
    if (res.status >= 300) throw new Error(`installationUpdate failed: HTTP ${res.status} ${res.text}`);
  }

  async installPersonal(p: Person, locale = 'nl-BE'): Promise<void> {
    const res = await this.post({ ...this.envelope(p, 'personal', locale), type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] });
    if (res.status >= 300) throw new Error(`personal install failed: HTTP ${res.status} ${res.text}`);
  }

  /** A typed message; in the channel it @mentions the bot the way Teams does. */
  async say(p: Person, text: string, where: 'personal' | 'channel' = 'personal', locale = 'nl-BE', team: TeamRef = DEFAULT_TEAM, msTenant = MS_TENANT): Promise<Record<string, unknown>> {
    const activity: Record<string, unknown> = { ...this.envelope(p, where, locale, team, msTenant), type: 'message', text };
    if (where === 'channel') {
      const mention = `<at>${BOT.name}</at>`;
      activity.text = `${mention} ${text}`;
      activity.entities = [{ type: 'mention', text: mention, mentioned: BOT }];
    }
    const before = this.connector.sent.length;
    const res = await this.post(activity);
    if (res.status >= 300) throw new Error(`message failed: HTTP ${res.status} ${res.text}`);
    const replies = this.connector.sent.slice(before);
    const reply = replies.map((s) => (s.activity.attachments as { content?: Record<string, unknown> }[] | undefined)?.[0]?.content).find(Boolean);
    if (!reply) throw new Error(`the bot answered "${text}" without a card: ${JSON.stringify(replies.map((r) => r.activity.text))}`);
    this.see(`reply to "${text}"`, reply);
    return reply;
  }

  /**
   * The id of the message a click in this conversation comes from: the bot's latest card there.
   * As in Teams, a card the bot returns to a click replaces the card in the same message, which
   * keeps its id, so every later click on it carries the same `replyToId`.
   */
  messageIdIn(conversationId: string): string {
    return this.connector.cards(conversationId).at(-1)?.activityId ?? `message-in-${conversationId}`;
  }

  /**
   * A click on an Action.Execute button: Teams merges the inputs into `data`. By default it is on
   * the latest card message in the conversation (see `messageIdIn`); `replyToId` names another.
   */
  async invoke(p: Person, verb: string, data: Record<string, unknown>, opts: { where?: 'personal' | 'channel'; replyToId?: string; locale?: string; team?: TeamRef; msTenant?: string } = {}): Promise<InvokeAnswer> {
    const envelope = this.envelope(p, opts.where ?? 'personal', opts.locale ?? 'nl-BE', opts.team, opts.msTenant);
    const res = await this.post({
      ...envelope,
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: opts.replyToId ?? this.messageIdIn((envelope.conversation as { id: string }).id),
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
    const body = (res.text ? JSON.parse(res.text) : {}) as InvokeAnswer['body'];
    const answer: InvokeAnswer = { status: res.status, body };
    if (body.type === 'application/vnd.microsoft.card.adaptive' && body.value) {
      answer.card = body.value;
      this.see(`answer to ${verb}`, body.value);
    }
    return answer;
  }

  see(label: string, card: Record<string, unknown>): void {
    assertValidCard(card, label);
    this.seenCards.push({ label, card });
  }

  /** Every card the fake connector received, checked too. */
  seeConnectorCards(): void {
    for (const c of this.connector.cards()) this.see(`sent to ${c.conversationId}`, c.card);
  }
}

/** Depth-first over a card: every element, action and show-card. */
export function walkCard(node: unknown, visit: (n: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walkCard(child, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  visit(n);
  for (const key of ['body', 'items', 'columns', 'actions', 'card', 'facts', 'choices']) if (key in n) walkCard(n[key], visit);
}

export function textsOf(card: unknown): string[] {
  const texts: string[] = [];
  walkCard(card, (n) => {
    for (const key of ['text', 'title', 'label', 'value', 'errorMessage', 'placeholder']) if (typeof n[key] === 'string') texts.push(n[key] as string);
  });
  return texts;
}

export function cardText(card: unknown): string {
  return textsOf(card).join('\n');
}

export function inputsOf(card: unknown): Record<string, unknown>[] {
  const inputs: Record<string, unknown>[] = [];
  walkCard(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Input.')) inputs.push(n);
  });
  return inputs;
}

export function actionsOf(card: unknown): { title?: string; verb?: string; data?: Record<string, unknown>; type: string; url?: string }[] {
  const actions: { title?: string; verb?: string; data?: Record<string, unknown>; type: string; url?: string }[] = [];
  walkCard(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Action.')) actions.push(n as never);
  });
  return actions;
}

export function actionWithVerb(card: unknown, verb: string): { title?: string; verb?: string; data?: Record<string, unknown> } {
  const action = actionsOf(card).find((a) => a.verb === verb);
  if (!action) throw new Error(`no ${verb} button on the card; buttons: ${actionsOf(card).map((a) => a.verb ?? a.type).join(', ')}`);
  return action;
}

/**
 * What a person would send from a form card: every input's current value, with `choose` deciding
 * the answer for inputs (return undefined to keep the value already on the card). An input left
 * empty (or cleared with '') is not sent at all, as the Adaptive Cards renderer does (an input
 * goes into the data only when it is set).
 */
export function fillCard(card: unknown, choose: (input: { id: string; type: string; choices: string[]; value: string; index: number }) => string | undefined = () => undefined): Record<string, string> {
  const data: Record<string, string> = {};
  inputsOf(card).forEach((input, index) => {
    const id = String(input.id);
    const choices = ((input.choices as { value: string }[] | undefined) ?? []).map((c) => c.value);
    const value = input.value === undefined ? '' : String(input.value);
    const sent = choose({ id, type: String(input.type), choices, value, index }) ?? value;
    if (sent !== '') data[id] = sent;
  });
  return data;
}

/** A plausible complete answer to a section form: scale points spread by person, some text. */
export function answerSection(card: unknown, seed: number): Record<string, string> {
  return fillCard(card, (input) => {
    if (input.type === 'Input.ChoiceSet' && input.id === 'group') return input.choices[seed % input.choices.length];
    if (input.type === 'Input.ChoiceSet' && input.id.includes('.')) return '1';
    if (input.type === 'Input.ChoiceSet') return input.choices[(seed + input.index) % input.choices.length];
    if (input.type === 'Input.Text') return `Antwoord ${seed} op ${input.id}`;
    return undefined;
  });
}
