import { createHmac } from 'node:crypto';
import { buildApp, type BuiltApp } from '../../src/app/build-app';
import { parseEnv } from '../../src/config/env';
import type { Clock } from '../../src/core/ports';
import { loadQuestionnaire } from '../../src/core/questionnaire/load';
import { createLogger, type Logger } from '../../src/log';
import { createOrchestrator } from '../../src/orchestration';
import { slackIntegration } from '../../src/slack';
import { openTestDatabase, type TestDatabase } from '../support/mongo';
import { FakeSlackApi } from './fake-slack-api';

export const SIGNING_SECRET = 'test-signing-secret-8f14e45fceea167a5a36';
export const BOT_TOKEN = 'xoxb-test-token';
/** A tiny valid-looking PNG stand-in: the chart renderer is not what these tests are about. */
export const CHART_PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');

/** Monday 2 March 2026, 10:00 in Brussels: inside the default sending hours. */
export const START = new Date('2026-03-02T09:00:00.000Z');

/**
 * The app's clock: starts at START and runs with real time, so the scheduler's retries and
 * backoffs (a few seconds) still come due during a test; `advance` jumps ahead.
 */
export class TestClock implements Clock {
  private readonly realStart = Date.now();
  private offset = 0;
  constructor(private readonly start: number) {}
  now(): Date {
    return new Date(this.start + (Date.now() - this.realStart) + this.offset);
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

export interface SlackHarness {
  fake: FakeSlackApi;
  app: BuiltApp;
  db: TestDatabase;
  clock: TestClock;
  url: string;
  close(): Promise<void>;
}

/** The real app (buildApp + Bolt over HTTP + the scheduler) on a test database and a fake Slack. */
export async function startSlackHarness(
  setup: (fake: FakeSlackApi) => void = () => undefined,
  opts: { env?: Record<string, string | undefined>; logger?: Logger; /** How often the scheduler looks for due jobs (tests: 20 ms; production: 1 s). */ pollIntervalMs?: number } = {},
): Promise<SlackHarness> {
  const fake = new FakeSlackApi();
  await fake.start();
  setup(fake);
  const db = await openTestDatabase();
  const clock = new TestClock(START.getTime());
  const env = parseEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.ZS_TEST_LOG_LEVEL ?? 'silent',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    ...opts.env,
  });
  const logger = opts.logger ?? createLogger(env.LOG_LEVEL);
  const app = buildApp({
    env,
    repos: db.repos,
    questionnaire: loadQuestionnaire(undefined),
    respondentSecret: 'test-respondent-secret-0123456789abcdef0123456789',
    clock,
    logger,
    // Fast pacing: these tests are about behaviour, not about Slack's per-second limits.
    integrations: [slackIntegration({ limits: { perConversationPerSecond: 1000, perTenantPerSecond: 1000 } })],
    createOrchestrator: (deps) => createOrchestrator({ ...deps, renderChart: async () => CHART_PNG, runner: { pollIntervalMs: opts.pollIntervalMs ?? 20 } }),
  });
  const { url } = await app.listen(0);
  return {
    fake,
    app,
    db,
    clock,
    url,
    async close() {
      await app.stop();
      await fake.stop();
      await db.close();
    },
  };
}

export function sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

export interface SlackResponse {
  status: number;
  body: unknown;
  text: string;
}

/** Posts a body to /slack/events exactly as Slack would (signed), with optional extra headers. */
export async function postToSlackEndpoint(url: string, body: string, contentType: string, headers: Record<string, string> = {}): Promise<SlackResponse> {
  const res = await fetch(`${url}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...sign(body), ...headers }, body });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, text };
}

let triggerCounter = 0;
const trigger = () => `trigger.${++triggerCounter}`;

/** A slash command, form-encoded like Slack sends it. */
export function commandBody(fake: FakeSlackApi, userId: string, text: string, channelId = 'CSTAFF'): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: fake.teamId,
    team_domain: 'school',
    channel_id: channelId,
    channel_name: 'staff',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/zorgspiegel',
    text,
    api_app_id: 'AZORG',
    is_enterprise_install: 'false',
    response_url: fake.responseUrl(`cmd-${userId}-${triggerCounter + 1}`),
    trigger_id: trigger(),
  }).toString();
}

export async function sendCommand(h: Pick<SlackHarness, 'fake' | 'url'>, userId: string, text: string, channelId?: string): Promise<SlackResponse> {
  return postToSlackEndpoint(h.url, commandBody(h.fake, userId, text, channelId), 'application/x-www-form-urlencoded');
}

export interface ViewLike {
  id: string;
  hash?: string;
  callback_id?: string;
  private_metadata?: string;
  blocks: Record<string, unknown>[];
  root_view_id?: string;
  [k: string]: unknown;
}

export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface ClickTarget {
  message?: { channel: string; ts: string };
  view?: ViewLike;
  home?: boolean;
}

/** The block_actions payload of a button click in a message (DM), a modal or App Home. */
export function clickPayload(fake: FakeSlackApi, userId: string, action: { action_id: string; value?: string; block_id?: string }, where: ClickTarget = {}): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: fake.teamId },
    api_app_id: 'AZORG',
    token: 'legacy',
    trigger_id: trigger(),
    team: { id: fake.teamId, domain: 'school' },
    is_enterprise_install: false,
    actions: [{ type: 'button', action_id: action.action_id, block_id: action.block_id ?? 'b', value: action.value, action_ts: String(Date.now() / 1000) }],
  };
  if (where.message) {
    payload.container = { type: 'message', message_ts: where.message.ts, channel_id: where.message.channel, is_ephemeral: false };
    payload.channel = { id: where.message.channel, name: 'directmessage' };
    payload.message = { ts: where.message.ts, type: 'message' };
    payload.response_url = fake.responseUrl(`click-${where.message.ts}`);
  } else if (where.view) {
    payload.container = { type: 'view', view_id: where.view.id };
    payload.view = { ...where.view, state: { values: {} }, root_view_id: where.view.root_view_id ?? where.view.id };
  } else if (where.home) {
    payload.container = { type: 'view', view_id: 'VHOME' };
    payload.view = { id: 'VHOME', type: 'home', blocks: [], state: { values: {} } };
  }
  return payload;
}

/** A button click in a message (DM) or in a modal. */
export async function click(
  h: Pick<SlackHarness, 'fake' | 'url'>,
  userId: string,
  action: { action_id: string; value?: string; block_id?: string },
  where: ClickTarget = {},
  headers: Record<string, string> = {},
): Promise<SlackResponse> {
  return postToSlackEndpoint(h.url, interactionBody(clickPayload(h.fake, userId, action, where)), 'application/x-www-form-urlencoded', headers);
}

type Input = { block_id: string; element: Record<string, unknown> };
type StateValue = Record<string, unknown>;

function optionText(o: unknown): { text: { type: string; text: string }; value: string } {
  return o as { text: { type: string; text: string }; value: string };
}

/**
 * The state Slack would submit for a view: every input block with either the test's value or
 * the element's initial value (as Slack pre-fills them). Values: a string (text, select, radio —
 * the option value), a string[] (checkboxes, multi-selects, users), a number (datetimepicker,
 * unix seconds), or null to leave the input empty.
 */
export function viewState(view: ViewLike, values: Record<string, string | string[] | number | null> = {}): Record<string, Record<string, StateValue>> {
  const state: Record<string, Record<string, StateValue>> = {};
  const inputs = view.blocks.filter((b) => b.type === 'input') as unknown as Input[];
  for (const block of inputs) {
    const el = block.element;
    const type = String(el.type);
    const actionId = String(el.action_id);
    const given = Object.prototype.hasOwnProperty.call(values, block.block_id) ? values[block.block_id] : undefined;
    const useInitial = !Object.prototype.hasOwnProperty.call(values, block.block_id);
    const options = ((el.options as unknown[]) ?? (el.option_groups as { options: unknown[] }[] | undefined)?.flatMap((g) => g.options) ?? []).map(optionText);
    const find = (v: string) => {
      const o = options.find((x) => x.value === v);
      if (!o && type !== 'external_select') throw new Error(`no option "${v}" in ${block.block_id}`);
      return o ?? { text: { type: 'plain_text', text: v }, value: v };
    };
    let s: StateValue;
    switch (type) {
      case 'radio_buttons':
      case 'static_select':
      case 'external_select':
        s = { type, selected_option: useInitial ? (el.initial_option ?? null) : given === null ? null : find(String(given)) };
        break;
      case 'checkboxes':
      case 'multi_static_select':
        s = { type, selected_options: useInitial ? (el.initial_options ?? []) : ((given as string[] | null) ?? []).map(find) };
        break;
      case 'plain_text_input':
      case 'number_input':
        s = { type, value: useInitial ? (el.initial_value ?? null) : given === null ? null : String(given) };
        break;
      case 'conversations_select':
        s = { type, selected_conversation: useInitial ? (el.initial_conversation ?? null) : given };
        break;
      case 'multi_users_select':
        s = { type, selected_users: useInitial ? (el.initial_users ?? []) : given };
        break;
      case 'datetimepicker':
        s = { type, selected_date_time: useInitial ? (el.initial_date_time ?? null) : given };
        break;
      case 'users_select':
        s = { type, selected_user: useInitial ? (el.initial_user ?? null) : given };
        break;
      case 'datepicker':
        s = { type, selected_date: useInitial ? (el.initial_date ?? null) : given };
        break;
      default:
        throw new Error(`viewState: unsupported element ${type}`);
    }
    state[block.block_id] = { [actionId]: s };
  }
  return state;
}

/** Submits a view as Slack does (a view_submission payload), with the given input values. */
export async function submitView(
  h: Pick<SlackHarness, 'fake' | 'url'>,
  userId: string,
  view: ViewLike,
  values: Record<string, string | string[] | number | null> = {},
  headers: Record<string, string> = {},
): Promise<SlackResponse> {
  const payload = viewSubmissionPayload(h.fake, userId, view, viewState(view, values));
  return postToSlackEndpoint(h.url, interactionBody(payload), 'application/x-www-form-urlencoded', headers);
}

export function viewSubmissionPayload(fake: FakeSlackApi, userId: string, view: ViewLike, values: Record<string, Record<string, StateValue>>): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: fake.teamId, domain: 'school' },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: fake.teamId },
    api_app_id: 'AZORG',
    token: 'legacy',
    trigger_id: trigger(),
    is_enterprise_install: false,
    response_urls: [],
    view: {
      type: 'modal',
      team_id: fake.teamId,
      app_id: 'AZORG',
      root_view_id: view.root_view_id ?? view.id,
      previous_view_id: null,
      ...view,
      state: { values },
    },
  };
}

/** An Events API callback (e.g. app_home_opened). */
export async function sendEvent(h: Pick<SlackHarness, 'fake' | 'url'>, event: Record<string, unknown>, eventId: string, headers: Record<string, string> = {}): Promise<SlackResponse> {
  const body = JSON.stringify({ token: 'legacy', team_id: h.fake.teamId, api_app_id: 'AZORG', event: { event_ts: String(Date.now() / 1000), ...event }, type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000) });
  return postToSlackEndpoint(h.url, body, 'application/json', headers);
}

/** Waits until `check` returns something truthy (the app works after its acks, and the scheduler polls). */
export async function eventually<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** The view a views.open / views.update / views.push / views.publish call carried, with the id and hash the fake gave it. */
export function openedView(fake: FakeSlackApi, method: 'views.open' | 'views.update' | 'views.push' | 'views.publish', index = -1): ViewLike {
  const calls = fake.callsOf(method);
  const call = calls[index < 0 ? calls.length + index : index];
  if (!call) throw new Error(`no ${method} call`);
  const answered = (call.result?.view ?? {}) as Record<string, unknown>;
  return { ...(call.params.view as object), id: String(answered.id), hash: String(answered.hash), blocks: ((call.params.view as Record<string, unknown>).blocks as Record<string, unknown>[]) ?? [] } as ViewLike;
}

/** The view Slack would show after an ack with `response_action: update` (same id, new hash). */
export function updatedView(previous: ViewLike, ack: unknown): ViewLike {
  const body = ack as { response_action?: string; view?: Record<string, unknown> };
  if (body?.response_action !== 'update' || !body.view) throw new Error(`expected response_action update, got ${JSON.stringify(body).slice(0, 300)}`);
  return { ...body.view, id: previous.id, hash: `${previous.hash ?? 'h'}+`, root_view_id: previous.root_view_id ?? previous.id, blocks: (body.view.blocks as Record<string, unknown>[]) ?? [] } as ViewLike;
}
