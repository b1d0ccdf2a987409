import { actionPlanView } from '../../../core/actions/plan-view';
import type { ActionItem } from '../../../core/actions/model';
import type { Repositories } from '../../../core/ports';
import type { OrchestrationDeps } from '../../context';
import { failureOutcome, pacedSend } from '../../send';
import { outcome, type JobHandler } from '../../types';
import { loadTenant } from '../common';

/** Dimension titles from the rounds the actions follow up (a tenant's rounds may use different questionnaires). */
export async function dimensionTitleOf(repos: Repositories, actions: readonly ActionItem[], lang: 'nl' | 'en'): Promise<(id: string) => string> {
  const titles = new Map<string, string>();
  for (const roundId of new Set(actions.map((a) => a.roundId))) {
    const round = await repos.rounds.get(roundId);
    for (const d of round?.questionnaire.dimensions ?? []) if (!titles.has(d.id)) titles.set(d.id, d.title[lang]);
  }
  return (id) => titles.get(id) ?? id;
}

/** How long one job may take to make the plan's first post before another may try. */
const FIRST_POST_LEASE_MS = 60_000;

/**
 * Posts the action plan to the team channel the first time and updates that one post after every
 * change. The text is built when the job runs, so a burst of changes ends with the latest plan.
 * A post that can no longer be updated (deleted) is replaced by a new one.
 */
export function postActionPlanHandler(deps: OrchestrationDeps): JobHandler {
  return {
    async run(run) {
      const tenant = await loadTenant(deps, run.job.tenantId);
      const channel = tenant.settings.teamChannel;
      if (!channel) return outcome.done();
      const lang = tenant.settings.language;
      const messenger = deps.messengers.for(tenant);
      let plan = await deps.repos.actions.plan(tenant.id);
      // A newer change has its own job, which will show the newer plan: nothing to do here.
      const revision = typeof run.job.payload.revision === 'number' ? run.job.payload.revision : plan.revision;
      if (revision < plan.revision) return outcome.done();
      if (!plan.post) {
        // The first post is made by one job only; the others wait for it and then update it.
        const now = deps.clock.now();
        if (!(await deps.repos.actions.reserveFirstPost(tenant.id, now, new Date(now.getTime() + FIRST_POST_LEASE_MS)))) {
          plan = await deps.repos.actions.plan(tenant.id);
          if (!plan.post) return outcome.wait(new Date(now.getTime() + 2_000), 'the plan is being posted by another job');
        }
      }
      const actions = await deps.repos.actions.listByTenant(tenant.id);
      // Owners by name, as stored by any process (Teams keeps names in memory for displayName).
      await messenger.loadNames?.(tenant);
      const view = actionPlanView(actions, lang, await dimensionTitleOf(deps.repos, actions, lang), (id) => messenger.displayName(tenant, id));
      if (plan.post) {
        const post = plan.post;
        const sent = await pacedSend(deps, run, tenant, messenger, post.conversationId, () => messenger.updateMessage(tenant, post, { kind: 'notice', view }));
        if (sent.type === 'deferred') return sent.outcome;
        if (sent.result.ok || sent.result.retryable) return sent.result.ok ? outcome.done() : failureOutcome(sent.result);
        deps.logger.warn({ tenantId: tenant.id, detail: sent.result.detail }, 'action plan post could not be updated; posting a new one');
      }
      const key = `action-plan:${tenant.id}:${plan.post ? plan.post.messageId : 'first'}`;
      const sent = await pacedSend(deps, run, tenant, messenger, channel.id, () => messenger.postToChannel(tenant, channel.id, { kind: 'notice', view }, { idempotencyKey: key }));
      if (sent.type === 'deferred') return sent.outcome;
      if (!sent.result.ok) return failureOutcome(sent.result);
      await deps.repos.actions.setPlanPost(tenant.id, { conversationId: sent.result.conversationId ?? channel.id, messageId: sent.result.messageId });
      return outcome.done();
    },
  };
}
