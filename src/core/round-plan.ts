import type { Job } from './ports';
import type { Round } from './round';

export type JobSpec = Pick<Job, 'kind' | 'key' | 'tenantId' | 'payload' | 'runAt'>;

/**
 * Answers saved in the last moments before closing must make it into the summary, so the close
 * job runs a little after the closing time; answers are refused from closesAt on.
 */
export const CLOSE_GRACE_MS = 15_000;

/**
 * The durable jobs a new round needs. Keys are deterministic, so planning the same round twice
 * (a retry, a double click) enqueues nothing new.
 */
export function planRoundJobs(round: Pick<Round, 'id' | 'tenantId' | 'opensAt' | 'closesAt' | 'reminderHours'>): JobSpec[] {
  const base = { tenantId: round.tenantId, payload: { roundId: round.id } };
  return [
    { ...base, kind: 'open-round', key: `open:${round.id}`, runAt: round.opensAt },
    ...round.reminderHours.map((h, index) => ({
      ...base,
      kind: 'send-reminders' as const,
      key: `reminders:${round.id}:${index}`,
      payload: { roundId: round.id, reminder: index + 1 },
      runAt: new Date(round.closesAt.getTime() - h * 3_600_000),
    })),
    { ...base, kind: 'close-round', key: `close:${round.id}`, runAt: new Date(round.closesAt.getTime() + CLOSE_GRACE_MS) },
  ];
}
