import { closeVote, dimensionTitles } from '../../../core/vote/vote-service';
import { voteAnnouncement, voteResultsView } from '../../../core/vote/views';
import type { OrchestrationDeps } from '../../context';
import { failureOutcome, pacedSend } from '../../send';
import { outcome, type JobHandler } from '../../types';
import { loadTenant, payloadString } from '../common';

/**
 * Closes the vote (once: compare-and-set), posts the ranked result — or that too few voted — to
 * the team channel, and marks the announcement closed. A retry finds the vote closed and the
 * result post by its idempotency key, so nothing is posted twice.
 */
export function closeVoteHandler(deps: OrchestrationDeps): JobHandler {
  return {
    async run(run) {
      const vote = await closeVote(deps.repos, payloadString(run.job, 'voteId'), deps.clock.now());
      if (!vote) return outcome.done();
      const tenant = await loadTenant(deps, vote.tenantId);
      const channel = tenant.settings.teamChannel;
      if (!channel) return outcome.fail('no team channel set');
      const round = await deps.repos.rounds.get(vote.roundId);
      const lang = tenant.settings.language;
      const messenger = deps.messengers.for(tenant);
      const view = voteResultsView(vote, lang, round ? dimensionTitles(round) : {});
      const sent = await pacedSend(deps, run, tenant, messenger, channel.id, () => messenger.postToChannel(tenant, channel.id, { kind: 'notice', view }, { idempotencyKey: `vote-results:${vote.id}` }));
      if (sent.type === 'deferred') return sent.outcome;
      if (!sent.result.ok) return failureOutcome(sent.result);
      if (vote.post) {
        const updated = await messenger.updateMessage(tenant, vote.post, { kind: 'notice', view: voteAnnouncement(vote, lang, tenant.settings.timeZone) });
        // The result is out; an announcement that cannot be updated (deleted) is not worth a retry.
        if (!updated.ok) deps.logger.warn({ voteId: vote.id, detail: updated.detail }, 'vote announcement not updated');
      }
      return outcome.done();
    },
  };
}
