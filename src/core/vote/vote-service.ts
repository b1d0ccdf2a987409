import { createHmac } from 'node:crypto';
import { SurveyError } from '../errors';
import type { RoundSummary } from '../summary/model';
import type { Round } from '../round';
import { MIN_ANONYMITY_THRESHOLD } from '../tenant';
import type { Actor, ServiceDeps } from '../services/deps';
import { ballotFrom } from './ballot';
import { DEFAULT_VOTE_DAYS, MAX_CHOICES, voteIdFor, type PriorityVote } from './model';
import { voteOptions } from './options';
import { tally } from './tally';
import { ballotView, type BallotView } from './views';

/** A keyed hash of (vote, person): the voter record never holds a user id. */
export function voterKey(secret: string, voteId: string, platformUserId: string): string {
  return createHmac('sha256', secret).update(`vote\u0000${voteId}\u0000${platformUserId}`).digest('base64url');
}

export function dimensionTitles(round: Pick<Round, 'questionnaire'>): Record<string, { nl: string; en: string }> {
  return Object.fromEntries(round.questionnaire.dimensions.map((d) => [d.id, d.title]));
}

/**
 * The priority vote: the coordinator opens it after publication, colleagues who were invited to
 * the round vote once each, and the result (ranked, only with ≥ k voters) is posted at closing.
 * The posts and the closing are durable jobs (src/orchestration/handlers/follow-up).
 */
export class VoteService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly assertCoordinator: (actor: Actor) => void,
  ) {}

  private async latestPublished(tenantId: string): Promise<Round | null> {
    const [round] = await this.deps.repos.rounds.listByTenant(tenantId, { states: ['published'], limit: 1 });
    return round ?? null;
  }

  /** Opens the vote on the latest published round (or the given one). Opening twice yields one vote. */
  async open(actor: Actor, opts: { roundId?: string; days?: number } = {}): Promise<PriorityVote> {
    this.assertCoordinator(actor);
    const round = opts.roundId ? await this.deps.repos.rounds.get(opts.roundId) : await this.latestPublished(actor.tenant.id);
    if (!round || round.tenantId !== actor.tenant.id) throw new SurveyError('round_not_published');
    if (round.state !== 'published') throw new SurveyError('round_not_published');
    if (!actor.tenant.settings.teamChannel) throw new SurveyError('invalid_round', { reason: 'no_team_channel' }, 'teamChannel');
    const existing = await this.deps.repos.votes.get(voteIdFor(round.id));
    if (existing) return existing;
    const record = await this.deps.repos.summaries.get(round.id);
    if (!record) throw new SurveyError('round_not_published');
    const options = voteOptions(record.summary as unknown as RoundSummary);
    if (options.length === 0) throw new SurveyError('vote_no_choice');
    const now = this.deps.clock.now();
    const days = opts.days && opts.days > 0 && opts.days <= 60 ? opts.days : DEFAULT_VOTE_DAYS;
    const vote = await this.deps.repos.votes.create({
      id: voteIdFor(round.id),
      tenantId: actor.tenant.id,
      roundId: round.id,
      roundTitle: round.title,
      options,
      maxChoices: Math.min(MAX_CHOICES, options.length),
      k: Math.max(actor.tenant.settings.anonymityThreshold, round.anonymityThreshold, MIN_ANONYMITY_THRESHOLD),
      state: 'open',
      openedBy: actor.platformUserId,
      openedAt: now,
      closesAt: new Date(now.getTime() + days * 86_400_000),
    });
    const base = { tenantId: vote.tenantId, payload: { roundId: vote.roundId, voteId: vote.id } };
    await this.deps.repos.jobs.enqueue({ ...base, kind: 'post-vote', key: `post-vote:${vote.id}`, runAt: now }, now);
    await this.deps.repos.jobs.enqueue({ ...base, kind: 'close-vote', key: `close-vote:${vote.id}`, runAt: vote.closesAt }, now);
    this.deps.wakeScheduler?.();
    return vote;
  }

  /** The tenant's open vote (the newest), or the given one. */
  async find(actor: Actor, voteId?: string): Promise<PriorityVote> {
    if (voteId) {
      const vote = await this.deps.repos.votes.get(voteId);
      if (!vote || vote.tenantId !== actor.tenant.id) throw new SurveyError('vote_not_found');
      return vote;
    }
    const [vote] = await this.deps.repos.votes.listOpen(actor.tenant.id);
    if (!vote) throw new SurveyError('vote_not_found');
    return vote;
  }

  /** Only colleagues invited to the round vote on its work points. */
  private async assertEligible(actor: Actor, vote: PriorityVote): Promise<void> {
    const participation = await this.deps.repos.participations.get(vote.roundId, actor.platformUserId);
    if (!participation) throw new SurveyError('not_invited');
  }

  async ballot(actor: Actor, voteId?: string): Promise<BallotView> {
    const vote = await this.find(actor, voteId);
    if (vote.state !== 'open') throw new SurveyError('vote_closed');
    await this.assertEligible(actor, vote);
    const round = await this.deps.repos.rounds.get(vote.roundId);
    const voted = await this.deps.repos.votes.hasVoted(vote.id, voterKey(this.deps.respondentSecret, vote.id, actor.platformUserId));
    return ballotView(vote, actor.lang, actor.tenant.settings.timeZone, round ? dimensionTitles(round) : {}, voted);
  }

  /** One vote per person; a repeated submission (double click, retry) is refused politely, never counted twice. */
  async cast(actor: Actor, voteId: string, choices: readonly unknown[]): Promise<void> {
    const vote = await this.find(actor, voteId);
    if (vote.state !== 'open' || this.deps.clock.now() >= vote.closesAt) throw new SurveyError('vote_closed');
    await this.assertEligible(actor, vote);
    const ballot = ballotFrom(vote, choices);
    const outcome = await this.deps.repos.votes.cast(vote.id, voterKey(this.deps.respondentSecret, vote.id, actor.platformUserId), ballot);
    if (outcome === 'already_voted') throw new SurveyError('vote_already_cast');
  }

  /** Closes the vote now instead of at its closing time (the job tallies and posts). */
  async close(actor: Actor, voteId?: string): Promise<PriorityVote> {
    this.assertCoordinator(actor);
    const vote = await this.find(actor, voteId);
    if (vote.state !== 'open') throw new SurveyError('vote_closed');
    const now = this.deps.clock.now();
    await this.deps.repos.jobs.enqueue({ kind: 'close-vote', key: `close-vote:${vote.id}:now`, tenantId: vote.tenantId, payload: { roundId: vote.roundId, voteId: vote.id }, runAt: now }, now);
    this.deps.wakeScheduler?.();
    return vote;
  }
}

/** Tallies and closes a vote once (used by the close-vote job); returns the closed vote. */
export async function closeVote(repos: ServiceDeps['repos'], voteId: string, now: Date): Promise<PriorityVote | null> {
  const vote = await repos.votes.get(voteId);
  if (!vote) return null;
  if (vote.state === 'closed') return vote;
  const result = tally(vote, await repos.votes.ballots(vote.id));
  return (await repos.votes.close(vote.id, result, now)) ?? repos.votes.get(voteId);
}
