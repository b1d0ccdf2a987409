/**
 * The `verb` of every `Action.Execute` on our cards. Templates in cards/ use the same words for
 * their fixed buttons; card-actions.ts routes each verb to one service call.
 */
export const VERBS = [
  // staff
  'start',
  'openSection',
  'submitSection',
  'review',
  'later',
  /** The days question's running total: the card again with what was typed (kept as a draft). */
  'updateTotal',
  'done',
  'optOut',
  /** "In English" / "In het Nederlands" on the invitation: the person's language, chosen. */
  'language',
  // coordinators
  'newRound',
  'createRound',
  'status',
  'remind',
  'close',
  'publish',
  'cancel',
  'export',
  'moderate',
  'moderateQuote',
  'settings',
  'saveSettings',
  'help',
  // follow-up (issue #14): the vote and the action plan, see follow-up-actions.ts
  'openVote',
  'vote',
  'castVote',
  'closeVote',
  'actions',
  'actionForm',
  'saveAction',
  'editAction',
  'saveEditors',
  'repeatRound',
] as const;
export type Verb = (typeof VERBS)[number];

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && (VERBS as readonly string[]).includes(value);
}
