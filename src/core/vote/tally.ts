import { MIN_ANONYMITY_THRESHOLD } from '../tenant';
import type { Ballot, PriorityVote, VoteResult } from './model';

/**
 * The ranked result: options by votes, most first; ties keep the vote's option order (work points
 * first). Nothing is shown from fewer than k voters (never below the minimum threshold). Options
 * nobody chose are left out of the ranking.
 */
export function tally(vote: Pick<PriorityVote, 'options' | 'k'>, ballots: readonly Ballot[]): VoteResult {
  const voters = ballots.length;
  const k = Math.max(vote.k, MIN_ANONYMITY_THRESHOLD);
  if (voters < k) return { status: 'withheld', reason: 'too_few', voters };
  const counts = new Map<string, number>();
  for (const ballot of ballots) for (const id of new Set(ballot.choices)) counts.set(id, (counts.get(id) ?? 0) + 1);
  const ranking = vote.options
    .map((o, index) => ({ index, optionId: o.id, dimensionId: o.dimensionId, text: o.text, votes: counts.get(o.id) ?? 0 }))
    .filter((o) => o.votes > 0)
    .sort((a, b) => b.votes - a.votes || a.index - b.index)
    .map(({ index: _index, ...rest }) => rest);
  return { status: 'shown', voters, ranking };
}
