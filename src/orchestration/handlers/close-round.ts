import { randomBytes } from 'node:crypto';
import type { JobKind } from '../../core/ports';
import { enqueueAll, type OrchestrationDeps } from '../context';
import { outcome, type JobHandler } from '../types';
import { loadRound, loadTenant } from './common';
import { notifyCoordinatorSpecs } from './notify-coordinator';
import { closeInvitationJobs } from '../../core/round-plan';
import { spreadAtTenantRate } from '../fan-out';

/** Work that makes no sense once a round is closed. */
const RESPONDENT_JOBS: JobKind[] = ['deliver-invitation', 'send-reminders', 'remind'];

export function publishKey(roundId: string): string {
  return `publish:${roundId}`;
}

/**
 * Closes the round and takes the summary snapshot, once, however often it runs:
 *  1. compare-and-set open → closed (a second close, the planned one after a "close now", finds
 *     it closed and goes on with the steps below, which are idempotent);
 *  2. pending invitations and reminders are cancelled (each also re-checks the round itself),
 *     paused drafts are deleted, and every delivered invitation is updated to say the round is
 *     closed, without buttons;
 *  3. the snapshot is computed and stored with saveOnce: the first stored snapshot wins, so the
 *     figures never change after closing (moderation edits go through SummaryRepository.update);
 *  4. the coordinators get the "closed" notice; without moderation the summary is published
 *     (a `publish-summary` job with the same key the coordinator's "publish" uses), with
 *     moderation it waits for the coordinator.
 */
export function closeRoundHandler(deps: OrchestrationDeps): JobHandler {
  return {
    async run({ job }) {
      let round = await loadRound(deps, job);
      if (!round || round.state === 'cancelled') return outcome.done();
      if (round.state === 'draft' || round.state === 'scheduled') {
        // It never opened (its open job is still failing): there is nothing to close yet.
        return outcome.retry(`round ${round.id} has not opened yet`);
      }
      const now = deps.clock.now();
      if (round.state === 'open') {
        round = (await deps.repos.rounds.transition(round.id, 'open', 'closed', { closedAt: now })) ?? (await deps.repos.rounds.get(round.id));
        if (!round || round.state === 'cancelled') return outcome.done();
        if (round.state === 'open') return outcome.retry('round did not close');
        deps.logger.info({ roundId: round.id }, 'round closed');
      }
      await deps.repos.jobs.cancelPending({ roundId: round.id, kinds: RESPONDENT_JOBS }, now);
      // Paused, unsubmitted drafts were never answers; nothing may outlive the round's close.
      await deps.repos.drafts.deleteByRound(round.id);
      // Every delivered invitation loses its buttons and says the round is closed.
      const closing = closeInvitationJobs(round, await deps.repos.participations.listByRound(round.id), now);
      if (closing.length) await enqueueAll(deps, spreadAtTenantRate(deps, await loadTenant(deps, round.tenantId), closing));

      if (await deps.repos.summaries.get(round.id)) {
        // A closer that lost the race for the quotes and stopped before cleaning up left its set.
        const batch = (await deps.repos.rounds.get(round.id))?.quoteBatch;
        if (batch) await deps.repos.quotes.discardOtherBatches(round.id, batch);
      } else {
        const snapshot = await deps.summarize(round, now);
        await deps.repos.summaries.saveOnce({
          roundId: round.id,
          tenantId: round.tenantId,
          summary: snapshot.summary as unknown as Record<string, unknown>,
          chartToken: randomBytes(24).toString('base64url'),
          ...(snapshot.chartPng ? { chartPng: snapshot.chartPng } : {}),
          computedAt: now,
        });
      }
      if (round.state === 'published') return outcome.done();

      const tenant = await loadTenant(deps, round.tenantId);
      const specs = notifyCoordinatorSpecs(round, tenant, 'closed', deps.clock.now());
      if (!round.moderation && tenant.settings.teamChannel) {
        specs.push({ kind: 'publish-summary', key: publishKey(round.id), tenantId: round.tenantId, payload: { roundId: round.id }, runAt: deps.clock.now() });
      }
      await enqueueAll(deps, specs);
      return outcome.done();
    },
  };
}
