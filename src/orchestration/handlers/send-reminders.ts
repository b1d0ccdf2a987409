import { REMINDABLE } from '../../core/participation';
import type { Job } from '../../core/ports';
import type { JobSpec } from '../../core/round-plan';
import { enqueueAll, type OrchestrationDeps } from '../context';
import { outcome, type JobHandler } from '../types';
import { acceptsMessages, loadRound, loadTenant } from './common';
import { spreadAtTenantRate } from '../fan-out';

/**
 * Which reminder this is: the plan's number ("1", "2", "3"), or "manual-<minute>" for the
 * coordinator's "remind now" (the minute is in its job key, so a double click stays one).
 */
export function reminderTag(job: Job): string {
  if (job.payload.manual === true) {
    const minute = /:manual:(.+)$/.exec(job.key)?.[1] ?? job.id;
    return `manual-${minute}`;
  }
  const number = job.payload.reminder;
  return typeof number === 'number' || typeof number === 'string' ? String(number) : job.id;
}

export function remindKey(roundId: string, tag: string, platformUserId: string): string {
  return `remind:${roundId}:${tag}:${platformUserId}`;
}

/**
 * Fans a reminder out into one `remind` job per delivered invitation (REMINDABLE). Opted-out
 * people are never selected, nor are people whose invitation never arrived. Finished people are
 * not told apart here: a job only for those who had not finished would tell anyone reading the
 * job queue who they were. Nothing is sent here: each job reads its person's response at send
 * time, so someone who has finished (by then) gets nothing.
 */
export function sendRemindersHandler(deps: OrchestrationDeps): JobHandler {
  return {
    async run({ job }) {
      const round = await loadRound(deps, job);
      if (!round || !acceptsMessages(round, deps.clock.now())) return outcome.done();
      const tag = reminderTag(job);
      const people = await deps.repos.participations.listByRound(round.id, { statuses: [...REMINDABLE] });
      const specs: JobSpec[] = people.map((p) => ({
        kind: 'remind',
        key: remindKey(round.id, tag, p.platformUserId),
        tenantId: round.tenantId,
        payload: { roundId: round.id, platformUserId: p.platformUserId, reminder: tag },
        runAt: deps.clock.now(),
      }));
      if (specs.length) await enqueueAll(deps, spreadAtTenantRate(deps, await loadTenant(deps, round.tenantId), specs));
      deps.logger.info({ roundId: round.id, reminder: tag, people: specs.length }, 'reminders planned');
      return outcome.done();
    },
  };
}
