import type { MessageRef } from '../../core/messenger';
import type { JobSpec } from '../../core/round-plan';
import type { Round } from '../../core/round';
import type { NoticeView } from '../../core/views/types';
import { t } from '../../i18n';
import type { OrchestrationDeps } from '../context';
import { failureOutcome, pacedSend } from '../send';
import { outcome, type JobHandler } from '../types';
import { loadRound, loadTenant, payloadString } from './common';

/**
 * "Feed back and thank": when the summary is published, every invited colleague gets one short
 * direct message with thanks and a link to it. Everyone gets the same message whether or not
 * they answered, so it says nothing about who did. Left out: people the invitation never reached,
 * and people who withdrew ("Ik doe niet mee"): thanking them for a contribution they took back
 * would be untrue, and they asked to be out. The key makes it once per person.
 */
export async function announceResultsSpecs(deps: Pick<OrchestrationDeps, 'repos'>, round: Pick<Round, 'id' | 'tenantId'>, post: MessageRef, now: Date): Promise<JobSpec[]> {
  const participations = await deps.repos.participations.listByRound(round.id);
  return participations
    .filter((p) => p.status !== 'undeliverable' && p.status !== 'opted_out')
    .map((p) => ({
      kind: 'announce-results' as const,
      key: `results:${round.id}:${p.platformUserId}`,
      tenantId: round.tenantId,
      payload: { roundId: round.id, platformUserId: p.platformUserId, conversationId: post.conversationId, messageId: post.messageId },
      runAt: now,
    }));
}

export function resultsNotice(round: Pick<Round, 'title' | 'language'>, channel: string, link: string | undefined): NoticeView {
  const lang = round.language;
  return {
    lang,
    title: t(lang, 'orchestration:results.title', { title: round.title }),
    text: t(lang, channel ? 'orchestration:results.text' : 'orchestration:results.textNoChannel', { title: round.title, channel }),
    tone: 'success',
    ...(link ? { link: { label: t(lang, 'orchestration:results.open'), url: link } } : {}),
  };
}

export function announceResultsHandler(deps: OrchestrationDeps): JobHandler {
  return {
    async run(run) {
      const { job } = run;
      const round = await loadRound(deps, job);
      if (!round || round.state === 'cancelled') return outcome.done();
      const tenant = await loadTenant(deps, round.tenantId);
      const messenger = deps.messengers.for(tenant);
      const platformUserId = payloadString(job, 'platformUserId');
      const ref = { conversationId: payloadString(job, 'conversationId'), messageId: payloadString(job, 'messageId') };
      const link = await messenger.messageLink?.(tenant, ref).catch(() => undefined);
      const channel = tenant.settings.teamChannel;
      const channelName = channel ? (channel.name ? `#${channel.name.replace(/^#/, '')}` : '') : '';
      const view = resultsNotice(round, channelName, link);
      const sent = await pacedSend(deps, run, tenant, messenger, platformUserId, () => messenger.sendDirect(tenant, platformUserId, { kind: 'notice', view }, { idempotencyKey: job.key }));
      if (sent.type === 'deferred') return sent.outcome;
      if (sent.result.ok) return outcome.done();
      // Someone who left since the round cannot be told; that is not a failure of the round.
      if (!sent.result.retryable) return outcome.done();
      return failureOutcome(sent.result);
    },
  };
}
