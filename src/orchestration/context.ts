import type { MessengerRegistry } from '../core/messenger';
import type { Clock, Repositories } from '../core/ports';
import type { JobSpec } from '../core/round-plan';
import type { Logger } from '../log';
import type { TenantCache } from './handlers/common';
import type { Pacer } from './pacing';
import type { SummarySnapshotBuilder } from './summary-snapshot';

/** What every handler needs; createOrchestrator builds it once per process. */
export interface OrchestrationDeps {
  repos: Repositories;
  messengers: MessengerRegistry;
  clock: Clock;
  logger: Logger;
  pacer: Pacer;
  /** Tenant settings, re-read every few seconds. */
  tenants: TenantCache;
  /** Waits for the pacer (a fake clock's sleep in tests). */
  sleep: (ms: number) => Promise<void>;
  /** Computes the summary snapshot at closing. */
  summarize: SummarySnapshotBuilder;
  /** The chart's public URL for a chart token (Teams cards fetch the image over HTTPS). */
  chartUrl?: (chartToken: string) => string | undefined;
  /** A pacing wait longer than this gives the job back instead of holding a slot while it waits. */
  maxInlineWaitMs: number;
  /** A send that takes longer than this counts as failed-unknown and is retried (same idempotency key). */
  sendTimeoutMs: number;
  /** Tells the runner that new jobs are due. */
  wake: () => void;
  /** RESPONDENT_KEY_SECRET: opening a round prepares every invitee's (empty) response under its pseudonym. */
  respondentSecret: string;
}

/** Enqueues jobs (idempotent on key) with limited parallelism; returns how many were new. */
export async function enqueueAll(deps: Pick<OrchestrationDeps, 'repos' | 'clock' | 'wake'>, specs: JobSpec[], parallel = 16): Promise<number> {
  const now = deps.clock.now();
  let created = 0;
  for (let i = 0; i < specs.length; i += parallel) {
    const results = await Promise.all(specs.slice(i, i + parallel).map((spec) => deps.repos.jobs.enqueue(spec, now)));
    created += results.filter(Boolean).length;
  }
  if (specs.length) deps.wake();
  return created;
}
