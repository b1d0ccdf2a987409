import { mentionDue } from '../../../core/actions/due';
import { subjectOf } from '../../../core/actions/plan-view';
import { t } from '../../../i18n';
import type { NoticeView } from '../../../core/views/types';
import type { OrchestrationDeps } from '../../context';
import { failureOutcome, pacedSend } from '../../send';
import { outcome, type JobHandler } from '../../types';
import { loadTenant, payloadString, quietHoursCheck } from '../common';
import { dimensionTitleOf } from './post-action-plan';

/**
 * A direct message to an action's owner: when it is assigned, and before it is due. Both go out
 * inside working hours only. What is sent is decided when the job runs: an action that is done,
 * dropped, moved to someone else or given another due date since is not announced any more.
 */
export function notifyActionOwnerHandler(deps: OrchestrationDeps): JobHandler {
  return {
    async run(run) {
      const { job } = run;
      const platformUserId = payloadString(job, 'platformUserId');
      const reason = payloadString(job, 'reason');
      const action = await deps.repos.actions.get(payloadString(job, 'actionId'));
      if (!action || (action.status !== 'planned' && action.status !== 'in_progress')) return outcome.done();
      if (action.owner.kind !== 'person' || action.owner.platformUserId !== platformUserId) return outcome.done();
      if (reason === 'due' && action.dueDate !== job.payload.dueDate) return outcome.done();
      const tenant = await loadTenant(deps, action.tenantId);
      const quiet = quietHoursCheck(deps, tenant);
      const wait = quiet();
      if (wait) return wait;
      const lang = tenant.settings.language;
      const dimension = (await dimensionTitleOf(deps.repos, [action], lang))(action.dimensionId);
      const params = { what: action.what, subject: subjectOf(dimension, action.workPoint.text[lang]), due: mentionDue(action.dueDate, lang, tenant.settings.timeZone), sign: action.successSign };
      const view: NoticeView = {
        lang,
        tone: 'info',
        title: t(lang, reason === 'due' ? 'followup:owner.dueTitle' : 'followup:owner.assignedTitle'),
        text: t(lang, reason === 'due' ? 'followup:owner.dueText' : 'followup:owner.assignedText', params),
      };
      const messenger = deps.messengers.for(tenant);
      const sent = await pacedSend(deps, run, tenant, messenger, platformUserId, () => messenger.sendDirect(tenant, platformUserId, { kind: 'notice', view }, { idempotencyKey: job.key }), quiet);
      if (sent.type === 'deferred') return sent.outcome;
      return sent.result.ok ? outcome.done() : failureOutcome(sent.result);
    },
  };
}
