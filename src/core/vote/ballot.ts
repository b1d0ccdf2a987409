import { SurveyError } from '../errors';
import type { Ballot, PriorityVote } from './model';

/**
 * Checks a person's choices against the vote: known options only (anything else, including keys
 * such as "__proto__" from an edited payload, is refused), at least one, at most maxChoices.
 * Returns the ballot with the choices de-duplicated and sorted.
 */
export function ballotFrom(vote: Pick<PriorityVote, 'options' | 'maxChoices'>, choices: readonly unknown[]): Ballot {
  const known = new Set(vote.options.map((o) => o.id));
  const unique = [...new Set(choices.filter((c): c is string => typeof c === 'string' && c !== ''))];
  if (unique.length === 0) throw new SurveyError('vote_no_choice', {}, 'choices');
  if (unique.some((c) => !known.has(c))) throw new SurveyError('vote_unknown_option', {}, 'choices');
  if (unique.length > vote.maxChoices) throw new SurveyError('vote_too_many', { max: vote.maxChoices }, 'choices');
  return { choices: unique.sort() };
}
