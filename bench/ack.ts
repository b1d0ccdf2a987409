/**
 * `npm run bench -- ack`: how fast Slack gets its answer. The real app (buildApp + Bolt over HTTP
 * + the scheduler, as in test/slack/harness.ts) on the in-process MongoDB stand-in on a worker
 * thread (as `serve` runs it), with a fake Slack Web API on loopback. ACK_USERS colleagues
 * (default 250: 2,000 submissions) answer the whole default questionnaire, ACK_CONCURRENCY (default 50) at a time:
 * each clicks Start in their invitation and submits every page of every section.
 *
 * The baseline, measured in the same run: a bare Bolt app (the same ExpressReceiver setup) with
 * one listener that only acks, sent the same signed view submissions and clicks, 50 at a time.
 *
 * Prints: ack time p50/p99 of view_submission and block_actions for both, their ratio (goal
 * ≤ 1.5 × bare Bolt, never past Slack's 3 s), the delay from a Start click to the app's
 * views.open (trigger ids expire after 3 s; goal p99 < 1 s) with the click rate reached, and the
 * process RSS after all submissions (goal ≤ 300 MB).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { App, ExpressReceiver } from '@slack/bolt';
import { defaultTenantSettings } from '../src/core/tenant';
import { makeRound } from '../src/core/testing/fixtures';
import { loadQuestionnaire } from '../src/core/questionnaire/load';
import { ACTIONS } from '../src/slack/ids';
import { encodeActionValue } from '../src/slack/schema';
import { startEmbeddedMongoThread } from './support/embedded-mongo-thread';
import { TEST_MONGODB_URI_VAR } from '../test/support/mongo';
import {
  BOT_TOKEN,
  click,
  interactionBody,
  openedView,
  postToSlackEndpoint,
  SIGNING_SECRET,
  START,
  startSlackHarness,
  updatedView,
  viewState,
  viewSubmissionPayload,
  type SlackHarness,
  type ViewLike,
} from '../test/slack/harness';

// 250 colleagues × 8 one-page sections = the issue's 2,000 answer submissions.
const USERS = Number(process.env.ACK_USERS ?? 250);
const CONCURRENCY = Number(process.env.ACK_CONCURRENCY ?? 50);
const CLICKS_PER_SECOND = Number(process.env.ACK_CLICK_RATE ?? 50);

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;

/** Runs `task` for every item, `limit` at a time. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

/** Answers for every input of a page: a scale point that varies per person and item, open questions mostly empty. */
function answersFor(view: ViewLike, person: number): Record<string, string | string[] | null> {
  const values: Record<string, string | string[] | null> = {};
  view.blocks.filter((b) => b.type === 'input').forEach((block, i) => {
    const el = block.element as { type: string; options?: { value: string }[] };
    const id = String(block.block_id);
    if (el.type === 'radio_buttons' && el.options?.length) values[id] = el.options[(person + i) % el.options.length]!.value;
    else if (el.type === 'plain_text_input') values[id] = (person + i) % 5 === 0 ? `Antwoord ${person}: meer overleg met het CLB over leerlingen met zorgnoden.` : '';
    else if (el.type === 'static_select' || el.type === 'number_input') values[id] = null;
    else if (el.type === 'checkboxes' || el.type === 'multi_static_select') values[id] = [];
  });
  return values;
}

interface Recorded {
  submissions: { ms: number; body: string }[];
  clicks: { ms: number; body: string }[];
  viewsOpenDelays: number[];
  clickRate: number;
  failures: string[];
}

async function runProduct(h: SlackHarness, roundId: string, users: string[]): Promise<Recorded> {
  const rec: Recorded = { submissions: [], clicks: [], viewsOpenDelays: [], clickRate: 0, failures: [] };
  // Start clicks first, at CLICKS_PER_SECOND: every one must reach views.open within the trigger's 3 s.
  const firstViews = new Map<string, ViewLike>();
  const clickStarted = performance.now();
  await Promise.all(
    users.map(async (userId, i) => {
      await new Promise((r) => setTimeout(r, (i * 1000) / CLICKS_PER_SECOND));
      const opens = () => h.fake.callsOf('views.open').filter((c) => (c.params as { trigger_id?: string }).trigger_id === triggerOf(userId));
      const sent = Date.now();
      const t0 = performance.now();
      const res = await click(h, userId, { action_id: ACTIONS.start, value: encodeActionValue({ r: roundId }) }, { message: { channel: h.fake.dmChannelOf(userId), ts: `1772442000.${String(i).padStart(6, '0')}` } });
      rec.clicks.push({ ms: performance.now() - t0, body: '' });
      if (res.status !== 200) rec.failures.push(`click ${userId}: HTTP ${res.status}`);
      const deadline = Date.now() + 30_000;
      while (opens().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const call = opens()[0];
      if (!call) return void rec.failures.push(`no views.open for ${userId}`);
      rec.viewsOpenDelays.push(call.at - sent);
      const index = h.fake.callsOf('views.open').indexOf(call);
      firstViews.set(userId, openedView(h.fake, 'views.open', index));
    }),
  );
  rec.clickRate = users.length / ((performance.now() - clickStarted) / 1000);

  await pool(users, CONCURRENCY, async (userId) => {
    const person = users.indexOf(userId);
    let view = firstViews.get(userId);
    for (let page = 0; view && view.callback_id === 'zs_section' && page < 60; page++) {
      const body = interactionBody(viewSubmissionPayload(h.fake, userId, view, viewState(view, answersFor(view, person))));
      const t0 = performance.now();
      const res = await postToSlackEndpoint(h.url, body, 'application/x-www-form-urlencoded');
      rec.submissions.push({ ms: performance.now() - t0, body });
      const ack = res.body as { response_action?: string } | undefined;
      if (ack?.response_action !== 'update') {
        rec.failures.push(`${userId} page ${page}: ${res.text.slice(0, 200)}`);
        return;
      }
      view = updatedView(view, res.body);
    }
    if (view?.callback_id !== 'zs_review') rec.failures.push(`${userId} did not reach the review`);
  });
  return rec;
}

// The harness numbers triggers itself; the bench finds a click's views.open by the trigger it sent.
const triggers = new Map<string, string>();
function triggerOf(userId: string): string | undefined {
  return triggers.get(userId);
}

/** The bare Bolt app: same receiver setup as src/slack, one listener per kind that only acks. */
async function startBareBolt(slackApiUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const receiver = new ExpressReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events', processBeforeResponse: false });
  const app = new App({ receiver, token: BOT_TOKEN, convoStore: false, deferInitialization: true, clientOptions: { slackApiUrl } });
  await app.init();
  app.view(/.*/, async ({ ack }) => {
    await ack();
  });
  app.action(/.*/, async ({ ack }) => {
    await ack();
  });
  const server = http.createServer(receiver.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function replay(url: string, bodies: string[]): Promise<number[]> {
  const times: number[] = [];
  await pool(bodies, CONCURRENCY, async (body) => {
    const t0 = performance.now();
    const res = await postToSlackEndpoint(url, body, 'application/x-www-form-urlencoded');
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`bare Bolt answered HTTP ${res.status}`);
  });
  return times;
}

async function main(): Promise<void> {
  const db = await startEmbeddedMongoThread();
  process.env[TEST_MONGODB_URI_VAR] = db.uri;
  // The scheduler polls as in production (every second), not every 20 ms as in the tests.
  const h = await startSlackHarness(undefined, { pollIntervalMs: 1_000 });
  const users = Array.from({ length: USERS }, (_, i) => `UB${String(i + 1).padStart(4, '0')}`);
  for (const id of users) h.fake.addUser({ id, locale: 'nl-BE' });
  const tenantId = `slack:${h.fake.teamId}`;
  await h.db.repos.tenants.ensure({ id: tenantId, platform: 'slack', externalId: h.fake.teamId, settings: defaultTenantSettings({ coordinators: ['UCOORD'] }) }, START);
  const questionnaire = loadQuestionnaire();
  const round = makeRound({
    id: 'bench-ack-round',
    tenantId,
    questionnaire,
    dimensionIds: questionnaire.dimensions.map((d) => d.id),
    state: 'open',
    opensAt: new Date(START.getTime() - 3_600_000),
    openedAt: new Date(START.getTime() - 3_600_000),
    closesAt: new Date(START.getTime() + 14 * 86_400_000),
  });
  await h.db.repos.rounds.insert(round);
  await h.db.repos.participations.invite(round.id, tenantId, users, START);
  await h.db.db.collection('participations').updateMany({ roundId: round.id }, { $set: { status: 'delivered' } });

  // Each Start click's trigger id (to find the views.open it leads to) and body (for the baseline).
  const bodiesSeen: string[] = [];
  const product = await runProductTagged(h, round.id, users, bodiesSeen);
  const rssAfter = process.memoryUsage().rss / 2 ** 20;

  const bare = await startBareBolt(h.fake.apiUrl);
  const bareSubmissions = await replay(bare.url, product.submissions.map((s) => s.body));
  const bareClicks = await replay(bare.url, bodiesSeen);
  await bare.stop();

  const sub = product.submissions.map((s) => s.ms);
  const clicks = product.clicks.map((c) => c.ms);
  const past3s = sub.filter((x) => x >= 3_000).length;
  const lines = [
    `ack: ${USERS} colleagues answer the default questionnaire in Slack (all 7 dimensions, detailed, reflection), ${CONCURRENCY} at a time; database: in-process stand-in on a worker thread; machine load average ${require('node:os').loadavg()[0].toFixed(1)} on ${require('node:os').cpus().length} cores`,
    `view_submission ack: p50 ${ms(percentile(sub, 50))}, p99 ${ms(percentile(sub, 99))}, max ${ms(Math.max(...sub))} over ${sub.length} submissions; past 3 s: ${past3s}`,
    `  bare Bolt, same ${bareSubmissions.length} bodies: p50 ${ms(percentile(bareSubmissions, 50))}, p99 ${ms(percentile(bareSubmissions, 99))}`,
    `  ratio p99: ${(percentile(sub, 99) / percentile(bareSubmissions, 99)).toFixed(2)} × bare Bolt (goal ≤ 1.5, never past 3 s)`,
    `block_actions (Start) ack: p50 ${ms(percentile(clicks, 50))}, p99 ${ms(percentile(clicks, 99))}; bare Bolt p50 ${ms(percentile(bareClicks, 50))}, p99 ${ms(percentile(bareClicks, 99))}; ratio p99 ${(percentile(clicks, 99) / percentile(bareClicks, 99)).toFixed(2)} (goal ≤ 1.5)`,
    `views.open after a Start click, ${product.clickRate.toFixed(0)} clicks/s: p50 ${ms(percentile(product.viewsOpenDelays, 50))}, p99 ${ms(percentile(product.viewsOpenDelays, 99))} (goal p99 < 1 s; trigger ids expire after 3 s)`,
    `process RSS after ${sub.length} submissions: ${rssAfter.toFixed(0)} MB (app and database threads; goal ≤ 300 MB)`,
    `failures: ${product.failures.length}${product.failures.length ? ` — ${product.failures.slice(0, 3).join(' | ')}` : ''}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  await h.close();
  await db.stop();
  if (product.failures.length) process.exitCode = 1;
}

/** runProduct with a known trigger id per click, and the click bodies kept for the baseline. */
async function runProductTagged(h: SlackHarness, roundId: string, users: string[], clickBodies: string[]): Promise<Recorded> {
  const fetchBefore = globalThis.fetch;
  // The harness' click() posts through fetch: note each Start click's trigger id and body.
  globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    if (typeof init?.body === 'string' && init.body.startsWith('payload=')) {
      const payload = JSON.parse(new URLSearchParams(init.body).get('payload') ?? '{}') as { type?: string; trigger_id?: string; user?: { id?: string } };
      if (payload.type === 'block_actions' && payload.user?.id && payload.trigger_id) {
        triggers.set(payload.user.id, payload.trigger_id);
        clickBodies.push(init.body);
      }
    }
    return fetchBefore(input, init);
  }) as typeof fetch;
  try {
    return await runProduct(h, roundId, users);
  } finally {
    globalThis.fetch = fetchBefore;
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
