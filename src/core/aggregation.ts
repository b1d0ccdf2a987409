import type { AnswerValue } from './answers';
import { guard, visibleGroups, type Figure, type WithheldReason } from './anonymity';
import { scoreItemIds } from './items';
import { countNoView, type NoViewCount } from './no-view';
import type { RokBand, Scale } from './questionnaire/schema';
import { roundDimensions, type Round } from './round';

/** What aggregation needs of a response: answers and the self-declared group, nothing else. */
export interface AnswerSet {
  answers: Record<string, AnswerValue>;
  group?: string;
}

export interface ScaleStats {
  /** Respondents behind the figure (people, not answers): what the threshold is checked on. */
  n: number;
  /** Scale answers pooled into the figure. */
  answers: number;
  mean: number;
  median: number;
  /** Population standard deviation: the spread of opinion. */
  sd: number;
  /** Answer count per scale value, every point present (0 when nobody chose it). */
  distribution: Record<number, number>;
  /** Share of answers (0..1) per ROK band. */
  bandShares: Record<RokBand, number>;
  /** The band of the scale point nearest the mean (ties go up). */
  band: RokBand;
}

type RoundShape = Pick<Round, 'questionnaire' | 'dimensionIds' | 'depth' | 'anonymityThreshold'>;

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function bandOf(scale: Scale, value: number): RokBand {
  let best = scale.points[0]!;
  for (const p of scale.points) if (Math.abs(p.value - value) <= Math.abs(best.value - value)) best = p;
  return best.band;
}

/** Stats over scale answers from `respondents` people. Pure; call only with at least one value. */
export function scaleStats(scale: Scale, values: number[], respondents: number): ScaleStats {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
  const distribution: Record<number, number> = {};
  for (const p of scale.points) distribution[p.value] = 0;
  for (const v of values) distribution[v] = (distribution[v] ?? 0) + 1;
  const bandShares: Record<RokBand, number> = { below: 0, approaching: 0, meeting: 0, exceeding: 0 };
  for (const p of scale.points) bandShares[p.band] += distribution[p.value]! / values.length;
  return { n: respondents, answers: values.length, mean, median: median(values), sd, distribution, bandShares, band: bandOf(scale, mean) };
}

const numberAnswer = (a: AnswerSet, id: string): number | undefined => (typeof a.answers[id] === 'number' ? (a.answers[id] as number) : undefined);

/** Pools the given items' scale answers; n counts people who answered at least one of them. */
function pooled(scale: Scale, responses: AnswerSet[], itemIds: string[], k: number): Figure<ScaleStats> {
  const values: number[] = [];
  let respondents = 0;
  for (const r of responses) {
    const mine = itemIds.map((id) => numberAnswer(r, id)).filter((v): v is number => v !== undefined);
    if (mine.length) respondents++;
    values.push(...mine);
  }
  return guard(respondents, k, () => scaleStats(scale, values, respondents));
}

export interface StatementFigure {
  statementId: string;
  dimensionId: string;
  figure: Figure<ScaleStats>;
  /** "Geen zicht" answers (left out of the figure) and all answers; counts only, no opinion. */
  noView: NoViewCount;
}

export function statementStats(round: RoundShape, responses: AnswerSet[]): StatementFigure[] {
  if (round.depth !== 'detailed') return [];
  return roundDimensions(round).flatMap((d) =>
    d.statements.map((s) => ({ statementId: s.id, dimensionId: d.id, figure: pooled(round.questionnaire.scale, responses, [s.id], round.anonymityThreshold), noView: countNoView(responses, [s.id]) })),
  );
}

export interface DimensionFigure {
  dimensionId: string;
  /** Dimension score: statements pooled (detailed) or the global judgement (quick). */
  score: Figure<ScaleStats>;
  /** Share of global-judgement answers on an agreeing scale point. */
  agreement: Figure<{ n: number; share: number }>;
  /** "Geen zicht" answers over the dimension's statements (answers, not people). */
  noView: NoViewCount;
}

export function globalAgreement(scale: Scale, responses: AnswerSet[], globalId: string, k: number): Figure<{ n: number; share: number }> {
  const values = responses.map((r) => numberAnswer(r, globalId)).filter((v): v is number => v !== undefined);
  const agreeing = new Set(scale.points.filter((p) => p.agrees).map((p) => p.value));
  return guard(values.length, k, () => ({ n: values.length, share: values.filter((v) => agreeing.has(v)).length / values.length }));
}

export function dimensionStats(round: RoundShape, responses: AnswerSet[]): DimensionFigure[] {
  const { scale } = round.questionnaire;
  const k = round.anonymityThreshold;
  return roundDimensions(round).map((d) => ({
    dimensionId: d.id,
    score: pooled(scale, responses, scoreItemIds(d, round.depth), k),
    agreement: globalAgreement(scale, responses, d.globalJudgement.id, k),
    noView: countNoView(responses, scoreItemIds(d, round.depth)),
  }));
}

/** The three (or `count`) best and worst statements with a shown figure; the two lists never overlap. */
export function strongestAndWeakest(figures: StatementFigure[], count = 3): { strongest: StatementFigure[]; weakest: StatementFigure[] } {
  const shown = figures.filter((f) => f.figure.status === 'shown');
  const mean = (f: StatementFigure) => (f.figure.status === 'shown' ? f.figure.mean : 0);
  // Stable sort keeps questionnaire order among ties.
  const byMeanDesc = [...shown].sort((a, b) => mean(b) - mean(a));
  const take = Math.min(count, Math.floor(shown.length / 2));
  // Weakest first; a stable ascending sort (not reverse()) keeps questionnaire order among ties here too.
  const weakest = byMeanDesc.slice(byMeanDesc.length - take).sort((a, b) => mean(a) - mean(b));
  return { strongest: byMeanDesc.slice(0, take), weakest };
}

export const UNDECLARED_GROUP = '_undeclared';

export interface GroupBreakdown {
  dimensionId: string;
  groups: { groupId: string; figure: Figure<ScaleStats> }[];
  withheld: Record<string, WithheldReason>;
}

/**
 * One dimension's score per self-declared group, under the anonymity rules. Respondents without
 * a group count in the total but are never shown as a group of their own.
 */
export function groupBreakdown(round: RoundShape, responses: AnswerSet[], dimensionId: string): GroupBreakdown {
  const dimension = roundDimensions(round).find((d) => d.id === dimensionId);
  if (!dimension) throw new Error(`dimension ${dimensionId} not in round`);
  const ids = scoreItemIds(dimension, round.depth);
  const k = round.anonymityThreshold;
  const answered = responses.filter((r) => ids.some((id) => numberAnswer(r, id) !== undefined));
  const byGroup = new Map<string, AnswerSet[]>();
  for (const r of answered) {
    const g = r.group ?? UNDECLARED_GROUP;
    byGroup.set(g, [...(byGroup.get(g) ?? []), r]);
  }
  const counts = Object.fromEntries([...byGroup].map(([g, rs]) => [g, rs.length]));
  const { shown, withheld } = visibleGroups(counts, k, [UNDECLARED_GROUP]);
  return {
    dimensionId,
    groups: shown.map((g) => ({ groupId: g, figure: pooled(round.questionnaire.scale, byGroup.get(g)!, ids, k) })),
    withheld,
  };
}

/** Reflection question 3: mean days per week per guidance domain. */
export function allocationMeans(round: RoundShape, responses: AnswerSet[], questionId: string): Figure<{ n: number; means: Record<string, number> }> {
  const answers = responses.map((r) => r.answers[questionId]).filter((a): a is Record<string, number> => typeof a === 'object' && a !== null);
  return guard(answers.length, round.anonymityThreshold, () => {
    const means: Record<string, number> = {};
    for (const d of round.questionnaire.guidanceDomains) means[d.id] = answers.reduce((s, a) => s + (a[d.id] ?? 0), 0) / answers.length;
    return { n: answers.length, means };
  });
}
