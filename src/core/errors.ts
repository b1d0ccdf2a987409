/**
 * Every refusal the core can give is a SurveyError with a stable code. Adapters never build their
 * own wording: they render `errors:<code>` from the locale files with the error's params, so a
 * Slack user, a Teams user and the playground see the same message in their own language.
 */
export const SURVEY_ERROR_CODES = [
  'round_closed',
  'round_not_open',
  'round_still_open',
  'round_not_found',
  'illegal_transition',
  'invalid_round',
  'unknown_item',
  'unknown_section',
  'required',
  'not_on_scale',
  'not_a_number',
  'text_too_long',
  'allocation_step',
  'allocation_range',
  'allocation_total',
  'unknown_domain',
  'unknown_role',
  'unknown_group',
  'not_invited',
  'opted_out',
  'withdrawal_closed',
  'not_coordinator',
  'no_coordinator_yet',
  'claim_invalid',
  'claim_not_needed',
  'threshold_too_low',
  'retention_out_of_range',
  'store_unavailable',
  'quote_not_found',
  'summary_published',
  'unknown_theme',
  'unscreened_answers',
  // Follow-up (issue #14)
  'round_not_published',
  'vote_not_found',
  'vote_closed',
  'vote_already_cast',
  'vote_no_choice',
  'vote_unknown_option',
  'vote_too_many',
  'action_not_found',
  'not_action_editor',
  'not_school_member',
  'invalid_action',
] as const;
export type SurveyErrorCode = (typeof SURVEY_ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number>;

export class SurveyError extends Error {
  constructor(
    readonly code: SurveyErrorCode,
    readonly params: ErrorParams = {},
    /** The item or form field the error belongs to, so forms can show it inline. */
    readonly field?: string,
  ) {
    super(`${code}${field ? ` (${field})` : ''}: ${JSON.stringify(params)}`);
    this.name = 'SurveyError';
  }
}

export function isSurveyError(e: unknown): e is SurveyError {
  return e instanceof SurveyError;
}
