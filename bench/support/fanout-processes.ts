/**
 * `npm run bench -- fanout --processes N`: N bot processes (child processes, each the real job
 * runner, handlers and shared pacing) on one database — the in-process MongoDB stand-in served
 * over TCP from this process's worker thread, or MONGODB_URI — sending to one simulated platform
 * that lives here, so its buckets count every process's sends together, as a real platform does.
 *
 * Prints per tenant: sends per second over the send phase ÷ the allowed rate, the busiest second
 * (at most the platform's bucket), sends over the limit (the platform's 429s for exceeding it),
 * duplicates and lost invitations (both must be 0).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import type { PlatformLimits } from '../../src/core/messenger';
import { systemClock } from '../../src/core/ports';
import { planRoundJobs } from '../../src/core/round-plan';
import { defaultTenantSettings } from '../../src/core/tenant';
import { makeRound } from '../../src/core/testing/fixtures';
import { ensureIndexes } from '../../src/store/indexes';
import { createRepositories } from '../../src/store/repositories';
import { startEmbeddedMongoThread } from './embedded-mongo-thread';
import type { FanoutProcessSettings } from './fanout-process';
import { servePlatforms } from './remote-platform';
import { SimulatedPlatform } from './simulated-platform';

export interface FanoutProcessesOptions {
  processes: number;
  tenants: number;
  recipients: number;
  allowedPerSecond: number;
  injected429Rate: number;
  concurrency: number;
  timeoutMs: number;
}

export async function runFanoutProcesses(o: FanoutProcessesOptions): Promise<void> {
  const embedded = process.env.MONGODB_URI ? undefined : await startEmbeddedMongoThread();
  const uri = process.env.MONGODB_URI ?? embedded!.uri;
  const client = await new MongoClient(uri, { ignoreUndefined: true }).connect();
  const dbName = `zs_bench_fanout_${Date.now()}`;
  const db = client.db(dbName);
  await ensureIndexes(db);
  const repos = createRepositories(db);
  const limits: PlatformLimits = { perConversationPerSecond: 1, perTenantPerSecond: o.allowedPerSecond };

  const now = systemClock.now();
  const perTenant = Math.floor(o.recipients / o.tenants);
  const platforms = new Map<string, SimulatedPlatform>();
  const members: Record<string, string[]> = {};
  const rounds: string[] = [];
  for (let t = 0; t < o.tenants; t++) {
    const tenant = await repos.tenants.ensure(
      {
        id: `playground:bench-${t + 1}`,
        platform: 'playground',
        externalId: `bench-${t + 1}`,
        settings: defaultTenantSettings({ coordinators: ['U-coord'], quietHours: { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] } }),
      },
      now,
    );
    members[tenant.id] = Array.from({ length: perTenant }, (_, i) => `T${t + 1}-U${String(i + 1).padStart(5, '0')}`);
    platforms.set(
      tenant.id,
      new SimulatedPlatform({ limits, burst: o.allowedPerSecond, injected429Rate: o.injected429Rate, retryAfterMs: 1_000, latencyMs: [5, 25], seed: 20260302 + t, members: members[tenant.id]! }),
    );
    const round = makeRound({ id: `bench-round-${t + 1}`, tenantId: tenant.id, state: 'scheduled', opensAt: now, closesAt: new Date(now.getTime() + 14 * 86_400_000), openedAt: undefined });
    await repos.rounds.insert(round);
    for (const spec of planRoundJobs(round)) await repos.jobs.enqueue(spec, now);
    rounds.push(round.id);
  }

  const children: ChildProcess[] = [];
  const cpuSeconds: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: o.processes }, (_, i) => {
      const settings: FanoutProcessSettings = { name: `bot-${i + 1}`, uri, dbName, limits, members, concurrency: o.concurrency, respondentSecret: 'bench-respondent-secret-0123456789abcdef' };
      const child = fork(path.join(__dirname, 'fanout-process.ts'), [], { execArgv: ['--require', 'tsx/cjs'], env: { ...process.env, FANOUT_PROCESS: JSON.stringify(settings) } });
      children.push(child);
      servePlatforms(child, platforms);
      child.on('message', (m: { kind?: string; cpuSeconds?: number }) => m?.kind === 'cpu' && cpuSeconds.push(m.cpuSeconds!));
      return new Promise<void>((resolve, reject) => {
        child.once('error', reject);
        child.on('message', (m) => m === 'started' && resolve());
      });
    }),
  );

  const finished = async () => {
    let done = 0;
    for (const roundId of rounds) {
      const counts = await repos.participations.countByStatus(roundId);
      done += (counts.delivered ?? 0) + (counts.undeliverable ?? 0);
    }
    return done >= perTenant * o.tenants;
  };
  while (performance.now() - started < o.timeoutMs && !(await finished())) await new Promise((r) => setTimeout(r, 500));
  const elapsedMs = performance.now() - started;
  await Promise.all(children.map((child) => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.send('stop')))));

  const lines = [
    `fanout --processes ${o.processes}: ${perTenant * o.tenants} recipients in ${o.tenants} tenant(s), ${o.processes} bot process(es) (real job runner, runner concurrency ${o.concurrency} each) on one database (${embedded ? 'the in-process MongoDB stand-in served over TCP from a worker thread' : 'MONGODB_URI'})`,
    `simulated platform (in the benchmark's process, shared by all): ${o.allowedPerSecond} msg/s per tenant (bucket of ${o.allowedPerSecond}), 1 msg/s per conversation, injected 429s on ${(o.injected429Rate * 100).toFixed(1)} % of requests (retry-after 1 s, tenant throttled meanwhile)`,
    `elapsed: ${(elapsedMs / 1000).toFixed(1)} s (rounds open → every invitation delivered and recorded); bot processes' CPU ${cpuSeconds.reduce((a, b) => a + b, 0).toFixed(1)} s`,
  ];
  let duplicates = 0;
  let lost = 0;
  for (const [tenantId, platform] of platforms) {
    const dup = [...platform.deliveries.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
    const missing = members[tenantId]!.filter((m) => !platform.deliveries.has(m)).length;
    duplicates += dup;
    lost += missing;
    const s = platform.stats;
    const phase = (s.lastAt - s.firstAt) / 1000;
    const achieved = s.ok / phase;
    lines.push(
      `${tenantId}: ${achieved.toFixed(1)} sends/s ÷ allowed ${o.allowedPerSecond}/s = ${(achieved / o.allowedPerSecond).toFixed(2)} over ${phase.toFixed(1)} s; busiest second ${platform.busiestSecond()} (the platform accepts at most ${2 * o.allowedPerSecond}: a full bucket plus a second of refill); over the limit ${s.limit429} · 429s injected ${s.injected429}, during a throttle ${s.penalty429} · duplicates ${dup} · lost ${missing}`,
    );
  }
  lines.push(`total: duplicates ${duplicates} · lost ${lost}`);
  process.stdout.write(lines.join('\n') + '\n');

  await db.dropDatabase();
  await client.close();
  await embedded?.stop();
  if (duplicates > 0 || lost > 0) process.exitCode = 1;
}
