import type { AnswerValue } from './answers';
import { guard, visibleGroups, type Figure, type WithheldReason } from './anonymity';
import { scoreItemIds } from './items';
import type { NoViewCount } from './no-view';
import type { RokBand, Scale } from './questionnaire/schema';
import { roundDimensions, type Round } from './round';
import { tallyAnswerSets, UNDECLARED_GROUP, ValueCounts, type AllocationTally, type ItemTally, type PooledCounts, type RoundTally } from './tally';

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
type TallyShape = RoundShape & { includeReflection?: boolean };
const tallyOf = (round: TallyShape, responses: AnswerSet[]): RoundTally => tallyAnswerSets({ includeReflection: false, ...round }, responses);

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The median from counts: the value(s) at the middle position(s) of the ordered values. */
function medianOfCounts(counts: ReadonlyMap<number, number>, total: number): number {
  const at = (position: number): number => {
    let seen = 0;
    for (const value of sortedValues(counts)) {
      seen += counts.get(value)!;
      if (seen > position) return value;
    }
    throw new Error('median position past the counted values');
  };
  const mid = Math.floor(total / 2);
  return total % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

const sortedValues = (counts: ReadonlyMap<number, number>): number[] => [...counts.keys()].sort((a, b) => a - b);

export function bandOf(scale: Scale, value: number): RokBand {
  let best = scale.points[0]!;
  for (const p of scale.points) if (Math.abs(p.value - value) <= Math.abs(best.value - value)) best = p;
  return best.band;
}

/** Stats over counted scale answers from `respondents` people. Pure; call only with at least one answer. */
export function scaleStatsFromCounts(scale: Scale, counted: ValueCounts, respondents: number): ScaleStats {
  const { counts, answers } = counted;
  const values = sortedValues(counts);
  let sum = 0;
  for (const v of values) sum += v * counts.get(v)!;
  const mean = sum / answers;
  let squares = 0;
  for (const v of values) squares += counts.get(v)! * (v - mean) ** 2;
  const sd = Math.sqrt(squares / answers);
  const distribution: Record<number, number> = {};
  for (const p of scale.points) distribution[p.value] = 0;
  for (const v of values) distribution[v] = (distribution[v] ?? 0) + counts.get(v)!;
  const bandShares: Record<RokBand, number> = { below: 0, approaching: 0, meeting: 0, exceeding: 0 };
  for (const p of scale.points) bandShares[p.band] += distribution[p.value]! / answers;
  return { n: respondents, answers, mean, median: medianOfCounts(counts, answers), sd, distribution, bandShares, band: bandOf(scale, mean) };
}

/** Stats over scale answers from `respondents` people. Pure; call only with at least one value. */
export function scaleStats(scale: Scale, values: number[], respondents: number): ScaleStats {
  const counted = new ValueCounts();
  for (const v of values) counted.add(v);
  return scaleStatsFromCounts(scale, counted, respondents);
}

/** A pool's figure under the threshold; n counts people who answered at least one pooled item. */
function pooledFigure(scale: Scale, pool: PooledCounts | undefined, k: number): Figure<ScaleStats> {
  const respondents = pool?.respondents ?? 0;
  return guard(respondents, k, () => scaleStatsFromCounts(scale, pool!, respondents));
}

/** A single item's figure: every answer is one person. */
function itemFigure(scale: Scale, item: ItemTally | undefined, k: number): Figure<ScaleStats> {
  const answers = item?.values.answers ?? 0;
  return guard(answers, k, () => scaleStatsFromCounts(scale, item!.values, answers));
}

export interface StatementFigure {
  statementId: string;
  dimensionId: string;
  figure: Figure<ScaleStats>;
  /** "Geen zicht" answers (left out of the figure) and all answers; counts only, no opinion. Withheld under k people. */
  noView?: NoViewCount;
}

export function statementStats(round: RoundShape, responses: AnswerSet[]): StatementFigure[] {
  return statementFigures(round, tallyOf(round, responses));
}

/**
 * "Geen zicht" answers on these items, from the tally (the same count countNoView makes over the
 * responses): never part of a figure, only counted beside it. A count is a figure too ("1 van 1:
 * geen zicht" tells what one person answered), so it is withheld, like any figure, when fewer
 * than k people answered these items: the most who answered any one of them, since everyone who
 * submits a section answers each of its statements.
 */
function noViewOf(tally: RoundTally, itemIds: readonly string[], k: number): NoViewCount | undefined {
  let noView = 0;
  let answered = 0;
  let people = 0;
  for (const id of itemIds) {
    const item = tally.items.get(id);
    if (!item) continue;
    const onItem = item.values.answers + item.noView;
    noView += item.noView;
    answered += onItem;
    people = Math.max(people, onItem);
  }
  return people >= k ? { noView, answered } : undefined;
}

/** Every statement's figure (detailed rounds; empty for quick ones), from a tally. */
export function statementFigures(round: RoundShape, tally: RoundTally): StatementFigure[] {
  if (round.depth !== 'detailed') return [];
  return roundDimensions(round).flatMap((d) =>
    d.statements.map((s) => ({ statementId: s.id, dimensionId: d.id, figure: itemFigure(round.questionnaire.scale, tally.items.get(s.id), round.anonymityThreshold), noView: noViewOf(tally, [s.id], round.anonymityThreshold) })),
  );
}

export interface DimensionFigure {
  dimensionId: string;
  /** Dimension score: statements pooled (detailed) or the global judgement (quick). */
  score: Figure<ScaleStats>;
  /** Share of global-judgement answers on an agreeing scale point. */
  agreement: Figure<{ n: number; share: number }>;
  /** "Geen zicht" answers over the dimension's statements (answers, not people). Withheld under k people. */
  noView?: NoViewCount;
}

export function globalAgreement(scale: Scale, responses: AnswerSet[], globalId: string, k: number): Figure<{ n: number; share: number }> {
  const counted = new ValueCounts();
  for (const r of responses) {
    const v = r.answers[globalId];
    if (typeof v === 'number') counted.add(v);
  }
  return agreementOfCounts(scale, counted, k);
}

function agreementOfCounts(scale: Scale, counted: ValueCounts | undefined, k: number): Figure<{ n: number; share: number }> {
  const n = counted?.answers ?? 0;
  return guard(n, k, () => {
    let agreeing = 0;
    for (const p of scale.points) if (p.agrees) agreeing += counted!.counts.get(p.value) ?? 0;
    return { n, share: agreeing / n };
  });
}

export function dimensionStats(round: RoundShape, responses: AnswerSet[]): DimensionFigure[] {
  return dimensionFigures(round, tallyOf(round, responses));
}

/** Each dimension's score and global-judgement agreement, from a tally. */
export function dimensionFigures(round: RoundShape, tally: RoundTally): DimensionFigure[] {
  const { scale } = round.questionnaire;
  const k = round.anonymityThreshold;
  return roundDimensions(round).map((d) => ({
    dimensionId: d.id,
    score: pooledFigure(scale, tally.scores.get(d.id), k),
    agreement: agreementOfCounts(scale, tally.items.get(d.globalJudgement.id)?.values, k),
    noView: noViewOf(tally, scoreItemIds(d, round.depth), k),
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

export { UNDECLARED_GROUP };

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
  if (!roundDimensions(round).some((d) => d.id === dimensionId)) throw new Error(`dimension ${dimensionId} not in round`);
  return groupBreakdownOf(round, tallyOf(round, responses), dimensionId);
}

/** groupBreakdown from a tally. */
export function groupBreakdownOf(round: RoundShape, tally: RoundTally, dimensionId: string): GroupBreakdown {
  const byGroup = tally.groupScores.get(dimensionId);
  if (!byGroup) throw new Error(`dimension ${dimensionId} not in round`);
  const k = round.anonymityThreshold;
  const counts = Object.fromEntries([...byGroup].map(([g, pool]) => [g, pool.respondents]));
  const { shown, withheld } = visibleGroups(counts, k, [UNDECLARED_GROUP]);
  return {
    dimensionId,
    groups: shown.map((g) => ({ groupId: g, figure: pooledFigure(round.questionnaire.scale, byGroup.get(g), k) })),
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

/** allocationMeans from a tally (the allocation question's sums, gathered in response order). */
export function allocationFigure(round: RoundShape, allocation: AllocationTally | undefined): Figure<{ n: number; means: Record<string, number> }> {
  const n = allocation?.n ?? 0;
  return guard(n, round.anonymityThreshold, () => {
    const means: Record<string, number> = {};
    for (const d of round.questionnaire.guidanceDomains) means[d.id] = allocation!.sums.get(d.id)! / n;
    return { n, means };
  });
}
