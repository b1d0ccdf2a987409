import type { AnswerValue } from './answers';
import { scoreItemIds } from './items';
import type { ResponseRecord } from './response';
import { REFLECTION_SECTION, roundDimensions, type Round } from './round';

/** The reserved answer "I have no view on this" (geen zicht): never a scale value. */
export const NO_VIEW = 'no_view';

/** Self-declared group of respondents who declared none (or one the questionnaire does not know). */
export const UNDECLARED_GROUP = '_undeclared';

/**
 * How often each scale value was chosen. A six-point scale needs six counters, so medians,
 * distributions and means come from the counts instead of from copies of every answer.
 */
export class ValueCounts {
  readonly counts = new Map<number, number>();
  answers = 0;

  add(value: number): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    this.answers++;
  }
}

/** Scale answers pooled over several items, and the people behind them. */
export class PooledCounts extends ValueCounts {
  /** Respondents with at least one answer in the pool: what the anonymity threshold is checked on. */
  respondents = 0;
}

export interface ItemTally {
  values: ValueCounts;
  /** Answers "no view" (not part of any figure). */
  noView: number;
}

export interface AllocationTally {
  /** Respondents who answered the allocation question. */
  n: number;
  /** Days per guidance domain, summed in response order. */
  sums: Map<string, number>;
}

/** Everything the summary's figures need, gathered in one pass over the responses. */
export interface RoundTally {
  /** Per scale item (global judgement, and each statement of a detailed round). */
  items: Map<string, ItemTally>;
  /** Per dimension: the score items pooled (statements when detailed, the global judgement when quick). */
  scores: Map<string, PooledCounts>;
  /** Per dimension, per group (UNDECLARED_GROUP included) in order of first appearance: the same pool. */
  groupScores: Map<string, Map<string, PooledCounts>>;
  /** Per allocation question. */
  allocations: Map<string, AllocationTally>;
  /** Respondents per submitted section. */
  sectionRespondents: Map<string, number>;
}

type RoundShape = Pick<Round, 'questionnaire' | 'dimensionIds' | 'depth' | 'includeReflection'>;

interface DimensionPlan {
  id: string;
  scoreIds: string[];
  itemIds: string[];
}

/**
 * Feeds responses one at a time (an array or a database cursor) into a RoundTally. Holds only
 * counters, never a response, so a round of any size takes the same memory.
 */
export class RoundTallier {
  private readonly dimensions: DimensionPlan[];
  private readonly allocationIds: string[];
  private readonly domainIds: string[];
  private readonly knownGroups: Set<string>;
  readonly tally: RoundTally = { items: new Map(), scores: new Map(), groupScores: new Map(), allocations: new Map(), sectionRespondents: new Map() };

  constructor(round: RoundShape) {
    this.dimensions = roundDimensions(round).map((d) => {
      const scoreIds = scoreItemIds(d, round.depth);
      const itemIds = [d.globalJudgement.id, ...(round.depth === 'detailed' ? d.statements.map((s) => s.id) : [])];
      return { id: d.id, scoreIds, itemIds };
    });
    for (const d of this.dimensions) {
      for (const id of d.itemIds) this.tally.items.set(id, { values: new ValueCounts(), noView: 0 });
      this.tally.scores.set(d.id, new PooledCounts());
      this.tally.groupScores.set(d.id, new Map());
    }
    this.allocationIds = round.questionnaire.reflection.questions.filter((q) => q.type === 'allocation').map((q) => q.id);
    this.domainIds = round.questionnaire.guidanceDomains.map((d) => d.id);
    for (const id of this.allocationIds) this.tally.allocations.set(id, { n: 0, sums: new Map(this.domainIds.map((d) => [d, 0])) });
    this.knownGroups = new Set(round.questionnaire.groups.map((g) => g.id));
    this.includeReflection = round.includeReflection;
  }

  private readonly includeReflection: boolean;

  /**
   * One answer set as aggregation sees it. `submitted`, when given, says which sections count
   * (answers of a section never submitted are a draft, not an opinion).
   */
  add(answers: Record<string, AnswerValue>, group: string | undefined, submitted?: ReadonlySet<string>): void {
    const { tally } = this;
    const groupId = group ?? UNDECLARED_GROUP;
    for (const d of this.dimensions) {
      if (submitted && !submitted.has(d.id)) continue;
      for (const id of d.itemIds) {
        const value = answers[id];
        if (typeof value === 'number') tally.items.get(id)!.values.add(value);
        else if (value === NO_VIEW) tally.items.get(id)!.noView++;
      }
      let answered = false;
      let pool: PooledCounts | undefined;
      for (const id of d.scoreIds) {
        const value = answers[id];
        // Anything but a number (no answer, "no view") is no opinion on the scale.
        if (typeof value !== 'number') continue;
        if (!answered) {
          answered = true;
          const groups = tally.groupScores.get(d.id)!;
          pool = groups.get(groupId);
          if (!pool) groups.set(groupId, (pool = new PooledCounts()));
          pool.respondents++;
          tally.scores.get(d.id)!.respondents++;
        }
        tally.scores.get(d.id)!.add(value);
        pool!.add(value);
      }
    }
    if (submitted && !submitted.has(REFLECTION_SECTION)) return;
    if (submitted && !this.includeReflection) return;
    for (const id of this.allocationIds) {
      const value = answers[id];
      if (typeof value !== 'object' || value === null) continue;
      const allocation = tally.allocations.get(id)!;
      allocation.n++;
      const days = value as Record<string, number>;
      for (const domain of this.domainIds) allocation.sums.set(domain, allocation.sums.get(domain)! + (days[domain] ?? 0));
    }
  }

  /**
   * One stored response: only its submitted sections count, and its group only when the
   * questionnaire knows it. The respondent key and time stamps are never read.
   */
  addResponse(response: Pick<ResponseRecord, 'answers' | 'submittedSections' | 'group'>): void {
    const submitted = new Set(response.submittedSections);
    for (const section of submitted) this.tally.sectionRespondents.set(section, (this.tally.sectionRespondents.get(section) ?? 0) + 1);
    const group = response.group !== undefined && this.knownGroups.has(response.group) ? response.group : undefined;
    this.add(response.answers, group, submitted);
  }
}

/** The tally of answer sets as they are (already filtered to submitted sections). */
export function tallyAnswerSets(round: RoundShape, sets: Iterable<{ answers: Record<string, AnswerValue>; group?: string }>): RoundTally {
  const tallier = new RoundTallier(round);
  for (const set of sets) tallier.add(set.answers, set.group);
  return tallier.tally;
}

/** The tally of stored responses of one round, in one pass. */
export function tallyResponses(round: RoundShape & Pick<Round, 'id'>, responses: Iterable<Pick<ResponseRecord, 'roundId' | 'answers' | 'submittedSections' | 'group'>>): RoundTally {
  const tallier = new RoundTallier(round);
  for (const r of responses) if (r.roundId === round.id) tallier.addResponse(r);
  return tallier.tally;
}
