import { respondentKey } from '../../core/response';
import type { JobSpec } from '../../core/round-plan';
import { enqueueAll, type OrchestrationDeps } from '../context';
import { outcome, type JobHandler } from '../types';
import { loadRound, loadTenant } from './common';
import { notifyCoordinatorSpecs } from './notify-coordinator';
import { spreadAtTenantRate } from '../fan-out';

/**
 * Creates every invitee's empty response before anyone can answer, all at once and in random
 * order (ResponseRepository.prepare), so a database reader learns nothing from the responses'
 * natural order or from which documents exist. Runs before the round opens; a retried opening
 * prepares only who is new (someone who joined the audience in between), still before anybody can
 * answer. Someone whose response was not prepared (an old round) gets it on their first answer.
 */
async function prepareResponses(deps: OrchestrationDeps, roundId: string): Promise<void> {
  const invited = await deps.repos.participations.listByRound(roundId);
  await deps.repos.responses.prepare(
    roundId,
    invited.map((p) => respondentKey(deps.respondentSecret, roundId, p.platformUserId)),
  );
}

export function deliveryKey(roundId: string, platformUserId: string): string {
  return `deliver:${roundId}:${platformUserId}`;
}

/**
 * Opens a scheduled round and fans out one `deliver-invitation` job per person.
 *
 * Invite first, open second: the audience is resolved and stored as participations (idempotent,
 * unique on round + user) *before* the compare-and-set scheduled → open. Once the round is open
 * the participations are the member list, so a retry after a crash never asks the platform
 * again and never invites a different set of people. A crash between inviting and opening
 * resolves the audience once more and adds anyone who joined in between, which is what the
 * coordinator would expect. The delivery jobs have deterministic keys, so enqueueing them again
 * creates nothing new.
 */
export function openRoundHandler(deps: OrchestrationDeps): JobHandler {
  return {
    async run({ job }) {
      let round = await loadRound(deps, job);
      if (!round) return outcome.done();
      if (round.state === 'draft' || round.state === 'scheduled') {
        const tenant = await loadTenant(deps, round.tenantId);
        const members = await deps.messengers.for(tenant).resolveAudience(tenant, round.audience);
        const now = deps.clock.now();
        await deps.repos.participations.invite(round.id, round.tenantId, members, now);
        await prepareResponses(deps, round.id);
        round = (await deps.repos.rounds.transition(round.id, round.state, 'open', { openedAt: now })) ?? (await deps.repos.rounds.get(round.id));
        if (!round) return outcome.done();
        deps.logger.info({ roundId: round.id, members: members.length }, 'round opened');
      }
      // Cancelled before it opened, or already closed: nobody gets an invitation any more.
      if (round.state !== 'open') return outcome.done();
      const pending = await deps.repos.participations.listByRound(round.id, { statuses: ['pending'] });
      const specs: JobSpec[] = pending.map((p) => ({
        kind: 'deliver-invitation',
        key: deliveryKey(round!.id, p.platformUserId),
        tenantId: round!.tenantId,
        payload: { roundId: round!.id, platformUserId: p.platformUserId },
        runAt: deps.clock.now(),
      }));
      if (specs.length) await enqueueAll(deps, spreadAtTenantRate(deps, await loadTenant(deps, round.tenantId), specs));
      if (pending.length === 0) {
        const counts = await deps.repos.participations.countByStatus(round.id);
        if (Object.values(counts).every((n) => !n)) {
          const tenant = await loadTenant(deps, round.tenantId);
          await enqueueAll(deps, notifyCoordinatorSpecs(round, tenant, 'audienceEmpty', deps.clock.now()));
        }
      }
      return outcome.done();
    },
  };
}
