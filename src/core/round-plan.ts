import type { Participation } from './participation';
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

/**
 * After a round closes or is cancelled: one update per invitation that reached someone, so no
 * invitation keeps buttons that no longer work. Deterministic keys: closing twice adds nothing.
 */
export function closeInvitationJobs(round: Pick<Round, 'id' | 'tenantId'>, participations: readonly Participation[], now: Date): JobSpec[] {
  return participations
    .filter((p) => p.invitationMessageId && p.conversationId)
    .map((p) => ({ kind: 'close-invitation' as const, key: `close-invitation:${round.id}:${p.platformUserId}`, tenantId: round.tenantId, payload: { roundId: round.id, platformUserId: p.platformUserId }, runAt: now }));
}
