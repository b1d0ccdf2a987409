import type { Lang } from './questionnaire/schema';

/**
 * Who was invited to a round and where the invitation stands. This is the only place a platform
 * user id meets a round; it never holds an answer, so it cannot tell who answered what. It keeps
 * only what the deliveries and the reminders need: whether the invitation arrived, whether the
 * person declined, and the number of reminder rounds they were part of. Not how far they got:
 * a "started" or "completed" per person, next to the responses' own states, paired people with
 * their answers for anyone reading the database (the only one who finished owns the only complete
 * response). How far someone got is read from their response, through the respondent key, by
 * whoever holds the secret (the person themselves, the reminders); the counts come from the
 * responses. Nor any moment of a status change: it would line up with a response's change.
 */
export const PARTICIPATION_STATUSES = ['pending', 'delivered', 'opted_out', 'undeliverable'] as const;
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
  /**
   * The reminder rounds this invitation was part of: every delivered invitation counts each one,
   * whether its person still needed the reminder or had finished and got nothing (a count of
   * reminders actually sent would tell who had not finished).
   */
  remindersSent: number;
  /**
   * The person's chat language once known (their Slack locale, the locale of their Teams
   * messages): invitations, reminders and notices follow it; the round's language until then.
   */
  lang?: Lang;
  /** When the round opened for this person: the round's own opening, the same for everyone invited then. */
  invitedAt: Date;
}

/**
 * How deliveries move an invitation: forward only (pending → delivered or undeliverable), so a
 * late failure never overwrites a delivered invitation; anyone may decline (opt out).
 */
export function advances(from: ParticipationStatus, to: ParticipationStatus): boolean {
  if (to === 'opted_out') return from !== 'opted_out';
  return from === 'pending' && (to === 'delivered' || to === 'undeliverable');
}

/**
 * The person answers (opens or submits a section): an invitation that had not arrived yet, could
 * not be delivered (they came through App Home) or was declined (they changed their mind) counts
 * as delivered from then on. Only the person's own action does this, never a delivery.
 */
export const REJOINS_FROM: readonly ParticipationStatus[] = ['pending', 'undeliverable', 'opted_out'];

/** The invitations a reminder round goes to; whether each person has finished is their response's to say. */
export const REMINDABLE: readonly ParticipationStatus[] = ['delivered'];

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
 * Counts only: the invitations by status, and the responses by how far they got (a prepared,
 * untouched response counts for neither; an erased one, of someone who opted out, neither).
 * "delivered" counts everyone whose invitation arrived, including those who have since started,
 * completed or declined, so the numbers read as a funnel.
 */
export function progressFromCounts(counts: Partial<Record<ParticipationStatus, number>>, responses: { started: number; completed: number }): DeliveryProgress {
  const c = (s: ParticipationStatus) => counts[s] ?? 0;
  return {
    invited: PARTICIPATION_STATUSES.reduce((n, s) => n + c(s), 0),
    pending: c('pending'),
    delivered: c('delivered') + c('opted_out'),
    started: responses.started,
    completed: responses.completed,
    optedOut: c('opted_out'),
    undeliverable: c('undeliverable'),
  };
}
