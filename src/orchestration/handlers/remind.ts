import { inviteeProgress } from '../../core/invitee-progress';
import { REMINDABLE } from '../../core/participation';
import { MAX_REMINDERS } from '../../core/round';
import { buildReminder } from '../../core/views/invitation';
import type { OrchestrationDeps } from '../context';
import { failureOutcome, pacedSend } from '../send';
import { outcome, type JobHandler } from '../types';
import { acceptsMessages, loadRound, loadTenant, payloadString, quietHoursCheck } from './common';

/**
 * One reminder round reaching one invitee. Everything is checked again at send time: the round is
 * still open, the invitation arrived and was not declined, it is working hours, and — from their
 * response, through the respondent key — the person has not finished. Someone who finished gets
 * nothing, yet the round is counted for them as for everyone it reached (remindersSent), so the
 * stored count does not tell who had finished. The text depends on whether they started; it
 * speaks only to them and never mentions anyone else. Nobody gets more than MAX_REMINDERS
 * reminders in one round, whatever mix of planned and manual reminders asks for it.
 */
export function remindHandler(deps: OrchestrationDeps): JobHandler {
  return {
    async run(run) {
      const { job } = run;
      const platformUserId = payloadString(job, 'platformUserId');
      const round = await loadRound(deps, job);
      if (!round || !acceptsMessages(round, deps.clock.now())) return outcome.done();
      const participation = await deps.repos.participations.get(round.id, platformUserId);
      if (!participation || !REMINDABLE.includes(participation.status)) return outcome.done();
      if (participation.remindersSent >= MAX_REMINDERS) return outcome.done();
      const tenant = await loadTenant(deps, round.tenantId);
      const { timeZone } = tenant.settings;
      const quiet = quietHoursCheck(deps, tenant);
      // Waiting past the closing time is fine: the round is checked again when the job wakes.
      // Everyone's job waits alike, finished or not, so its stored times do not set them apart.
      const waitForWorkingHours = quiet();
      if (waitForWorkingHours) return waitForWorkingHours;
      const { started, complete } = (await inviteeProgress(deps.repos, deps.respondentSecret, round.id, [participation]))[0]!;
      if (complete) {
        await deps.repos.participations.incrementReminders(round.id, platformUserId, deps.clock.now());
        return outcome.done();
      }

      const messenger = deps.messengers.for(tenant);
      const message = { kind: 'reminder' as const, view: buildReminder(round, participation.lang ?? round.language, timeZone, started, await deps.tenants.schoolLabel(deps, tenant)) };
      const sent = await pacedSend(deps, run, tenant, messenger, platformUserId, () =>
        messenger.sendDirect(tenant, platformUserId, message, { idempotencyKey: job.key }),
        quiet,
      );
      if (sent.type === 'deferred') return sent.outcome;
      if (sent.result.ok) {
        await deps.repos.participations.incrementReminders(round.id, platformUserId, deps.clock.now());
        return outcome.done();
      }
      // Someone who cannot be reached any more just gets no reminder; the invitation did arrive.
      if (!sent.result.retryable) return outcome.done();
      return failureOutcome(sent.result);
    },
  };
}
