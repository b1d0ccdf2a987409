import type { MessengerRegistry } from '../core/messenger';
import { systemClock, type Clock, type Repositories } from '../core/ports';
import type { Logger } from '../log';
import { enqueueAll, type OrchestrationDeps } from './context';
import { retentionSweepSpec } from './handlers/purge-answers';
import { createHandlers } from './handlers';
import { TenantCache } from './handlers/common';
import { JobRunner, type JobRunnerOptions } from './job-runner';
import { Pacer } from './pacing';
import { coreSummarySnapshot, renderChartPng, type ChartRenderer, type SummarySnapshotBuilder } from './summary-snapshot';

export interface OrchestratorOptions {
  repos: Repositories;
  /** RESPONDENT_KEY_SECRET, the same the services use (see OrchestrationDeps). */
  respondentSecret: string;
  messengers: MessengerRegistry;
  logger: Logger;
  clock?: Clock;
  /** Renders the summary chart at closing; default the real one (src/render/chart). */
  renderChart?: ChartRenderer;
  /** Replaces the whole snapshot computation (tests). */
  summarize?: SummarySnapshotBuilder;
  /** The public URL of a summary chart, for platforms that fetch images over HTTPS (Teams). */
  chartUrl?: (chartToken: string) => string | undefined;
  /** Waits for pacing; default a real timer. Tests with a fake clock pass the clock's sleep. */
  sleep?: (ms: number) => Promise<void>;
  /** Runner settings: owner, concurrency, pollIntervalMs, leaseMs, heartbeatMs, maxAttempts, backoff, kinds, random. */
  runner?: Omit<JobRunnerOptions, 'jobs' | 'handlers' | 'clock' | 'logger'>;
  /**
   * A pacing wait longer than this gives the job back, due at its turn, instead of holding a
   * worker (default 250 ms): a worker waiting on one busy school would hold up every other school.
   */
  maxInlineWaitMs?: number;
  /** A send without an answer after this long is retried with the same idempotency key (default 30 s). */
  sendTimeoutMs?: number;
}

export interface Orchestrator {
  runner: JobRunner;
  pacer: Pacer;
  /** Plans today's retention sweep and starts polling for due jobs. */
  start(): Promise<void>;
  /** Stops claiming and waits for the jobs in flight. */
  stop(): Promise<void>;
  /** Looks for due jobs now (pass as ServiceDeps.wakeScheduler). */
  wake(): void;
  /** Runs due jobs until none is due and none is running (tests, one-shot tools). */
  runUntilIdle(options?: { maxJobs?: number }): Promise<number>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Short: a tenant's slot further away than this frees the worker for another tenant's job. */
export const DEFAULT_MAX_INLINE_WAIT_MS = 250;

/**
 * The durable round orchestration: a job runner with one handler per job kind (open, deliver,
 * remind, close, publish, notify), pacing shared through the database, quiet hours. See README.md.
 */
export function createOrchestrator(options: OrchestratorOptions): Orchestrator {
  const clock = options.clock ?? systemClock;
  let runner: JobRunner | undefined;
  const deps: OrchestrationDeps = {
    repos: options.repos,
    messengers: options.messengers,
    clock,
    logger: options.logger,
    pacer: new Pacer(options.repos.pacing, clock, { keySecret: options.respondentSecret }),
    tenants: new TenantCache(),
    sleep: options.sleep ?? realSleep,
    summarize: options.summarize ?? coreSummarySnapshot(options.repos, { renderChart: options.renderChart ?? renderChartPng, logger: options.logger }),
    chartUrl: options.chartUrl,
    maxInlineWaitMs: options.maxInlineWaitMs ?? DEFAULT_MAX_INLINE_WAIT_MS,
    sendTimeoutMs: options.sendTimeoutMs ?? 30_000,
    wake: () => runner?.wake(),
    respondentSecret: options.respondentSecret,
  };
  runner = new JobRunner({ ...options.runner, jobs: options.repos.jobs, handlers: createHandlers(deps), clock, logger: options.logger });
  const theRunner = runner;
  return {
    runner: theRunner,
    pacer: deps.pacer,
    async start() {
      // Plans today's retention sweep (idempotent on its key); the database being briefly away
      // must not keep the scheduler from starting, and tomorrow's start or sweep plans it again.
      try {
        await enqueueAll(deps, [retentionSweepSpec(clock.now())]);
      } catch (e) {
        options.logger.warn({ err: e }, 'could not plan the retention sweep; the next start or sweep will');
      }
      theRunner.start();
    },
    stop: () => theRunner.stop(),
    wake: () => theRunner.wake(),
    runUntilIdle: (o) => theRunner.runUntilIdle(o),
  };
}

export { JobRunner } from './job-runner';
export { Pacer } from './pacing';
export { nextAllowedMoment, isAllowedMoment } from './quiet-hours';
export type { JobHandler, JobOutcome, JobRun } from './types';
