import { roundProgress } from '../../core/round-progress';
import type { JobSpec } from '../../core/round-plan';
import type { Round } from '../../core/round';
import type { Tenant } from '../../core/tenant';
import type { NoticeView } from '../../core/views/types';
import type { OrchestrationDeps } from '../context';
import { audienceEmptyNotice, closedNotice, isNoticeKind, publishFailedNotice, type NoticeKind } from '../notices';
import { failureOutcome, pacedSend } from '../send';
import { outcome, PermanentJobError, type JobHandler } from '../types';
import { loadRound, loadTenant, payloadString } from './common';

/**
 * One notice job per coordinator; the key makes each notice go out once per coordinator (per
 * `occasion`, for notices that can happen more than once, such as a failed publication).
 */
export function notifyCoordinatorSpecs(
  round: Pick<Round, 'id' | 'tenantId'>,
  tenant: Tenant,
  notice: NoticeKind,
  now: Date,
  extra: Record<string, string> = {},
  occasion?: string,
): JobSpec[] {
  return tenant.settings.coordinators.map((coordinator) => ({
    kind: 'notify-coordinator',
    key: `notify:${round.id}:${notice}${occasion ? `:${occasion}` : ''}:${coordinator}`,
    tenantId: round.tenantId,
    payload: { roundId: round.id, platformUserId: coordinator, notice, ...extra },
    runAt: now,
  }));
}

/**
 * A direct message to one coordinator about a round: closed (with the counts and what happens
 * with the summary), nobody to invite, or the summary could not be posted. The text is built
 * when it is sent, so the counts are the ones at that moment. Coordinator notices are not held
 * back by quiet hours (those are for invitations and reminders).
 */
export function notifyCoordinatorHandler(deps: OrchestrationDeps): JobHandler {
  return {
    async run(run) {
      const { job } = run;
      const platformUserId = payloadString(job, 'platformUserId');
      const notice = job.payload.notice;
      if (!isNoticeKind(notice)) throw new PermanentJobError(`unknown notice ${String(notice)}`);
      const round = await loadRound(deps, job);
      if (!round) return outcome.done();
      const tenant = await loadTenant(deps, round.tenantId);
      const lang = tenant.settings.language;
      let view: NoticeView;
      if (notice === 'closed') view = closedNotice(round, tenant, await roundProgress(deps.repos, round), lang);
      else if (notice === 'audienceEmpty') view = audienceEmptyNotice(round, lang);
      else view = publishFailedNotice(round, tenant, typeof job.payload.reason === 'string' ? job.payload.reason : 'other', lang);

      const messenger = deps.messengers.for(tenant);
      const sent = await pacedSend(deps, run, tenant, messenger, platformUserId, () =>
        messenger.sendDirect(tenant, platformUserId, { kind: 'notice', view }, { idempotencyKey: job.key }),
      );
      if (sent.type === 'deferred') return sent.outcome;
      if (sent.result.ok) return outcome.done();
      return failureOutcome(sent.result);
    },
  };
}
