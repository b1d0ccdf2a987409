import { voteAnnouncement } from '../../../core/vote/views';
import type { OrchestrationDeps } from '../../context';
import { failureOutcome, pacedSend } from '../../send';
import { outcome, type JobHandler } from '../../types';
import { loadTenant, payloadString } from '../common';

/** Announces an opened vote in the team channel, once (idempotency key per vote). */
export function postVoteHandler(deps: OrchestrationDeps): JobHandler {
  return {
    async run(run) {
      const vote = await deps.repos.votes.get(payloadString(run.job, 'voteId'));
      if (!vote || vote.state !== 'open' || vote.post) return outcome.done();
      const tenant = await loadTenant(deps, vote.tenantId);
      const channel = tenant.settings.teamChannel;
      if (!channel) return outcome.fail('no team channel set');
      const messenger = deps.messengers.for(tenant);
      const view = voteAnnouncement(vote, tenant.settings.language, tenant.settings.timeZone);
      const sent = await pacedSend(deps, run, tenant, messenger, channel.id, () => messenger.postToChannel(tenant, channel.id, { kind: 'notice', view }, { idempotencyKey: `vote:${vote.id}` }));
      if (sent.type === 'deferred') return sent.outcome;
      if (!sent.result.ok) return failureOutcome(sent.result);
      await deps.repos.votes.setPost(vote.id, { conversationId: sent.result.conversationId ?? channel.id, messageId: sent.result.messageId });
      return outcome.done();
    },
  };
}
