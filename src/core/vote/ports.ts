import type { Ballot, PriorityVote, VoteResult } from './model';

export type CastOutcome = 'cast' | 'already_voted';

/**
 * Storage of priority votes. Who voted and what was voted are kept apart so no ballot can be tied
 * to a person, also by someone holding a copy of the database:
 * - the voter record holds only a keyed hash of (vote, person), unique, with no time stamp;
 * - a ballot holds only its sorted choices and a random id; ballots live inside the vote's own
 *   document at a random position, so neither insertion order nor natural order follows the order
 *   people voted in, and no per-ballot time exists.
 */
export interface VoteRepository {
  /** Inserts the vote once; a second create for the same id returns the stored one. */
  create(vote: PriorityVote): Promise<PriorityVote>;
  get(id: string): Promise<PriorityVote | null>;
  listOpen(tenantId: string): Promise<PriorityVote[]>;
  /**
   * Records the voter (unique) and then adds the ballot. A second vote by the same person is
   * `already_voted` and adds nothing. If adding the ballot fails, the voter record is taken back so
   * the person can try again.
   */
  cast(voteId: string, voterKey: string, ballot: Ballot): Promise<CastOutcome>;
  hasVoted(voteId: string, voterKey: string): Promise<boolean>;
  countVoters(voteId: string): Promise<number>;
  ballots(voteId: string): Promise<Ballot[]>;
  /** open → closed with its result, once (compare-and-set); null when it was already closed. */
  close(voteId: string, result: VoteResult, now: Date): Promise<PriorityVote | null>;
  setPost(voteId: string, post: NonNullable<PriorityVote['post']>): Promise<void>;
}
