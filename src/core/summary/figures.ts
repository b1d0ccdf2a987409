import type { ScaleStats } from '../aggregation';
import { withheld, type Figure } from '../anonymity';
import type { Scale } from '../questionnaire/schema';
import type { ScaleFigure } from './model';

/**
 * Turns the aggregation's stats into the summary's shape: the distribution becomes an array in
 * scale order (a record keyed by numbers would come back from JSON/MongoDB with string keys).
 * A withheld figure stays withheld and carries nothing but its reason.
 */
export function toScaleFigure(scale: Scale, figure: Figure<ScaleStats>): ScaleFigure {
  if (figure.status === 'withheld') return withheld(figure.reason);
  return {
    status: 'shown',
    n: figure.n,
    answers: figure.answers,
    mean: figure.mean,
    median: figure.median,
    sd: figure.sd,
    distribution: scale.points.map((p) => {
      const count = figure.distribution[p.value] ?? 0;
      return { value: p.value, count, share: count / figure.answers, band: p.band };
    }),
    bandShares: { ...figure.bandShares },
    band: figure.band,
  };
}
