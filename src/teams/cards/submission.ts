import { randomUUID } from 'node:crypto';

/**
 * The one-off id of a form card that creates something (a round, an action), carried in its
 * submit button's `data` under this key.
 *
 * Why not the message id (`replyToId`): a card returned from an `Action.Execute` replaces the
 * card only in the clicking client, and the message keeps its id, so every later click on the
 * same message (a second action added from the returned plan, "Nieuwe ronde" on the same welcome
 * card next term) carries the same `replyToId`. Keyed on it, the second submission would get the
 * first one's result and store nothing. A fresh id per built form keeps a double click or a
 * redelivered invoke of the same form to one result, while a form built later is a new request.
 */
export const SUBMISSION_KEY = 'submission';

/** A new id for a form card being built. */
export function newSubmissionId(): string {
  return randomUUID();
}

/**
 * The submission id a submit carries, or undefined when it has none or it is not one of ours
 * (the data comes from the client: only a short id of safe characters is used as a key).
 */
export function submissionOf(data: Record<string, unknown>): string | undefined {
  const value = data[SUBMISSION_KEY];
  return typeof value === 'string' && /^[A-Za-z0-9-]{16,64}$/.test(value) ? value : undefined;
}
