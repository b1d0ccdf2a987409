import { dimensionFigures } from '../aggregation';
import { withheld } from '../anonymity';
import type { RokBand } from '../questionnaire/schema';
import type { ResponseRecord } from '../response';
import type { Round } from '../round';
import { RoundTallier } from '../tally';
import type { RoundSummary, TrendDimension, TrendSummary } from './model';

/**
 * The team's previous published round: either its stored summary (preferred: the figures the
 * team saw then) or the round with its responses, recomputed under that round's own threshold.
 */
export type PreviousRound = { summary: RoundSummary } | { round: Round; responses: readonly ResponseRecord[] };

/** What the comparison needs of a round, whichever way it was given. */
type Comparable = {
  roundId: string;
  title: string;
  closedAt: string | null;
  dimensionIds: string[];
  depth: Round['depth'];
  scale: { value: number; band: RokBand }[];
  /** Shown dimension means; a withheld dimension is absent. */
  means: Map<string, number>;
};

type SummaryPart = Pick<RoundSummary, 'round' | 'labels' | 'dimensions'>;

function fromSummary(s: SummaryPart): Comparable {
  return {
    roundId: s.round.id,
    title: s.round.title,
    closedAt: s.round.closedAt,
    dimensionIds: s.round.dimensionIds,
    depth: s.round.depth,
    scale: s.labels.scalePoints.map((p) => ({ value: p.value, band: p.band })),
    means: new Map(s.dimensions.flatMap((d) => (d.score.status === 'shown' ? [[d.dimensionId, d.score.mean] as const] : []))),
  };
}

function fromRound(round: Round, responses: readonly ResponseRecord[]): Comparable {
  const tallier = new RoundTallier(round);
  for (const r of responses) tallier.addResponse(r);
  const figures = dimensionFigures(round, tallier.tally);
  return {
    roundId: round.id,
    title: round.title,
    closedAt: round.closedAt ? round.closedAt.toISOString() : null,
    dimensionIds: round.dimensionIds,
    depth: round.depth,
    scale: round.questionnaire.scale.points.map((p) => ({ value: p.value, band: p.band })),
    means: new Map(figures.flatMap((f) => (f.score.status === 'shown' ? [[f.dimensionId, f.score.mean] as const] : []))),
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
const sameScale = (a: Comparable['scale'], b: Comparable['scale']) =>
  a.length === b.length && a.every((p, i) => p.value === b[i]!.value && p.band === b[i]!.band);

/**
 * The change of each dimension mean against the previous round. Rounds compare only when they
 * asked the same dimensions, at the same depth (a quick round's score is the global judgement,
 * a detailed round's the pooled statements: different measures) and on the same scale. Each
 * change is shown only where both rounds showed that dimension's score.
 */
export function trendAgainst(current: SummaryPart, previous: PreviousRound | undefined): TrendSummary {
  const now = fromSummary(current);
  if (!previous) return { comparable: false, reason: 'no_previous' };
  const before = 'summary' in previous ? fromSummary(previous.summary) : fromRound(previous.round, previous.responses);
  if (before.roundId === now.roundId) return { comparable: false, reason: 'no_previous' };
  if (!sameSet(before.dimensionIds, now.dimensionIds)) return { comparable: false, reason: 'different_dimensions' };
  if (before.depth !== now.depth) return { comparable: false, reason: 'different_depth' };
  if (!sameScale(before.scale, now.scale)) return { comparable: false, reason: 'different_scale' };
  const dimensions: TrendDimension[] = now.dimensionIds.map((dimensionId) => {
    const previousMean = before.means.get(dimensionId);
    const currentMean = now.means.get(dimensionId);
    if (previousMean === undefined || currentMean === undefined) return { dimensionId, change: withheld('too_few') };
    return { dimensionId, change: { status: 'shown', previousMean, currentMean, change: currentMean - previousMean } };
  });
  return { comparable: true, previous: { roundId: before.roundId, title: before.title, closedAt: before.closedAt }, dimensions };
}
