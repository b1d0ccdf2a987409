import { systemClock, type Job, type JobKind } from '../../src/core/ports';
import { JobRunner } from '../../src/orchestration/job-runner';
import { PermanentJobError, type JobHandler, type JobOutcome } from '../../src/orchestration/types';
import { openTestDatabase, type TestDatabase } from '../support/mongo';
import { FakeClock } from './fake-clock';
import { silent } from './harness';

const T0 = new Date('2026-03-02T09:00:00Z');
const policy = { baseMs: 1_000, maxMs: 60_000, jitter: 0 };

describe('JobRunner', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(() => db.close());

  const stored = async (key: string) => (await db.db.collection('jobs').findOne({ key })) as unknown as Job & { leaseOwner?: string };
  const enqueue = (key: string, kind: JobKind = 'remind', runAt = T0) => db.repos.jobs.enqueue({ kind, key, tenantId: 't', payload: { roundId: 'r' }, runAt }, T0);

  function runner(clock: { now(): Date }, handlers: Partial<Record<JobKind, JobHandler>>, extra: Partial<ConstructorParameters<typeof JobRunner>[0]> = {}) {
    return new JobRunner({ jobs: db.repos.jobs, handlers, clock, logger: silent, maxAttempts: 3, backoff: policy, random: () => 0, ...extra });
  }

  it('completes a job whose handler is done', async () => {
    const clock = new FakeClock(T0);
    await enqueue('a');
    const ran = await runner(clock, { remind: { run: async () => ({ type: 'done' }) } }).runUntilIdle();
    expect(ran).toBe(1);
    expect(await stored('a')).toMatchObject({ status: 'done', attempts: 0 });
    expect((await stored('a')).leaseOwner).toBeFalsy();
  });

  it('retries a failure with exponential backoff, then gives up, telling the handler once', async () => {
    const clock = new FakeClock(T0);
    await enqueue('b');
    const gaveUp: string[] = [];
    const r = runner(clock, {
      remind: {
        run: async () => {
          throw new Error('platform down');
        },
        onGiveUp: async (job, error) => void gaveUp.push(`${job.key}: ${error}`),
      },
    });
    await r.runUntilIdle();
    expect(await stored('b')).toMatchObject({ status: 'pending', attempts: 1, runAt: new Date(T0.getTime() + 1_000), lastError: 'Error: platform down' });
    clock.set(new Date(T0.getTime() + 1_000));
    await r.runUntilIdle();
    expect(await stored('b')).toMatchObject({ status: 'pending', attempts: 2, runAt: new Date(T0.getTime() + 3_000) });
    clock.set(new Date(T0.getTime() + 3_000));
    await r.runUntilIdle();
    expect(await stored('b')).toMatchObject({ status: 'failed', attempts: 3 });
    expect(gaveUp).toEqual(['b: Error: platform down']);
  });

  it('honours a retry-after instead of its own backoff', async () => {
    const clock = new FakeClock(T0);
    await enqueue('c');
    await runner(clock, { remind: { run: async () => ({ type: 'retry', error: '429', retryAfterMs: 30_000 }) } }).runUntilIdle();
    expect(await stored('c')).toMatchObject({ status: 'pending', attempts: 1, runAt: new Date(T0.getTime() + 30_000) });
  });

  it('a wait (quiet hours, pacing) is not an attempt', async () => {
    const clock = new FakeClock(T0);
    await enqueue('d');
    const monday = new Date('2026-03-09T07:00:00Z');
    await runner(clock, { remind: { run: async () => ({ type: 'wait', until: monday, reason: 'quiet hours' }) } }).runUntilIdle();
    expect(await stored('d')).toMatchObject({ status: 'pending', attempts: 0, runAt: monday });
  });

  it('a permanent error fails at once; a kind without a handler is never claimed', async () => {
    const clock = new FakeClock(T0);
    await enqueue('e');
    await enqueue('f', 'close-round');
    const r = runner(clock, {
      remind: {
        run: async () => {
          throw new PermanentJobError('no such tenant');
        },
      },
    });
    expect(await r.runUntilIdle()).toBe(1);
    expect(await stored('e')).toMatchObject({ status: 'failed', lastError: 'no such tenant' });
    expect(await stored('f')).toMatchObject({ status: 'pending' });
  });

  it('runs jobs in runAt order, only when due', async () => {
    const clock = new FakeClock(T0);
    await enqueue('later', 'remind', new Date(T0.getTime() + 60_000));
    await enqueue('first', 'remind', new Date(T0.getTime() - 1_000));
    await enqueue('second');
    const order: string[] = [];
    const r = runner(clock, { remind: { run: async ({ job }) => (order.push(job.key), { type: 'done' }) } }, { concurrency: 1 });
    await r.runUntilIdle();
    expect(order).toEqual(['first', 'second']);
    clock.advance(60_000);
    await r.runUntilIdle();
    expect(order).toEqual(['first', 'second', 'later']);
  });

  it('keeps the lease of a long job alive with its heartbeat, so nobody else takes it', async () => {
    await enqueue('long', 'remind', new Date(Date.now() - 1_000));
    let release!: () => void;
    const blocker = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const isRunning = new Promise<void>((r) => (started = r));
    const a = runner(systemClock, { remind: { run: async () => (started(), await blocker, { type: 'done' }) } }, { owner: 'A', leaseMs: 600, heartbeatMs: 100 });
    const done = a.runUntilIdle();
    await isRunning;
    await new Promise((r) => setTimeout(r, 1_500)); // more than two leases
    const other: string[] = [];
    const b = runner(systemClock, { remind: { run: async ({ job }) => (other.push(job.key), { type: 'done' }) } }, { owner: 'B', leaseMs: 600 });
    expect(await b.runUntilIdle()).toBe(0);
    release();
    await done;
    expect(other).toEqual([]);
    expect(await stored('long')).toMatchObject({ status: 'done' });
  });

  it('wake() runs a new job at once instead of at the next poll; stop() waits for the job in flight', async () => {
    const seen: string[] = [];
    let finish!: () => void;
    const slow = new Promise<void>((r) => (finish = r));
    const r = runner(
      systemClock,
      {
        remind: { run: async ({ job }) => (seen.push(job.key), { type: 'done' }) },
        'close-round': { run: async () => (await slow, { type: 'done' }) },
      },
      { pollIntervalMs: 60_000 },
    );
    r.start();
    await new Promise((res) => setTimeout(res, 50));
    await db.repos.jobs.enqueue({ kind: 'remind', key: 'woken', tenantId: 't', payload: {}, runAt: new Date(Date.now() - 10) }, new Date());
    r.wake();
    for (let i = 0; i < 500 && !seen.length; i++) await new Promise((res) => setTimeout(res, 10));
    expect(seen).toEqual(['woken']);

    await db.repos.jobs.enqueue({ kind: 'close-round', key: 'slow', tenantId: 't', payload: {}, runAt: new Date(Date.now() - 10) }, new Date());
    r.wake();
    for (let i = 0; i < 500 && r.busy === 0; i++) await new Promise((res) => setTimeout(res, 10));
    expect(r.busy).toBe(1);
    let stopped = false;
    const stopping = r.stop().then(() => (stopped = true));
    await new Promise((res) => setTimeout(res, 50));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(await stored('slow')).toMatchObject({ status: 'done' });
  });

  it('a handler outcome arriving after the lease was lost changes nothing', async () => {
    const clock = new FakeClock(T0);
    await enqueue('g');
    let proceed!: () => void;
    const gate = new Promise<void>((r) => (proceed = r));
    const a = runner(clock, { remind: { run: async (): Promise<JobOutcome> => (await gate, { type: 'retry', error: 'late' }) } }, { owner: 'A', leaseMs: 10_000, heartbeatMs: 3_600_000 });
    const running = a.runUntilIdle();
    await new Promise((r) => setTimeout(r, 30));
    clock.advance(11_000);
    const b = runner(clock, { remind: { run: async () => ({ type: 'done' }) } }, { owner: 'B' });
    expect(await b.runUntilIdle()).toBe(1);
    proceed();
    await running;
    // B's takeover of the expired lease counted as an attempt; A's late "retry" changed nothing.
    expect(await stored('g')).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('gives up on a job whose workers keep dying instead of dying with it forever', async () => {
    const clock = new FakeClock(T0);
    await enqueue('poison');
    let runs = 0;
    for (let i = 0; i < 3; i++) {
      // Each worker claims the job and "dies" (never finishes); the next one takes over after the lease.
      const dying = runner(clock, { remind: { run: () => (runs++, new Promise<JobOutcome>(() => undefined)) } }, { owner: `W${i}`, leaseMs: 10_000, heartbeatMs: 3_600_000, maxAttempts: 2 });
      void dying.runUntilIdle();
      await new Promise((r) => setTimeout(r, 30));
      clock.advance(11_000);
    }
    // Worker 0 ran it; worker 1 took over (attempt 1) and ran it; worker 2 took over (attempt 2 = max) and gave up.
    expect(runs).toBe(2);
    expect(await stored('poison')).toMatchObject({ status: 'failed', attempts: 3 });
  });
});
