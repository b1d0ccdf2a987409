import type { LocalizedText } from '../questionnaire/schema';

/**
 * The team's priority vote after a round's summary is published (issue #14): every colleague who
 * was invited to the round picks up to MAX_CHOICES work points, anonymously.
 *
 * Anonymity rests on how it is stored (see VoteRepository): who voted is a separate record (a
 * keyed hash, no time), and the ballots carry no person, no time and no time-ordered id, sit in
 * random order inside the vote, and only a ranked tally of at least k voters is ever shown.
 */
export const MAX_CHOICES = 3;
/** How long a vote stays open when the coordinator does not close it sooner. */
export const DEFAULT_VOTE_DAYS = 7;

export type VoteOptionKind = 'workPoint' | 'statement' | 'dimension';

export type VoteOption = {
  /** The statement id, or "dim:<dimension id>" for a whole dimension (quick rounds). */
  id: string;
  kind: VoteOptionKind;
  dimensionId: string;
  text: LocalizedText;
};

export type VoteState = 'open' | 'closed';

export type RankedOption = { optionId: string; dimensionId: string; text: LocalizedText; votes: number };

/** Shown only when at least `k` colleagues voted. */
export type VoteResult = { status: 'shown'; voters: number; ranking: RankedOption[] } | { status: 'withheld'; reason: 'too_few'; voters: number };

export interface PriorityVote {
  /** "v-<round id>": one vote per round, so a double click opens one vote. */
  id: string;
  tenantId: string;
  roundId: string;
  roundTitle: string;
  options: VoteOption[];
  maxChoices: number;
  /** Copied at opening from the tenant (never below MIN_ANONYMITY_THRESHOLD). */
  k: number;
  state: VoteState;
  openedBy: string;
  openedAt: Date;
  closesAt: Date;
  closedAt?: Date;
  result?: VoteResult;
  /** The announcement in the team channel, updated when the vote closes. */
  post?: { conversationId: string; messageId: string };
}

/** One ballot: the chosen option ids, sorted (the order someone ticked them in says nothing). */
export type Ballot = { choices: string[] };

export function voteIdFor(roundId: string): string {
  return `v-${roundId}`;
}
