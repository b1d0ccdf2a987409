import { answersDueAt, purgeRoundAnswers } from '../../core/retention';
import type { JobSpec } from '../../core/round-plan';
import { enqueueAll, type OrchestrationDeps } from '../context';
import { outcome, type JobHandler } from '../types';

/** The retention sweep is not one workspace's job: it looks at every round. */
export const ALL_TENANTS = '*';
const DAY_MS = 86_400_000;

/** One sweep per UTC day: the key holds the day, so every process that starts enqueues the same one. */
export function retentionSweepSpec(runAt: Date): JobSpec {
  return { kind: 'purge-answers', key: `retention:${runAt.toISOString().slice(0, 10)}`, tenantId: ALL_TENANTS, payload: {}, runAt };
}

/**
 * The daily retention sweep: deletes the raw answers of every published or cancelled round whose
 * workspace's retention period (TenantSettings.retentionMonths, default 12 months) has passed,
 * then plans tomorrow's sweep. The period is read from the workspace's settings each day, so a
 * changed setting applies to every earlier round too. Summaries and published quotes stay.
 */
export function purgeAnswersHandler(deps: OrchestrationDeps): JobHandler {
  return {
    async run() {
      const now = deps.clock.now();
      for (const round of await deps.repos.rounds.listWithAnswersKept()) {
        const tenant = await deps.tenants.get(deps, round.tenantId);
        const due = answersDueAt(round, tenant?.settings ?? {});
        if (!due || due > now) continue;
        const responses = await purgeRoundAnswers(deps.repos, round, now);
        deps.logger.info({ roundId: round.id, responses }, 'raw answers deleted: retention period over');
      }
      const tomorrow = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS + 3 * 3_600_000);
      await enqueueAll(deps, [retentionSweepSpec(tomorrow)]);
      return outcome.done();
    },
  };
}
