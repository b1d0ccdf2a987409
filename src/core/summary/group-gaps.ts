import { groupBreakdownOf } from '../aggregation';
import { roundDimensions, type Round } from '../round';
import type { RoundTally } from '../tally';
import { toScaleFigure } from './figures';
import type { GroupComparison, GroupGap } from './model';

/** Two groups whose means differ by at least this many scale points "see this differently". */
export const GAP_THRESHOLD = 1.0;
/** The summary calls out only the largest gaps; the export lists every group's figure anyway. */
export const MAX_GAP_CALLOUTS = 3;
// Means are sums of integers divided by counts; allow for floating-point noise at the threshold.
const EPSILON = 1e-9;

type RoundShape = Pick<Round, 'questionnaire' | 'dimensionIds' | 'depth' | 'anonymityThreshold'>;

/** Per dimension, the groups the anonymity rules allow (see `groupBreakdown` / `visibleGroups`). */
export function groupComparisons(round: RoundShape, tally: RoundTally): GroupComparison[] {
  const { scale, groups } = round.questionnaire;
  return roundDimensions(round).map((d) => {
    const breakdown = groupBreakdownOf(round, tally, d.id);
    return {
      dimensionId: d.id,
      groups: breakdown.groups.map((g) => ({
        groupId: g.groupId,
        label: groups.find((x) => x.id === g.groupId)!.label,
        figure: toScaleFigure(scale, g.figure),
      })),
    };
  });
}

/**
 * Every pair of shown groups in a dimension whose means differ by at least GAP_THRESHOLD,
 * largest first (ties keep dimension order), at most MAX_GAP_CALLOUTS.
 */
export function largestGaps(comparisons: readonly GroupComparison[], threshold = GAP_THRESHOLD, max = MAX_GAP_CALLOUTS): GroupGap[] {
  const gaps: GroupGap[] = [];
  for (const c of comparisons) {
    const shown = c.groups.flatMap((g) => (g.figure.status === 'shown' ? [{ groupId: g.groupId, label: g.label, mean: g.figure.mean }] : []));
    for (let i = 0; i < shown.length; i++) {
      for (let j = i + 1; j < shown.length; j++) {
        const [higher, lower] = shown[i]!.mean >= shown[j]!.mean ? [shown[i]!, shown[j]!] : [shown[j]!, shown[i]!];
        const difference = higher.mean - lower.mean;
        if (difference >= threshold - EPSILON) gaps.push({ dimensionId: c.dimensionId, higher, lower, difference });
      }
    }
  }
  // Array.prototype.sort is stable, so equal gaps stay in dimension order.
  return gaps.sort((a, b) => b.difference - a.difference).slice(0, max);
}
