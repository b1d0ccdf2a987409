import type { Job } from '../core/ports';

/**
 * What a handler tells the runner to do with its job. The handler decides *what happened*; the
 * runner decides *when* to try again (backoff, retry-after) and gives up after too many attempts.
 */
export type JobOutcome =
  /** Finished (including "nothing to do any more"): the job is completed. */
  | { type: 'done' }
  /** A failure worth another attempt: counts as an attempt; retry-after wins over backoff. */
  | { type: 'retry'; error: string; retryAfterMs?: number }
  /** Not now, and not a failure: quiet hours, pacing. Does not count as an attempt. */
  | { type: 'wait'; until: Date; reason: string }
  /** A permanent failure: the job fails at once and is never retried. */
  | { type: 'fail'; error: string }
  /** The lease was lost to another runner: leave the job alone, it is theirs now. */
  | { type: 'lost' };

/** What the runner gives a handler for one run of one job. */
export interface JobRun {
  job: Job;
  /** Aborted when the lease is lost or the runner is killed; check it before any side effect. */
  signal: AbortSignal;
  /**
   * Makes sure the lease still holds, before a side effect (a send): extends it when less than
   * half of it is left. False when another runner holds the job (the handler must then stop and
   * return `lost`) or when the store cannot say.
   */
  renewLease(): Promise<boolean>;
}

export interface JobHandler {
  run(run: JobRun): Promise<JobOutcome>;
  /**
   * Called once when the runner gives up on the job after its last attempt, before it fails it,
   * so the handler can record why (e.g. an invitation that never went out is "undeliverable").
   */
  onGiveUp?(job: Job, error: string): Promise<void>;
}

/** A handler error that must not be retried (bad payload, missing tenant). */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export const outcome = {
  done: (): JobOutcome => ({ type: 'done' }),
  retry: (error: string, retryAfterMs?: number): JobOutcome => ({ type: 'retry', error, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) }),
  wait: (until: Date, reason: string): JobOutcome => ({ type: 'wait', until, reason }),
  fail: (error: string): JobOutcome => ({ type: 'fail', error }),
  lost: (): JobOutcome => ({ type: 'lost' }),
};
