/**
 * `npm run bench -- close`: closing a round of 10,000 respondents through the store: the real
 * close-round job (quotes copied out of every open answer, the summary computed and stored, the
 * chart rendered) on the in-process MongoDB stand-in on a worker thread (or MONGODB_URI), with
 * the real repositories. The baseline, measured in the same run on the same data: reading the
 * round's responses once through the driver (a cursor, nothing kept) — what any close must do.
 *
 * Prints: wall time and the process's peak RSS growth during each (goal for the close:
 * < 5 s, < 300 MB), and the ratio of the two wall times.
 */
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import pino from 'pino';
import { MessengerRegistry } from '../src/core/messenger';
import { planRoundJobs } from '../src/core/round-plan';
import { randomId } from '../src/core/random-id';
import { extractQuotes } from '../src/core/summary';
import { defaultTenantSettings } from '../src/core/tenant';
import { createOrchestrator } from '../src/orchestration';
import { startEmbeddedMongo } from '@zorgspiegel/embedded-mongo';
import { ensureIndexes } from '../src/store/indexes';
import { createRepositories } from '../src/store/repositories';
import { SCHEMA_VERSION } from '../src/store/schema-version';
import { startEmbeddedMongoThread } from './support/embedded-mongo-thread';
import { benchResponses, benchRound } from './support/school-responses';

const RESPONDENTS = Number(process.env.CLOSE_RESPONDENTS ?? 10_000);

/** Runs `work` while sampling the process RSS every 20 ms; returns wall ms and peak growth. */
async function measure(work: () => Promise<unknown>): Promise<{ wallMs: number; peakMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { wallMs, peakMb: (peak - before) / 2 ** 20 };
}

async function main(): Promise<void> {
  const onThread = process.env.CLOSE_DB_THREAD !== '0';
  const embedded = process.env.MONGODB_URI ? undefined : onThread ? await startEmbeddedMongoThread() : await startEmbeddedMongo();
  const uri = process.env.MONGODB_URI ?? embedded!.uri;
  const client = new MongoClient(uri, { ignoreUndefined: true });
  await client.connect();
  const db = client.db(`zs_bench_close_${Date.now()}`);
  await ensureIndexes(db);
  const repos = createRepositories(db);

  const now = new Date();
  const tenant = await repos.tenants.ensure(
    { id: 'playground:bench', platform: 'playground', externalId: 'bench', settings: defaultTenantSettings({ coordinators: ['U-coord'] }) },
    now,
  );
  const round = benchRound({ tenantId: tenant.id, state: 'open', closedAt: undefined, opensAt: new Date(now.getTime() - 14 * 86_400_000), closesAt: now });
  await repos.rounds.insert(round);
  const members = Array.from({ length: RESPONDENTS }, (_, i) => `U${String(i + 1).padStart(5, '0')}`);
  await repos.participations.invite(round.id, tenant.id, members, now);
  await db.collection('participations').updateMany({ roundId: round.id }, { $set: { status: 'completed' } });
  let batch: object[] = [];
  let quotesExpected = 0;
  for (const r of benchResponses(round, RESPONDENTS)) {
    quotesExpected += extractQuotes(round, [r], now).length;
    // Stored as the repository stores them: a random id (an ObjectId would carry a time) and no time.
    batch.push({ _id: randomId(), ...r, schemaVersion: SCHEMA_VERSION.responses });
    if (batch.length === 1_000) {
      await db.collection('responses').insertMany(batch);
      batch = [];
    }
  }
  if (batch.length) await db.collection('responses').insertMany(batch);
  const closeJob = planRoundJobs(round).find((j) => j.kind === 'close-round')!;
  await repos.jobs.enqueue({ ...closeJob, runAt: now }, now);

  const baseline = await measure(async () => {
    let n = 0;
    for await (const doc of db.collection('responses').find({ roundId: round.id })) n += doc.submittedSections.length > 0 ? 1 : 0;
    return n;
  });
  const orchestrator = createOrchestrator({ repos, messengers: new MessengerRegistry(), respondentSecret: 'bench-respondent-secret-0123456789abcdef', logger: pino({ level: process.env.LOG_LEVEL ?? 'silent' }), runner: { kinds: ['close-round'] } });
  const close = await measure(() => orchestrator.runUntilIdle());
  const stored = await repos.summaries.get(round.id);
  const quotes = await db.collection('quotes').countDocuments({ roundId: round.id });
  const lines = [
    `close: a round of ${RESPONDENTS} respondents (default questionnaire, 59 items, ${quotesExpected} non-empty open answers in submitted sections), database: ${embedded ? `in-process stand-in${onThread ? ' on a worker thread' : ''}` : 'MONGODB_URI'}`,
    `baseline (read every response once through a cursor): ${(baseline.wallMs / 1000).toFixed(2)} s, peak RSS +${baseline.peakMb.toFixed(0)} MB`,
    `close-round job (quotes, summary, chart, stored): ${(close.wallMs / 1000).toFixed(2)} s, peak RSS +${close.peakMb.toFixed(0)} MB (goal < 5 s, < 300 MB)`,
    `ratio: ${(close.wallMs / baseline.wallMs).toFixed(2)} × the baseline's time · summary stored: ${stored ? 'yes' : 'NO'} · quotes stored: ${quotes}${stored ? '' : ' · FAILED'}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  await db.dropDatabase();
  await client.close();
  await embedded?.stop();
  if (!stored || quotes !== quotesExpected) process.exitCode = 1;
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
