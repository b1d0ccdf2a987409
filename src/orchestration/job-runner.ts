import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Clock, Job, JobKind, JobRepository } from '../core/ports';
import type { Logger } from '../log';
import { backoffDelay, DEFAULT_BACKOFF, retryAfterDelay, type BackoffPolicy } from './backoff';
import { PermanentJobError, type JobHandler, type JobOutcome, type JobRun } from './types';

export interface JobRunnerOptions {
  jobs: JobRepository;
  handlers: Partial<Record<JobKind, JobHandler>>;
  clock: Clock;
  logger: Logger;
  /** Unique per process (and per runner): the lease owner written on claimed jobs. */
  owner?: string;
  /** Jobs run at the same time. Pacing, not this number, decides when a send may happen. */
  concurrency?: number;
  /** How often to look for due jobs when nobody calls wake(). */
  pollIntervalMs?: number;
  /** How long a claim holds; renewed every heartbeatMs while the handler runs. */
  leaseMs?: number;
  heartbeatMs?: number;
  /** After this many counted failed attempts the job fails (and the handler's onGiveUp runs). */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  /** Only claim these kinds (default: every kind with a handler). */
  kinds?: JobKind[];
  random?: () => number;
}

interface InFlight {
  job: Job;
  abort: AbortController;
  done: Promise<void>;
}

export const DEFAULTS = {
  concurrency: 8,
  pollIntervalMs: 1_000,
  // Short, because the heartbeat (a third of it) keeps a live runner's lease: a killed process's
  // jobs are picked up by another within a lease plus a poll (~11 s), not after a minute.
  leaseMs: 10_000,
  maxAttempts: 10,
} as const;

export function defaultOwner(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * The worker. It claims due jobs with a lease (an atomic find-and-modify in the store), runs the
 * handler for the job's kind, and then completes the job, gives it back for a later attempt, or
 * fails it. Every write after the claim names this runner as lease owner, so a runner whose lease
 * ran out (and whose job another runner took over) changes nothing. See README.md.
 */
export class JobRunner {
  readonly owner: string;
  private readonly concurrency: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly heartbeatMs: number;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;
  private readonly kinds: JobKind[];
  /** Free slots that make a busy runner claim again (see loop()). */
  private readonly batchThreshold: number;
  private readonly inFlight = new Map<string, InFlight>();
  private running = false;
  private killed = false;
  private loopDone: Promise<void> | undefined;
  private wakeRequested = false;
  /** Claim even if only one slot is free (a wake(), a poll, the start), rather than batch. */
  private claimNow = true;
  private wakeUp: (() => void) | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  private wakeTimerAt = 0;
  private onKilled: () => void = () => {};
  private readonly killedPromise = new Promise<void>((resolve) => (this.onKilled = resolve));

  constructor(private readonly opts: JobRunnerOptions) {
    this.owner = opts.owner ?? defaultOwner();
    this.concurrency = Math.max(1, opts.concurrency ?? DEFAULTS.concurrency);
    this.pollIntervalMs = opts.pollIntervalMs ?? DEFAULTS.pollIntervalMs;
    this.leaseMs = opts.leaseMs ?? DEFAULTS.leaseMs;
    this.heartbeatMs = opts.heartbeatMs ?? Math.max(10, Math.floor(this.leaseMs / 3));
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? DEFAULTS.maxAttempts);
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.random = opts.random ?? Math.random;
    this.kinds = opts.kinds ?? (Object.keys(opts.handlers) as JobKind[]);
    this.batchThreshold = Math.max(1, Math.floor(this.concurrency / 4));
  }

  /** Jobs this runner is running right now. */
  get busy(): number {
    return this.inFlight.size;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts the polling loop. */
  start(): void {
    if (this.running || this.killed) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops claiming, then waits for the jobs in flight to finish and settle. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.wakeTimer);
    this.signal();
    await this.loopDone;
    await Promise.all([...this.inFlight.values()].map((f) => f.done));
  }

  /**
   * Simulates a crash (tests, benchmarks): stops at once, abandons the jobs in flight without
   * completing or releasing them and stops renewing their leases, as a killed process would.
   */
  kill(): void {
    this.killed = true;
    this.running = false;
    clearTimeout(this.wakeTimer);
    for (const flight of this.inFlight.values()) flight.abort.abort(new Error('runner killed'));
    this.inFlight.clear();
    this.onKilled();
    this.signal();
  }

  /** Looks for due jobs now rather than at the next poll (called right after an enqueue). */
  wake(): void {
    this.signal();
  }

  /**
   * Runs due jobs until none is due and none is in flight; returns how many it ran. For tests
   * with a controllable clock (advance the clock, run until idle) and for one-shot tools.
   */
  async runUntilIdle(options: { maxJobs?: number } = {}): Promise<number> {
    const maxJobs = options.maxJobs ?? 1_000_000;
    let ran = 0;
    for (;;) {
      while (!this.killed && this.inFlight.size < this.concurrency && ran < maxJobs) {
        const jobs = await this.claim(Math.min(this.concurrency - this.inFlight.size, maxJobs - ran));
        for (const job of jobs) this.launch(job);
        ran += jobs.length;
        if (jobs.length === 0) break;
      }
      if (this.inFlight.size === 0 || this.killed) return ran;
      await Promise.race([...[...this.inFlight.values()].map((f) => f.done), this.killedPromise]);
    }
  }

  /** Claims at `at` (if sooner than the next poll would): a job given back for a short wait is due then. */
  private wakeAt(at: number): void {
    if (!this.running) return;
    const delay = at - this.opts.clock.now().getTime();
    if (delay > WAKE_AT_MAX_MS || (this.wakeTimer && this.wakeTimerAt <= at)) return;
    clearTimeout(this.wakeTimer);
    this.wakeTimerAt = at;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.signal();
    }, Math.max(0, delay));
    this.wakeTimer.unref?.();
  }

  /** `slotFreed`: only a finished job, which may wait for more (batching); anything else claims now. */
  private signal(slotFreed = false): void {
    if (!slotFreed) this.claimNow = true;
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        // Claim in batches: wait until a quarter of the slots are free (or none is busy), so
        // a busy runner makes one claim per several jobs instead of one per finished job.
        while (this.running && this.concurrency - this.inFlight.size >= (this.claimNow || this.inFlight.size === 0 ? 1 : this.batchThreshold)) {
          this.claimNow = false;
          const free = this.concurrency - this.inFlight.size;
          const jobs = await this.claim(free);
          for (const job of jobs) this.launch(job);
          if (jobs.length < free) break;
        }
        failures = 0;
      } catch (e) {
        // The store is unreachable: wait a little longer each time, keep the process alive.
        failures++;
        this.opts.logger.warn({ err: e, owner: this.owner }, 'job runner could not claim a job');
        await this.idle(Math.min(30_000, this.pollIntervalMs * 2 ** failures));
        continue;
      }
      await this.idle(this.pollIntervalMs);
    }
  }

  /** Waits for the poll interval, a wake() or a finished job, whichever comes first. */
  private idle(ms: number): Promise<void> {
    if (this.wakeRequested || !this.running) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    const self = this;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // The poll: claim whatever is free, however few slots that is.
        self.claimNow = true;
        done();
      }, ms);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        self.wakeUp = undefined;
        self.wakeRequested = false;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private claim(limit: number): Promise<Job[]> {
    return this.opts.jobs.claimMany(this.owner, this.opts.clock.now(), this.leaseMs, limit, this.kinds);
  }

  private launch(job: Job): void {
    const abort = new AbortController();
    const flight: InFlight = { job, abort, done: Promise.resolve() };
    flight.done = this.execute(job, abort).finally(() => {
      if (this.inFlight.get(job.id) === flight) this.inFlight.delete(job.id);
      // A slot is free: fill it now rather than at the next poll.
      if (this.running) this.signal(true);
    });
    this.inFlight.set(job.id, flight);
  }

  private leaseUntil(): Date {
    return new Date(this.opts.clock.now().getTime() + this.leaseMs);
  }

  private async execute(job: Job, abort: AbortController): Promise<void> {
    const { jobs, logger } = this.opts;
    if (job.attempts >= this.maxAttempts) {
      // Taken over from workers that kept dying on it: stop here instead of dying again.
      logger.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts }, 'job gave up: its workers kept stopping');
      await jobs.fail(job.id, this.owner, `gave up after ${job.attempts} attempts: ${job.lastError ?? 'worker stopped'}`, this.opts.clock.now());
      await this.opts.handlers[job.kind]?.onGiveUp?.(job, job.lastError ?? 'worker stopped');
      return;
    }
    let heldUntil = job.leaseUntil?.getTime() ?? 0;
    const extend = async (): Promise<boolean> => {
      if (abort.signal.aborted) return false;
      const until = this.leaseUntil();
      let held = false;
      try {
        held = await jobs.extendLease(job.id, this.owner, until);
      } catch (e) {
        // Unknown whether we still hold it: do not risk a side effect on a maybe-lost lease.
        logger.warn({ err: e, jobId: job.id }, 'could not renew a job lease');
        return false;
      }
      if (held) heldUntil = until.getTime();
      else abort.abort(new Error('lease lost'));
      return held;
    };
    // Before a side effect: while more than half the lease is still ahead nobody else can have
    // claimed the job (a claim needs an expired lease), so no round trip is needed. This assumes
    // the processes' clocks agree to within half a lease (NTP keeps them within milliseconds).
    const renewLease = async (): Promise<boolean> => {
      if (abort.signal.aborted) return false;
      if (heldUntil - this.opts.clock.now().getTime() > this.leaseMs / 2) return true;
      return extend();
    };
    const heartbeat = setInterval(() => void extend(), this.heartbeatMs);
    heartbeat.unref?.();
    abort.signal.addEventListener('abort', () => clearInterval(heartbeat), { once: true });
    const run: JobRun = { job, signal: abort.signal, renewLease };

    let result: JobOutcome;
    try {
      const handler = this.opts.handlers[job.kind];
      result = handler ? await handler.run(run) : { type: 'fail', error: `no handler for job kind ${job.kind}` };
    } catch (e) {
      result = e instanceof PermanentJobError ? { type: 'fail', error: e.message } : { type: 'retry', error: describe(e) };
    } finally {
      clearInterval(heartbeat);
    }
    if (this.killed) return;
    if (abort.signal.aborted && result.type !== 'done') result = { type: 'lost' };
    try {
      await this.settle(job, result);
    } catch (e) {
      // The job stays leased; when the lease runs out another runner (or this one) runs it again.
      // Handlers are idempotent, so that repeats nothing that already happened.
      logger.warn({ err: e, jobId: job.id, kind: job.kind }, 'could not record a job outcome');
    }
  }

  private async settle(job: Job, result: JobOutcome): Promise<void> {
    const { jobs, clock, logger } = this.opts;
    const now = clock.now();
    const log = { jobId: job.id, kind: job.kind, key: job.key, owner: this.owner };
    switch (result.type) {
      case 'done':
        if (!(await jobs.complete(job.id, this.owner, now))) logger.warn(log, 'job finished after its lease was lost');
        return;
      case 'lost':
        logger.info(log, 'job lease lost; another runner has it');
        return;
      case 'wait': {
        // Never "wait" into the past: that would spin on the same job.
        const runAt = new Date(Math.max(result.until.getTime(), now.getTime() + 1));
        await jobs.release(job.id, this.owner, runAt, undefined, now, false);
        logger.debug({ ...log, runAt, reason: result.reason }, 'job waits');
        // A pacing wait is short: claim again when it is due rather than up to a poll late.
        this.wakeAt(runAt.getTime());
        return;
      }
      case 'fail':
        logger.warn({ ...log, error: result.error }, 'job failed permanently');
        await jobs.fail(job.id, this.owner, result.error, now);
        return;
      case 'retry': {
        const failures = job.attempts + 1;
        if (failures >= this.maxAttempts) {
          logger.warn({ ...log, error: result.error, attempts: failures }, 'job gave up after its last attempt');
          await this.opts.handlers[job.kind]?.onGiveUp?.(job, result.error);
          await jobs.fail(job.id, this.owner, `gave up after ${failures} attempts: ${result.error}`, now);
          return;
        }
        const delay = result.retryAfterMs !== undefined ? retryAfterDelay(result.retryAfterMs, this.random) : backoffDelay(failures, this.backoff, this.random);
        const runAt = new Date(now.getTime() + Math.max(1, delay));
        logger.info({ ...log, error: result.error, attempts: failures, runAt }, 'job will be retried');
        await jobs.release(job.id, this.owner, runAt, result.error, now, true);
        return;
      }
    }
  }
}

/** Waits longer than this are left to the poll. */
const WAKE_AT_MAX_MS = 60_000;

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
