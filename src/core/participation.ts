import type { Lang } from './questionnaire/schema';

/**
 * Who was invited to a round and where the invitation stands. This is the only place a platform
 * user id meets a round; it never holds an answer, so it cannot tell who answered what. It keeps
 * only what the counts and the reminders need: the status and the number of reminders, and no
 * moment of any status change (a "started at" or "completed at" would line up with the moment a
 * response changed and name its writer to anyone reading the database).
 */
export const PARTICIPATION_STATUSES = ['pending', 'delivered', 'started', 'completed', 'opted_out', 'undeliverable'] as const;
export type ParticipationStatus = (typeof PARTICIPATION_STATUSES)[number];

export interface Participation {
  roundId: string;
  tenantId: string;
  platformUserId: string;
  status: ParticipationStatus;
  /** Why an invitation could not be delivered (user left, bot blocked, not installed …). */
  undeliverableReason?: string;
  /** Platform message id of the invitation, so it can be updated in place. */
  invitationMessageId?: string;
  /** Conversation the invitation went to (Slack DM channel, Teams conversation id). */
  conversationId?: string;
  remindersSent: number;
  /**
   * The person's chat language once known (their Slack locale, the locale of their Teams
   * messages): invitations, reminders and notices follow it; the round's language until then.
   */
  lang?: Lang;
  /** When the round opened for this person: the round's own opening, the same for everyone invited then. */
  invitedAt: Date;
}

/** Status only moves forward, so a late "delivered" never overwrites "completed". */
const RANK: Record<ParticipationStatus, number> = { pending: 0, delivered: 1, started: 2, completed: 3, opted_out: 4, undeliverable: 1 };

export function advances(from: ParticipationStatus, to: ParticipationStatus): boolean {
  // Someone who opted out may change their mind and start after all; nothing else revives them.
  if (from === 'opted_out') return to === 'started' || to === 'completed';
  // Withdrawing after finishing is allowed: the answers are erased with it (RespondentService.optOut).
  if (to === 'opted_out') return true;
  if (from === 'undeliverable') return to === 'started' || to === 'completed';
  return RANK[to] > RANK[from];
}

/** Statuses that count as "has not finished" for reminders. */
export const REMINDABLE: readonly ParticipationStatus[] = ['delivered', 'started'];

export interface DeliveryProgress {
  invited: number;
  pending: number;
  delivered: number;
  started: number;
  completed: number;
  optedOut: number;
  undeliverable: number;
}

/**
 * Counts only. "delivered" counts everyone whose invitation arrived (including those who have
 * since started or completed), so the numbers read as a funnel.
 */
export function progressFromCounts(counts: Partial<Record<ParticipationStatus, number>>): DeliveryProgress {
  const c = (s: ParticipationStatus) => counts[s] ?? 0;
  return {
    invited: PARTICIPATION_STATUSES.reduce((n, s) => n + c(s), 0),
    pending: c('pending'),
    delivered: c('delivered') + c('started') + c('completed') + c('opted_out'),
    started: c('started') + c('completed'),
    completed: c('completed'),
    optedOut: c('opted_out'),
    undeliverable: c('undeliverable'),
  };
}
