import { buildInvitation } from '../../core/views/invitation';
import type { OrchestrationDeps } from '../context';
import { failureOutcome, pacedSend } from '../send';
import { outcome, type JobHandler } from '../types';
import { loadRound, loadTenant, payloadString } from './common';

/**
 * After a round closes (or is cancelled), updates one person's invitation in place: the same
 * text with "this survey is closed" (or "cancelled", without the promise of a summary) and no
 * button left to press, so nothing on it pretends it still works. An update notifies nobody, so
 * quiet hours do not apply; it is paced like any send.
 * Someone who cannot be reached any more simply keeps the old message (pressing it says the
 * round is closed).
 */
export function closeInvitationHandler(deps: OrchestrationDeps): JobHandler {
  return {
    async run(run) {
      const { job } = run;
      const platformUserId = payloadString(job, 'platformUserId');
      const round = await loadRound(deps, job);
      if (!round || round.state === 'open' || round.state === 'scheduled' || round.state === 'draft') return outcome.done();
      const participation = await deps.repos.participations.get(round.id, platformUserId);
      if (!participation?.invitationMessageId || !participation.conversationId) return outcome.done();
      const tenant = await loadTenant(deps, round.tenantId);
      const messenger = deps.messengers.for(tenant);
      const ref = { conversationId: participation.conversationId, messageId: participation.invitationMessageId };
      const message = { kind: 'invitation' as const, view: buildInvitation(round, participation.lang ?? round.language, tenant.settings.timeZone, round.state === 'cancelled' ? 'cancelled' : 'closed', await deps.tenants.schoolLabel(deps, tenant)) };
      const sent = await pacedSend(deps, run, tenant, messenger, participation.conversationId, () => messenger.updateMessage(tenant, ref, message));
      if (sent.type === 'deferred') return sent.outcome;
      if (sent.result.ok || !sent.result.retryable) return outcome.done();
      return failureOutcome(sent.result);
    },
  };
}
