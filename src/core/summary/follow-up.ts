import type { ActionItem, ActionStatus } from '../actions/model';
import type { LocalizedText } from '../questionnaire/schema';
import type { DimensionSummary, TrendSummary, TrendDimension } from './model';

/**
 * "Closing the loop" (issue #14): per dimension, what the team did since the previous round next
 * to how that dimension moved, so the team sees whether its actions show up in what colleagues
 * experience. Actions are commitments made in the open, but the summary still names nobody: it
 * carries what was done and how far it got, never who carried it.
 */
export type FollowUpAction = { what: string; status: ActionStatus; workPoint: LocalizedText };

export type FollowUpDimension = {
  dimensionId: string;
  title: LocalizedText;
  /** The dimension's change since the previous round; null when the rounds do not compare or this round did not ask it. */
  change: TrendDimension['change'] | null;
  actions: FollowUpAction[];
};

export type FollowUpSummary = {
  previous: { roundId: string; title: string };
  dimensions: FollowUpDimension[];
};

/**
 * The follow-up part of a summary: every dimension of this round (with or without actions), then
 * any other dimension the previous round's actions were about. Undefined when there was no
 * previous round.
 */
export function buildFollowUp(
  current: { dimensions: readonly Pick<DimensionSummary, 'dimensionId' | 'title'>[]; trend: TrendSummary },
  previous: { roundId: string; title: string; dimensionTitles: Record<string, LocalizedText> } | undefined,
  actions: readonly ActionItem[],
): FollowUpSummary | undefined {
  if (!previous) return undefined;
  const changes = new Map(current.trend.comparable ? current.trend.dimensions.map((d) => [d.dimensionId, d.change] as const) : []);
  const of = (dimensionId: string): FollowUpAction[] =>
    actions.filter((a) => a.dimensionId === dimensionId).map((a) => ({ what: a.what, status: a.status, workPoint: a.workPoint.text }));
  const dimensions: FollowUpDimension[] = current.dimensions.map((d) => ({ dimensionId: d.dimensionId, title: d.title, change: changes.get(d.dimensionId) ?? null, actions: of(d.dimensionId) }));
  const asked = new Set(dimensions.map((d) => d.dimensionId));
  for (const dimensionId of [...new Set(actions.map((a) => a.dimensionId))].filter((id) => !asked.has(id))) {
    dimensions.push({ dimensionId, title: previous.dimensionTitles[dimensionId] ?? { nl: dimensionId, en: dimensionId }, change: null, actions: of(dimensionId) });
  }
  return { previous: { roundId: previous.roundId, title: previous.title }, dimensions };
}
