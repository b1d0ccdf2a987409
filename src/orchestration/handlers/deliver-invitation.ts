import type { Lang } from '../../core/questionnaire/schema';
import type { Round } from '../../core/round';
import { buildInvitation } from '../../core/views/invitation';
import type { OrchestrationDeps } from '../context';
import { failureOutcome, pacedSend } from '../send';
import { outcome, type JobHandler } from '../types';
import { acceptsMessages, loadRound, loadTenant, payloadString, quietHoursCheck } from './common';

/** Names the one invitation of one person in one round, on every attempt (see README.md). */
export function invitationIdempotencyKey(roundId: string, platformUserId: string): string {
  return `invitation:${roundId}:${platformUserId}`;
}

/**
 * Delivers one invitation, exactly once:
 *  - only while the participation is still `pending` (delivered, opted out or unreachable
 *    people are skipped), and only while the round is open;
 *  - only in working hours: otherwise the job waits (uncounted) for the next allowed moment;
 *  - paced, with the lease renewed right before the send, and with an idempotency key that is
 *    the same on every attempt, so a retry after a crash between "sent" and "recorded" finds the
 *    message that already went out instead of sending another;
 *  - the message id is stored in the same atomic write that moves the status to `delivered`;
 *  - a permanent failure marks the participation `undeliverable` with its reason (the
 *    coordinator's status shows it) and is never retried; so does giving up after the last retry.
 */
export function deliverInvitationHandler(deps: OrchestrationDeps): JobHandler {
  // Every invitation of a round reads the same (a fan-out builds it for 2,000 people): built
  // once per round and everything it depends on; the questionnaire never changes in a round.
  const views = new Map<string, ReturnType<typeof buildInvitation>>();
  const invitationView = (round: Round, lang: Lang, timeZone: string, school: string | undefined) => {
    const key = JSON.stringify([round.id, lang, timeZone, school ?? null, round.title, round.closesAt.getTime(), round.dimensionIds, round.depth, round.includeReflection, round.anonymityThreshold]);
    let view = views.get(key);
    if (!view) {
      if (views.size >= 32) views.clear();
      views.set(key, (view = buildInvitation(round, lang, timeZone, 'todo', school)));
    }
    return view;
  };
  return {
    async run(run) {
      const { job } = run;
      const platformUserId = payloadString(job, 'platformUserId');
      const roundId = payloadString(job, 'roundId');
      // Both at once: each is a round trip, and a fan-out makes thousands of these.
      const [round, participation] = await Promise.all([loadRound(deps, job), deps.repos.participations.get(roundId, platformUserId)]);
      if (!round) return outcome.done();
      if (!participation || participation.status !== 'pending') return outcome.done();
      if (!acceptsMessages(round, deps.clock.now())) return outcome.done();
      const tenant = await loadTenant(deps, round.tenantId);
      const { timeZone } = tenant.settings;
      const quiet = quietHoursCheck(deps, tenant);
      const waitForWorkingHours = quiet();
      if (waitForWorkingHours) return waitForWorkingHours;

      const messenger = deps.messengers.for(tenant);
      // One language per person: theirs when known (stored, or the platform says), else the round's.
      const learnt = participation.lang ? undefined : await messenger.userLanguage?.(tenant, platformUserId).catch(() => undefined);
      if (learnt) await deps.repos.participations.setLanguage(round.id, platformUserId, learnt);
      const lang = participation.lang ?? learnt ?? round.language;
      const message = { kind: 'invitation' as const, view: invitationView(round, lang, timeZone, await deps.tenants.schoolLabel(deps, tenant)) };
      const idempotencyKey = invitationIdempotencyKey(round.id, platformUserId);
      const sent = await pacedSend(deps, run, tenant, messenger, platformUserId, () => messenger.sendDirect(tenant, platformUserId, message, { idempotencyKey }), quiet);
      if (sent.type === 'deferred') return sent.outcome;
      const { result } = sent;
      const now = deps.clock.now();
      if (result.ok) {
        // One atomic write: status and message id together, so no crash can separate them.
        const delivery = { invitationMessageId: result.messageId, ...(result.conversationId ? { conversationId: result.conversationId } : {}) };
        const stored = await deps.repos.participations.advance(round.id, platformUserId, 'delivered', delivery, now);
        // Already further along (they started from App Home before the DM arrived): keep their
        // status, but still remember where the invitation went so it can be updated in place.
        if (stored && stored.invitationMessageId !== result.messageId) await deps.repos.participations.recordDelivery(round.id, platformUserId, delivery, now);
        return outcome.done();
      }
      if (!result.retryable) {
        await deps.repos.participations.advance(round.id, platformUserId, 'undeliverable', { undeliverableReason: result.reason }, now);
        deps.logger.info({ roundId: round.id, reason: result.reason }, 'invitation undeliverable');
        return outcome.done();
      }
      return failureOutcome(result);
    },

    async onGiveUp(job) {
      // Retries ran out: the person is not reached, and the coordinator must see that.
      const roundId = payloadString(job, 'roundId');
      const platformUserId = payloadString(job, 'platformUserId');
      const now = deps.clock.now();
      await deps.repos.participations.advance(roundId, platformUserId, 'undeliverable', { undeliverableReason: 'other' }, now);
    },
  };
}
