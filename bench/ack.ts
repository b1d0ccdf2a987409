/**
 * `npm run bench -- ack`: how fast Slack gets its answer, and how much memory the app keeps.
 *
 * Three processes, so that what is measured is the app's alone:
 * - the app (ACK_ROLE=app): buildApp + Bolt over HTTP + the scheduler (as test/slack/harness.ts),
 *   the in-process MongoDB stand-in on a worker thread (as `serve` runs it), started with the
 *   same V8 flags as production `serve` (bin/node-flags.js);
 * - the baseline (ACK_ROLE=bare): a bare Bolt app (the same ExpressReceiver setup) with one
 *   listener per kind that only acks, started with the same flags;
 * - the floor (ACK_ROLE=floor): the same bare Bolt app whose view listener does the least a
 *   durable answer needs — one upsert of the submitted values into MongoDB (the same stand-in on a
 *   worker thread, the product's driver options), then an ack with a form of the same size (the
 *   submitted page's own blocks) — so the bench shows how far any implementation that stores an
 *   answer before acknowledging it can get from the bare baseline on this machine;
 * - this process, the client: the fake Slack Web API, and the colleagues who click and submit,
 *   signing and encoding every body here, not in the process being measured.
 *
 * ACK_USERS colleagues (default 250: 2,000 submissions) answer the whole default questionnaire,
 * ACK_CONCURRENCY (default 50) at a time: each clicks Start in their invitation and submits every
 * page of every section. The colleagues come in ACK_CHUNKS groups (default 2); after each group
 * the bare Bolt app gets that group's very bodies, at the same concurrency — interleaved, so a
 * change in machine load hits both.
 *
 * Prints: ack time p50/p99 of view_submission and block_actions for both, their ratio (goal
 * ≤ 1.5 × bare Bolt, never past Slack's 3 s), the delay from a Start click to the app's
 * views.open (trigger ids expire after 3 s; goal p99 < 1 s), each server process's RSS after all
 * submissions (goal ≤ 300 MB) and how busy its main thread was while it was being sent requests,
 * and how busy the client was meanwhile (a saturated client would measure its own delays).
 * ACK_NODE_FLAGS replaces both servers' V8 flags (ACK_NODE_FLAGS= for node's defaults);
 * ACK_APP_NODE_FLAGS adds node flags to the app process (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`;
 * `--expose-gc` also prints the heap still live after a full collection, before and after traffic).
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { App, ExpressReceiver } from '@slack/bolt';
import { MongoClient } from 'mongodb';
import { mongoClientOptions } from '../src/store/connect';
import { defaultTenantSettings } from '../src/core/tenant';
import { makeRound } from '../src/core/testing/fixtures';
import { loadQuestionnaire } from '../src/core/questionnaire/load';
import { ACTIONS } from '../src/slack/ids';
import { encodeActionValue } from '../src/slack/schema';
import { startEmbeddedMongoThread } from './support/embedded-mongo-thread';
import { TEST_MONGODB_URI_VAR } from '../test/support/mongo';
import { FakeSlackApi } from '../test/slack/fake-slack-api';
import {
  BOT_TOKEN,
  clickPayload,
  interactionBody,
  openedView,
  postToSlackEndpoint,
  SIGNING_SECRET,
  START,
  startSlackHarness,
  updatedView,
  viewState,
  viewSubmissionPayload,
  type ViewLike,
} from '../test/slack/harness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serveNodeFlags: productionFlags } = require('../bin/node-flags.js') as { serveNodeFlags: string[] };
/** The V8 flags of both server processes: production `serve`'s, or ACK_NODE_FLAGS (e.g. '' for node's defaults). */
const serveNodeFlags = process.env.ACK_NODE_FLAGS !== undefined ? process.env.ACK_NODE_FLAGS.split(' ').filter(Boolean) : productionFlags;

// 250 colleagues × 8 one-page sections = the issue's 2,000 answer submissions.
const USERS = Number(process.env.ACK_USERS ?? 250);
const CONCURRENCY = Number(process.env.ACK_CONCURRENCY ?? 50);
const CLICKS_PER_SECOND = Number(process.env.ACK_CLICK_RATE ?? 50);
const CHUNKS = Math.max(1, Number(process.env.ACK_CHUNKS ?? 2));
const ROUND_ID = 'bench-ack-round';

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** Runs `task` for every item, `limit` at a time. */
/** How busy this (the client's) event loop was while `work` ran, added up over every call. */
class ClientBusy {
  private active = 0;
  private total = 0;
  async during<T>(work: () => Promise<T>): Promise<T> {
    const before = performance.eventLoopUtilization();
    try {
      return await work();
    } finally {
      const used = performance.eventLoopUtilization(before);
      this.active += used.active;
      this.total += used.active + used.idle;
    }
  }
  get share(): string {
    return `${((this.active / Math.max(this.total, 1)) * 100).toFixed(0)} %`;
  }
}

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

// ---------------------------------------------------------------------------------------------
// The measured processes: each reports `ready` with its URL, then answers `report` with its RSS
// and event-loop utilisation since the previous `report`, and exits on `stop`.

interface Report { rss: number; heapUsed: number; elu: number; /** Main thread busy (ms) and process CPU, all threads (ms), since the previous report. */ busyMs: number; cpuMs: number; /** With --expose-gc: the heap still in use after a full collection, i.e. what is really kept. */ liveHeap?: number }
type ToParent = { type: 'ready'; url: string } | { type: 'report'; report: Report };

function serveReports(stop: () => Promise<void>): void {
  let elu = performance.eventLoopUtilization();
  let cpu = process.cpuUsage();
  process.on('message', (msg: { type: string; gc?: boolean }) => {
    if (msg.type === 'report') {
      const now = performance.eventLoopUtilization(elu);
      elu = performance.eventLoopUtilization();
      const used = process.cpuUsage(cpu);
      cpu = process.cpuUsage();
      const mem = process.memoryUsage();
      const gc = msg.gc === false ? undefined : (globalThis as { gc?: () => void }).gc;
      gc?.();
      const liveHeap = gc ? process.memoryUsage().heapUsed : undefined;
      process.send!({ type: 'report', report: { rss: mem.rss, heapUsed: mem.heapUsed, elu: now.utilization, busyMs: now.active, cpuMs: (used.user + used.system) / 1000, liveHeap } } satisfies ToParent);
    } else if (msg.type === 'stop') {
      void stop().finally(() => process.exit(0));
    }
  });
}

async function runAppProcess(): Promise<void> {
  const db = await startEmbeddedMongoThread();
  process.env[TEST_MONGODB_URI_VAR] = db.uri;
  // Slack is the client process' fake; the scheduler polls as in production (every second).
  const h = await startSlackHarness(undefined, { pollIntervalMs: 1_000, env: { SLACK_API_URL: process.env.ACK_SLACK_API_URL } });
  const users = JSON.parse(process.env.ACK_USER_IDS ?? '[]') as string[];
  const tenantId = `slack:${h.fake.teamId}`;
  await h.db.repos.tenants.ensure({ id: tenantId, platform: 'slack', externalId: h.fake.teamId, settings: defaultTenantSettings({ coordinators: ['UCOORD'] }) }, START);
  const questionnaire = loadQuestionnaire();
  const round = makeRound({
    id: ROUND_ID,
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
  serveReports(async () => {
    await h.close();
    await db.stop();
  });
  process.send!({ type: 'ready', url: h.url } satisfies ToParent);
}

async function runBareProcess(): Promise<void> {
  const receiver = new ExpressReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events', processBeforeResponse: false });
  const app = new App({ receiver, token: BOT_TOKEN, convoStore: false, deferInitialization: true, clientOptions: { slackApiUrl: process.env.ACK_SLACK_API_URL } });
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
  serveReports(() => new Promise<void>((resolve) => server.close(() => resolve())));
  process.send!({ type: 'ready', url: `http://127.0.0.1:${port}` } satisfies ToParent);
}

/**
 * The least a durable answer costs: Bolt, one upsert of the page's values, an ack carrying a
 * form as large as the next page. No questionnaire, no validation, no follow-ups.
 */
async function runFloorProcess(): Promise<void> {
  const db = await startEmbeddedMongoThread();
  const client = new MongoClient(db.uri, mongoClientOptions(db.uri));
  await client.connect();
  const answers = client.db('zs_bench_floor').collection<{ _id: string; values: unknown }>('answers');
  const receiver = new ExpressReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events', processBeforeResponse: false });
  const app = new App({ receiver, token: BOT_TOKEN, convoStore: false, deferInitialization: true, clientOptions: { slackApiUrl: process.env.ACK_SLACK_API_URL } });
  await app.init();
  app.view(/.*/, async ({ ack, body, view }) => {
    await answers.updateOne({ _id: `${body.user.id}\u0000${view.private_metadata}` }, { $set: { values: view.state.values } }, { upsert: true });
    await ack({ response_action: 'update', view: { type: 'modal', callback_id: view.callback_id, title: view.title, submit: view.submit ?? undefined, close: view.close ?? undefined, private_metadata: view.private_metadata, blocks: view.blocks } });
  });
  app.action(/.*/, async ({ ack }) => {
    await ack();
  });
  const server = http.createServer(receiver.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  serveReports(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await client.close();
    await db.stop();
  });
  process.send!({ type: 'ready', url: `http://127.0.0.1:${port}` } satisfies ToParent);
}

// ---------------------------------------------------------------------------------------------
// The client.

class Measured {
  private constructor(private readonly child: ChildProcess, readonly url: string) {}

  static async start(role: 'app' | 'bare' | 'floor', env: Record<string, string>, extraFlags: string[] = []): Promise<Measured> {
    const child = fork(__filename, [], {
      env: { ...process.env, ...env, ACK_ROLE: role },
      execArgv: ['--require', 'tsx/cjs', ...serveNodeFlags, ...extraFlags],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (m: ToParent) => (m.type === 'ready' ? resolve(m.url) : reject(new Error(`unexpected ${m.type}`))));
      child.once('exit', (code) => reject(new Error(`${role} process exited with ${code}`)));
    });
    return new Measured(child, url);
  }

  /** Figures since the previous report; `gc: false` skips the full collection --expose-gc makes (between phases). */
  report(gc = true): Promise<Report> {
    return new Promise((resolve) => {
      this.child.once('message', (m: ToParent) => m.type === 'report' && resolve(m.report));
      this.child.send({ type: 'report', gc });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.send({ type: 'stop' });
    });
  }
}

/**
 * One server's reports added up from the start of traffic: all the work it did (follow-ups after
 * its phases included), and how busy its main thread was while it was being sent requests.
 */
class Tally {
  busyMs = 0;
  cpuMs = 0;
  private phaseBusyMs = 0;
  private phaseMs = 0;
  constructor(private readonly server: Measured) {}

  async phase(work: () => Promise<void>): Promise<void> {
    this.add(await this.server.report(false));
    const started = performance.now();
    await work();
    const during = await this.server.report(false);
    this.add(during);
    this.phaseBusyMs += during.busyMs;
    this.phaseMs += performance.now() - started;
  }

  add(report: Report): void {
    this.busyMs += report.busyMs;
    this.cpuMs += report.cpuMs;
  }

  get busyWhileSent(): string {
    return `${((this.phaseBusyMs / Math.max(this.phaseMs, 1)) * 100).toFixed(0)} %`;
  }
}

interface Recorded {
  submissions: number[];
  submissionBodies: string[];
  clicks: number[];
  clickBodies: string[];
  viewsOpenDelays: number[];
  clickSeconds: number;
  failures: string[];
}

async function runColleagues(fake: FakeSlackApi, url: string, users: string[], firstIndex: number, rec: Recorded, busy: ClientBusy): Promise<void> {
  // Start clicks first, at CLICKS_PER_SECOND: every one must reach views.open within the trigger's 3 s.
  const firstViews = new Map<string, ViewLike>();
  const clickStarted = performance.now();
  await Promise.all(
    users.map(async (userId, i) => {
      await new Promise((r) => setTimeout(r, (i * 1000) / CLICKS_PER_SECOND));
      const index = firstIndex + i;
      const payload = clickPayload(fake, userId, { action_id: ACTIONS.start, value: encodeActionValue({ r: ROUND_ID }) }, { message: { channel: fake.dmChannelOf(userId), ts: `1772442000.${String(index).padStart(6, '0')}` } });
      const body = interactionBody(payload);
      const opens = () => fake.calls.findIndex((c) => c.method === 'views.open' && (c.params as { trigger_id?: string }).trigger_id === payload.trigger_id);
      const sent = Date.now();
      const t0 = performance.now();
      const res = await postToSlackEndpoint(url, body, 'application/x-www-form-urlencoded');
      rec.clicks.push(performance.now() - t0);
      rec.clickBodies.push(body);
      if (res.status !== 200) rec.failures.push(`click ${userId}: HTTP ${res.status}`);
      const deadline = Date.now() + 30_000;
      while (opens() < 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const at = opens();
      if (at < 0) return void rec.failures.push(`no views.open for ${userId}`);
      rec.viewsOpenDelays.push(fake.calls[at]!.at - sent);
      const nth = fake.calls.slice(0, at + 1).filter((c) => c.method === 'views.open').length - 1;
      firstViews.set(userId, openedView(fake, 'views.open', nth));
    }),
  );
  rec.clickSeconds += (performance.now() - clickStarted) / 1000;

  await busy.during(() => pool(users, CONCURRENCY, async (userId) => {
    const person = firstIndex + users.indexOf(userId);
    let view = firstViews.get(userId);
    for (let page = 0; view && view.callback_id === 'zs_section' && page < 60; page++) {
      const body = interactionBody(viewSubmissionPayload(fake, userId, view, viewState(view, answersFor(view, person))));
      const t0 = performance.now();
      const res = await postToSlackEndpoint(url, body, 'application/x-www-form-urlencoded');
      rec.submissions.push(performance.now() - t0);
      rec.submissionBodies.push(body);
      const ack = res.body as { response_action?: string } | undefined;
      if (ack?.response_action !== 'update') {
        rec.failures.push(`${userId} page ${page}: ${res.text.slice(0, 200)}`);
        return;
      }
      view = updatedView(view, res.body);
    }
    if (view?.callback_id !== 'zs_review') rec.failures.push(`${userId} did not reach the review`);
  }));
}

async function replay(url: string, bodies: string[], into: number[]): Promise<void> {
  await pool(bodies, CONCURRENCY, async (body) => {
    const t0 = performance.now();
    const res = await postToSlackEndpoint(url, body, 'application/x-www-form-urlencoded');
    into.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`bare Bolt answered HTTP ${res.status}`);
  });
}

async function runClient(): Promise<void> {
  const fake = new FakeSlackApi();
  await fake.start();
  const users = Array.from({ length: USERS }, (_, i) => `UB${String(i + 1).padStart(4, '0')}`);
  for (const id of users) fake.addUser({ id, locale: 'nl-BE' });
  const loadBefore = os.loadavg()[0]!;
  const extraFlags = (process.env.ACK_APP_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const app = await Measured.start('app', { ACK_SLACK_API_URL: fake.apiUrl, ACK_USER_IDS: JSON.stringify(users) }, extraFlags);
  const bare = await Measured.start('bare', { ACK_SLACK_API_URL: fake.apiUrl });
  const floor = await Measured.start('floor', { ACK_SLACK_API_URL: fake.apiUrl });
  const [appIdle, bareIdle] = [await app.report(), await bare.report()];
  await floor.report();

  const product: Recorded = { submissions: [], submissionBodies: [], clicks: [], clickBodies: [], viewsOpenDelays: [], clickSeconds: 0, failures: [] };
  const bareSubmissions: number[] = [];
  const bareClicks: number[] = [];
  const floorSubmissions: number[] = [];
  const floorClicks: number[] = [];
  const clientBusy = { app: new ClientBusy(), bare: new ClientBusy(), floor: new ClientBusy() };
  const tally = { app: new Tally(app), bare: new Tally(bare), floor: new Tally(floor) };
  const chunk = Math.ceil(users.length / CHUNKS);
  for (let from = 0; from < users.length; from += chunk) {
    const sentBefore = { subs: product.submissionBodies.length, clicks: product.clickBodies.length };
    await tally.app.phase(() => runColleagues(fake, app.url, users.slice(from, from + chunk), from, product, clientBusy.app));
    await tally.bare.phase(async () => {
      await replay(bare.url, product.clickBodies.slice(sentBefore.clicks), bareClicks);
      await clientBusy.bare.during(() => replay(bare.url, product.submissionBodies.slice(sentBefore.subs), bareSubmissions));
    });
    await tally.floor.phase(async () => {
      await replay(floor.url, product.clickBodies.slice(sentBefore.clicks), floorClicks);
      await clientBusy.floor.during(() => replay(floor.url, product.submissionBodies.slice(sentBefore.subs), floorSubmissions));
    });
  }
  const [appAfter, bareAfter, floorAfter] = [await app.report(), await bare.report(), await floor.report()];
  tally.app.add(appAfter);
  tally.bare.add(bareAfter);
  tally.floor.add(floorAfter);
  const loadAfter = os.loadavg()[0]!;
  await app.stop();
  await bare.stop();
  await floor.stop();
  await fake.stop();

  const sub = product.submissions;
  const clicks = product.clicks;
  const past3s = sub.filter((x) => x >= 3_000).length;
  const ratio = (a: number[], b: number[], p: number) => (percentile(a, p) / percentile(b, p)).toFixed(2);
  const lines = [
    `ack: ${USERS} colleagues answer the default questionnaire in Slack (all 7 dimensions, detailed, reflection), ${CONCURRENCY} at a time, in ${CHUNKS} groups interleaved with the bare Bolt baseline; client, app, baseline and floor in separate processes (node ${serveNodeFlags.join(' ') || 'defaults'}${extraFlags.length ? ` ${extraFlags.join(' ')}` : ''}); database: in-process stand-in on the app's worker thread; machine load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} on ${os.cpus().length} cores`,
    `view_submission ack: p50 ${ms(percentile(sub, 50))}, p99 ${ms(percentile(sub, 99))}, max ${ms(Math.max(...sub))} over ${sub.length} submissions; past 3 s: ${past3s}`,
    `  bare Bolt, same ${bareSubmissions.length} bodies: p50 ${ms(percentile(bareSubmissions, 50))}, p99 ${ms(percentile(bareSubmissions, 99))}, max ${ms(Math.max(...bareSubmissions))}`,
    `  ratio: p50 ${ratio(sub, bareSubmissions, 50)}, p99 ${ratio(sub, bareSubmissions, 99)} × bare Bolt (goal p99 ≤ 1.5, never past 3 s)`,
    `  floor (bare Bolt + one MongoDB upsert of the page's values + an ack with a form of the same size), same bodies: p50 ${ms(percentile(floorSubmissions, 50))}, p99 ${ms(percentile(floorSubmissions, 99))}; ratio p99 ${ratio(floorSubmissions, bareSubmissions, 99)} × bare Bolt; work per request ${(tally.floor.busyMs / (floorSubmissions.length + floorClicks.length)).toFixed(2)} ms main thread, ${(tally.floor.cpuMs / (floorSubmissions.length + floorClicks.length)).toFixed(2)} ms CPU (with the database thread)`,
    `block_actions (Start) ack: p50 ${ms(percentile(clicks, 50))}, p99 ${ms(percentile(clicks, 99))}; bare Bolt p50 ${ms(percentile(bareClicks, 50))}, p99 ${ms(percentile(bareClicks, 99))}; ratio p99 ${ratio(clicks, bareClicks, 99)} (goal ≤ 1.5)`,
    `views.open after a Start click, ${(USERS / product.clickSeconds).toFixed(0)} clicks/s: p50 ${ms(percentile(product.viewsOpenDelays, 50))}, p99 ${ms(percentile(product.viewsOpenDelays, 99))} (goal p99 < 1 s; trigger ids expire after 3 s)`,
    `RSS after ${sub.length} submissions: app ${mb(appAfter.rss)} (app and database threads; before traffic ${mb(appIdle.rss)}; main thread's JS heap in use ${mb(appIdle.heapUsed)} before, ${mb(appAfter.heapUsed)} after${appAfter.liveHeap !== undefined ? `; live after a full GC ${mb(appIdle.liveHeap!)} before, ${mb(appAfter.liveHeap)} after` : ''}), bare Bolt ${mb(bareAfter.rss)} (before ${mb(bareIdle.rss)}); ratio ${(appAfter.rss / bareAfter.rss).toFixed(2)} (goal app ≤ 300 MB)`,
    `main thread busy while it was sent requests: app ${tally.app.busyWhileSent}, bare Bolt ${tally.bare.busyWhileSent}, floor ${tally.floor.busyWhileSent}`,
    // Whether the client itself held the acks back: a client near 100 % would measure its own
    // delays. Building each next body from the app's answer costs it more than replaying bodies.
    `client's event loop busy while sending submissions: to the app ${clientBusy.app.share}, to bare Bolt ${clientBusy.bare.share}, to the floor ${clientBusy.floor.share}`,
    // Less dependent on the machine's load than latency: with 50 requests always waiting, the ack
    // time is about 50 × the main thread's work per request, so this ratio is what the p99 ratio
    // tends to on a quiet machine.
    `work per request (${sub.length + clicks.length} requests, follow-ups included): app main thread ${(tally.app.busyMs / (sub.length + clicks.length)).toFixed(2)} ms, whole process ${(tally.app.cpuMs / (sub.length + clicks.length)).toFixed(2)} ms CPU (with the database thread); bare Bolt ${(tally.bare.busyMs / (bareSubmissions.length + bareClicks.length)).toFixed(2)} ms, ${(tally.bare.cpuMs / (bareSubmissions.length + bareClicks.length)).toFixed(2)} ms CPU; main-thread ratio ${((tally.app.busyMs / (sub.length + clicks.length)) / (tally.bare.busyMs / (bareSubmissions.length + bareClicks.length))).toFixed(2)}`,
    `failures: ${product.failures.length}${product.failures.length ? ` — ${product.failures.slice(0, 3).join(' | ')}` : ''}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  if (product.failures.length) process.exitCode = 1;
}

const role = process.env.ACK_ROLE;
(role === 'app' ? runAppProcess() : role === 'bare' ? runBareProcess() : role === 'floor' ? runFloorProcess() : runClient()).catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
