import { settleQuotes } from '../../core/retention';
import type { RoundSummary } from '../../core/summary';
import { chartAltText } from '../../render/chart/alt-text';
import { pacedSend } from '../send';
import type { Round } from '../../core/round';
import type { Tenant } from '../../core/tenant';
import { outcome, type JobHandler, type JobOutcome, type JobRun } from '../types';
import { enqueueAll, type OrchestrationDeps } from '../context';
import { loadRound, loadTenant } from './common';
import { notifyCoordinatorSpecs } from './notify-coordinator';
import { announceResultsSpecs } from './announce-results';

export function summaryIdempotencyKey(roundId: string): string {
  return `summary:${roundId}`;
}

/**
 * Posts the stored summary to the team channel, then moves the round closed → published.
 * Idempotent: a published round is left alone, and a retry after a crash between the post and
 * the compare-and-set carries the same idempotency key, so the adapter finds the post it already
 * made instead of posting twice. A channel that cannot be posted to is reported to the
 * coordinators, who can publish again once it is fixed.
 */
export function publishSummaryHandler(deps: OrchestrationDeps): JobHandler {
  return {
    async run(run) {
      const round = await loadRound(deps, run.job);
      if (!round || round.state === 'cancelled') return outcome.done();
      if (round.state === 'published') {
        // A retry after a crash between publishing and settling the quotes finishes the job.
        await settleQuotes(deps.repos, round);
        return outcome.done();
      }
      // Not closed yet: the close job is still to run (or to finish); try again later.
      if (round.state !== 'closed') return outcome.retry(`round ${round.id} is ${round.state}, not closed`);
      const record = await deps.repos.summaries.get(round.id);
      if (!record) return outcome.retry(`round ${round.id} has no summary yet`);
      const tenant = await loadTenant(deps, round.tenantId);
      const channel = tenant.settings.teamChannel;
      if (!channel) {
        await enqueueAll(deps, notifyCoordinatorSpecs(round, tenant, 'publishFailed', deps.clock.now(), { reason: 'channel_not_found' }, run.job.id));
        return outcome.fail('no team channel set');
      }

      // One publisher per round at a time, across processes: an automatic publication at closing
      // and a coordinator's, or two coordinators', would otherwise both find the round closed and
      // both post. The other one waits, then finds the round published.
      const lease = `publishing:${round.id}`;
      const now = deps.clock.now();
      if (!(await deps.repos.once.lease(lease, run.job.id, new Date(now.getTime() + PUBLISH_LEASE_MS), now))) {
        return outcome.wait(new Date(now.getTime() + 5_000), 'another job is publishing this round');
      }
      try {
        return await publishClosedRound(deps, run, round, tenant, channel, record);
      } finally {
        await deps.repos.once.release(lease, run.job.id);
      }
    },
  };
}

/** How long a publisher may hold the round before another may take over (a crashed process). */
const PUBLISH_LEASE_MS = 2 * 60_000;

async function publishClosedRound(
  deps: OrchestrationDeps,
  run: JobRun,
  round: Round,
  tenant: Tenant,
  channel: NonNullable<Tenant['settings']['teamChannel']>,
  record: NonNullable<Awaited<ReturnType<OrchestrationDeps['repos']['summaries']['get']>>>,
): Promise<JobOutcome> {
  const messenger = deps.messengers.for(tenant);
  const chart = record.chartPng
    ? { png: record.chartPng, altText: chartAltText(record.summary as unknown as RoundSummary, round.language), ...(deps.chartUrl?.(record.chartToken) ? { url: deps.chartUrl(record.chartToken)! } : {}) }
    : undefined;
  const sent = await pacedSend(deps, run, tenant, messenger, channel.id, () =>
    messenger.postToChannel(tenant, channel.id, { kind: 'summary', summary: record.summary, ...(chart ? { chart } : {}) }, { idempotencyKey: summaryIdempotencyKey(round.id) }),
  );
  if (sent.type === 'deferred') return sent.outcome;
  const { result } = sent;
  if (!result.ok && result.retryable) return outcome.retry(result.detail, result.retryAfterMs);
  if (!result.ok) {
    // Permanent: the bot is not in the channel, the channel is gone… The coordinators are told,
    // so they can fix it and publish again.
    await enqueueAll(deps, notifyCoordinatorSpecs(round, tenant, 'publishFailed', deps.clock.now(), { reason: result.reason }, run.job.id));
    return outcome.fail(`${result.reason}: ${result.detail}`);
  }
  const now = deps.clock.now();
  // Enqueued before the round moves on, so a crash in between still tells everyone (the keys
  // make it once per person however often this runs).
  const post = { conversationId: result.conversationId ?? channel.id, messageId: result.messageId };
  await enqueueAll(deps, await announceResultsSpecs(deps, round, post, now));
  await deps.repos.rounds.transition(round.id, 'closed', 'published', { publishedAt: now });
  await deps.repos.summaries.update(round.id, { publishedAt: now, post });
  // What the team did not see is gone now: hidden quotes' text, edited quotes' originals.
  await settleQuotes(deps.repos, round);
  deps.logger.info({ roundId: round.id }, 'summary published');
  return outcome.done();
}
