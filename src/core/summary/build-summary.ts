import type { DeliveryProgress } from '../participation';
import type { Quote } from '../ports';
import { ROK_BANDS } from '../questionnaire/schema';
import type { ResponseRecord } from '../response';
import type { Round } from '../round';
import { tallyResponses, type RoundTally } from '../tally';
import { dimensionSummaries, rankedStatements, statementSummaries } from './dimensions';
import { groupComparisons, largestGaps } from './group-gaps';
import { SUMMARY_VERSION, type RoundSummary, type SummaryRound } from './model';
import { visibleQuotes } from './quotes';
import { reflectionSummary } from './reflection';
import { responseRate } from './response-rate';
import { themeCounts } from './themes';
import { trendAgainst, type PreviousRound } from './trend';

export interface SummaryInput {
  round: Round;
  /** Every response of the round (ResponseRepository.listByRound). */
  responses: readonly ResponseRecord[];
  /** Participation counts (progressFromCounts(ParticipationRepository.countByStatus)). */
  progress: DeliveryProgress;
  /** Every quote of the round with its moderation state (QuoteRepository.listByRound). */
  quotes: readonly Quote[];
  /** The team's previous published round, for the trend (RoundRepository.previousPublished). */
  previous?: PreviousRound;
  now: Date;
}

function summaryRound(round: Round): SummaryRound {
  return {
    id: round.id,
    title: round.title,
    language: round.language,
    depth: round.depth,
    dimensionIds: [...round.dimensionIds],
    includeReflection: round.includeReflection,
    moderation: round.moderation,
    anonymityThreshold: round.anonymityThreshold,
    questionnaire: { id: round.questionnaire.id, version: round.questionnaire.version },
    opensAt: round.opensAt.toISOString(),
    closesAt: round.closesAt.toISOString(),
    closedAt: round.closedAt ? round.closedAt.toISOString() : null,
  };
}

/**
 * The summary of a closed round, computed once at closing (and again after moderation, until it
 * is published) from the core's aggregation and anonymity rules. Pure: same input, same output.
 * See model.ts for what it holds and what it never holds.
 */
export function buildSummary(input: SummaryInput): RoundSummary {
  const { responses, ...rest } = input;
  return buildSummaryFromTally({ ...rest, tally: tallyResponses(input.round, responses) });
}

/** What buildSummary needs when the responses were already tallied (e.g. streamed from the store). */
export type TalliedSummaryInput = Omit<SummaryInput, 'responses'> & {
  /** The round's responses in one pass (tallyResponses, or a RoundTallier fed from a cursor). */
  tally: RoundTally;
};

/** buildSummary over a tally: counters per item, dimension, group and section, no response kept. */
export function buildSummaryFromTally(input: TalliedSummaryInput): RoundSummary {
  const { round, progress, now, tally } = input;
  const quotes = visibleQuotes(round, input.quotes, tally.sectionRespondents);
  const scale = round.questionnaire.scale;
  const statements = statementSummaries(round, tally);
  const dimensions = dimensionSummaries(round, tally, statements, quotes);
  const { strongest, weakest } = rankedStatements(round, statements);
  const groups = groupComparisons(round, tally);
  const labels: RoundSummary['labels'] = {
    scalePoints: scale.points.map((p) => ({ value: p.value, label: p.label, band: p.band })),
    bands: ROK_BANDS.map((band) => ({ band, label: scale.bandLabels[band] })),
    stem: round.questionnaire.stem,
  };
  const rate = responseRate(progress);
  const summaryOfRound = summaryRound(round);
  return {
    version: SUMMARY_VERSION,
    round: summaryOfRound,
    computedAt: now.toISOString(),
    labels,
    responseRate: rate,
    dimensions,
    strongest,
    weakest,
    groups,
    gaps: largestGaps(groups),
    trend: trendAgainst({ round: summaryOfRound, labels, dimensions }, input.previous),
    reflection: reflectionSummary(round, tally, quotes),
    themes: themeCounts(quotes),
    closing: {
      thanks: { key: 'summary:closing.thanks', params: { completed: rate.completed, invited: rate.invited } },
      nextSteps: { key: 'summary:closing.nextSteps', params: {} },
    },
  };
}
