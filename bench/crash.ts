/**
 * `npm run bench -- crash`: a runner process killed with `kill -9` in the middle of a fan-out.
 *
 * One round to CRASH_RECIPIENTS (default 500) on a database served over TCP (the in-process
 * stand-in on a worker thread here, or MONGODB_URI) and shared by two runner processes
 * (bench/support/crash-runner.ts: the real orchestrator with the production lease, heartbeat and
 * poll). The platform is this process's HTTP endpoint, so a send counts as soon as it arrives,
 * even when its sender dies before recording it. Runner A starts the fan-out; after
 * CRASH_KILL_AFTER sends (default 150) it gets SIGKILL and runner B starts at once.
 *
 * Prints: the time from the kill until the first of A's leased jobs runs again (goal ≤ 15 s),
 * until the last of them is done, duplicates (at most the sends in flight may repeat), lost
 * (must be 0). The baseline in the same run: runner B's own start-up to its first send.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { planRoundJobs } from '../src/core/round-plan';
import { systemClock } from '../src/core/ports';
import { defaultTenantSettings } from '../src/core/tenant';
import { makeRound } from '../src/core/testing/fixtures';
import { COLLECTIONS } from '../src/store/collections';
import { ensureIndexes } from '../src/store/indexes';
import { createRepositories } from '../src/store/repositories';
import { startEmbeddedMongoThread } from '@zorgspiegel/embedded-mongo';

const RECIPIENTS = Number(process.env.CRASH_RECIPIENTS ?? 500);
const KILL_AFTER = Number(process.env.CRASH_KILL_AFTER ?? 150);
const TIMEOUT_MS = 180_000;

interface Send {
  to: string;
  owner: string;
  at: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const embedded = process.env.MONGODB_URI ? undefined : await startEmbeddedMongoThread();
  const uri = process.env.MONGODB_URI ?? embedded!.uri;
  const client = new MongoClient(uri, { ignoreUndefined: true });
  await client.connect();
  const dbName = `zs_bench_crash_${Date.now()}`;
  const db = client.db(dbName);
  await ensureIndexes(db);
  const repos = createRepositories(db);

  // The platform: every send that reaches it, in order, with the runner that made it.
  const sends: Send[] = [];
  const platform = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const { to, owner } = JSON.parse(body) as { to: string; owner: string };
      // A real platform's latency; the send counts on arrival, as a message the user already sees.
      sends.push({ to, owner, at: performance.now() });
      setTimeout(() => res.end(JSON.stringify({ id: `m${sends.length}` })), 5 + Math.random() * 20);
    });
  });
  await new Promise<void>((r) => platform.listen(0, '127.0.0.1', r));
  const platformUrl = `http://127.0.0.1:${(platform.address() as AddressInfo).port}`;

  const now = systemClock.now();
  const tenant = await repos.tenants.ensure(
    {
      id: 'playground:bench',
      platform: 'playground',
      externalId: 'bench',
      settings: defaultTenantSettings({ coordinators: ['U-coord'], quietHours: { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] } }),
    },
    now,
  );
  const round = makeRound({ id: 'bench-round', tenantId: tenant.id, state: 'scheduled', opensAt: now, closesAt: new Date(now.getTime() + 14 * 86_400_000), openedAt: undefined });
  await repos.rounds.insert(round);
  for (const spec of planRoundJobs(round)) await repos.jobs.enqueue(spec, now);

  const runners: ChildProcess[] = [];
  const startRunner = (owner: string): ChildProcess => {
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(__dirname, 'support', 'crash-runner.ts')], {
      env: { ...process.env, CRASH_OWNER: owner, CRASH_RECIPIENTS: String(RECIPIENTS), CRASH_MONGODB_URI: uri, CRASH_DB: dbName, CRASH_PLATFORM_URL: platformUrl },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    runners.push(child);
    return child;
  };
  const jobs = db.collection(COLLECTIONS.jobs);
  try {
    const a = startRunner('runner-A');
    const started = performance.now();
    while (sends.length < KILL_AFTER) {
      if (a.exitCode !== null) throw new Error(`runner A exited with ${a.exitCode} before the kill`);
      if (performance.now() - started > TIMEOUT_MS) throw new Error(`runner A sent ${sends.length} in ${s(TIMEOUT_MS)}`);
      await sleep(5);
    }
    a.kill('SIGKILL');
    const killedAt = performance.now();
    const sentBeforeKill = sends.length;
    await new Promise((r) => (a.exitCode !== null || a.signalCode !== null ? r(undefined) : a.once('exit', r)));
    // What A held when it died: its leases stay in the database until they expire.
    const held = (await jobs.find({ status: 'running', leaseOwner: 'runner-A' }, { projection: { _id: 1, kind: 1 } }).toArray()).map((d) => d._id);
    const sentByAAfterKill = sends.filter((x) => x.owner === 'runner-A').length - sentBeforeKill;

    startRunner('runner-B');
    let firstResumeMs: number | undefined;
    let allResumedMs: number | undefined;
    let firstSendByBMs: number | undefined;
    let counts: Record<string, number> = {};
    while (performance.now() - killedAt < TIMEOUT_MS) {
      await sleep(100);
      const t = performance.now() - killedAt;
      firstSendByBMs ??= sends.find((x) => x.owner === 'runner-B') ? t : undefined;
      if (held.length > 0) {
        const stillA = await jobs.countDocuments({ _id: { $in: held }, status: 'running', leaseOwner: 'runner-A' });
        if (stillA < held.length) firstResumeMs ??= t;
        if (stillA === 0) {
          const open = await jobs.countDocuments({ _id: { $in: held }, status: { $in: ['running', 'pending'] } });
          if (open === 0) allResumedMs ??= t;
        }
      }
      counts = await repos.participations.countByStatus(round.id);
      if ((counts.delivered ?? 0) + (counts.undeliverable ?? 0) >= RECIPIENTS && (held.length === 0 || allResumedMs !== undefined)) break;
    }

    const perRecipient = new Map<string, number>();
    for (const x of sends) perRecipient.set(x.to, (perRecipient.get(x.to) ?? 0) + 1);
    const members = Array.from({ length: RECIPIENTS }, (_, i) => `U${String(i + 1).padStart(5, '0')}`);
    const duplicates = [...perRecipient.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
    const lost = members.filter((m) => !perRecipient.has(m)).length;
    process.stdout.write(
      [
        `crash: ${RECIPIENTS} invitations, two runner processes on one database over TCP (${embedded ? 'in-process stand-in on a worker thread' : 'MONGODB_URI'}); runner A killed with SIGKILL after ${sentBeforeKill} sends, runner B started at once`,
        `runner A held ${held.length} leased jobs at the kill (${sentByAAfterKill} of its sends still arrived after it)`,
        `first of A's jobs running again: ${firstResumeMs === undefined ? 'never' : s(firstResumeMs)} after the kill (goal ≤ 15 s); all of them done: ${allResumedMs === undefined ? 'never' : s(allResumedMs)}`,
        `baseline: runner B's first send ${firstSendByBMs === undefined ? 'never' : s(firstSendByBMs)} after the kill (its own start-up)`,
        `sends: ${sends.length} · recorded delivered: ${counts.delivered ?? 0} · duplicates: ${duplicates} (sends in flight at the kill may repeat: at most ${held.length}) · lost: ${lost}`,
      ].join('\n') + '\n',
    );
    if (lost > 0 || duplicates > held.length || firstResumeMs === undefined) process.exitCode = 1;
  } finally {
    for (const child of runners) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    platform.close();
    await db.dropDatabase().catch(() => undefined);
    await client.close();
    await embedded?.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
