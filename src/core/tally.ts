import type { AnswerValue } from './answers';
import { countedSections } from './group-dimensions';
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
  /** Counters for the small whole numbers every scale uses; anything else goes to `other`. */
  private readonly small = new Uint32Array(SMALL_VALUES);
  private readonly other = new Map<number, number>();
  answers = 0;

  add(value: number): void {
    if (Number.isInteger(value) && value >= 0 && value < SMALL_VALUES) this.small[value]!++;
    else this.other.set(value, (this.other.get(value) ?? 0) + 1);
    this.answers++;
  }

  /** Count per value chosen at least once. */
  get counts(): Map<number, number> {
    const counts = new Map<number, number>();
    this.small.forEach((n, value) => {
      if (n > 0) counts.set(value, n);
    });
    for (const [value, n] of this.other) counts.set(value, (counts.get(value) ?? 0) + n);
    return counts;
  }
}

const SMALL_VALUES = 32;

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

type RoundShape = Pick<Round, 'questionnaire' | 'dimensionIds' | 'depth' | 'includeReflection'> & Partial<Pick<Round, 'groupDimensions'>>;

interface DimensionPlan {
  id: string;
  /** Each counted item with its tally, and whether it is one of the dimension's score items. */
  items: { id: string; tally: ItemTally; score: boolean }[];
  /** Score items that have no item tally of their own (none today; kept for safety). */
  extraScoreIds: string[];
  score: PooledCounts;
  groups: Map<string, PooledCounts>;
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

  constructor(private readonly round: RoundShape) {
    this.dimensions = roundDimensions(round).map((d) => {
      const scoreIds = new Set(scoreItemIds(d, round.depth));
      const itemIds = [d.globalJudgement.id, ...(round.depth === 'detailed' ? d.statements.map((s) => s.id) : [])];
      const items = itemIds.map((id) => {
        const tally: ItemTally = { values: new ValueCounts(), noView: 0 };
        this.tally.items.set(id, tally);
        return { id, tally, score: scoreIds.has(id) };
      });
      const score = new PooledCounts();
      const groups = new Map<string, PooledCounts>();
      this.tally.scores.set(d.id, score);
      this.tally.groupScores.set(d.id, groups);
      return { id: d.id, items, extraScoreIds: [...scoreIds].filter((id) => !itemIds.includes(id)), score, groups };
    });
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
    const groupId = group ?? UNDECLARED_GROUP;
    for (const d of this.dimensions) {
      if (submitted && !submitted.has(d.id)) continue;
      let pool: PooledCounts | undefined;
      const addToScore = (value: number) => {
        if (!pool) {
          pool = d.groups.get(groupId);
          if (!pool) d.groups.set(groupId, (pool = new PooledCounts()));
          pool.respondents++;
          d.score.respondents++;
        }
        d.score.add(value);
        pool.add(value);
      };
      for (const item of d.items) {
        const value = answers[item.id];
        // Anything but a number (no answer, "no view") is no opinion on the scale.
        if (typeof value === 'number') {
          item.tally.values.add(value);
          if (item.score) addToScore(value);
        } else if (value === NO_VIEW) item.tally.noView++;
      }
      for (const id of d.extraScoreIds) {
        const value = answers[id];
        if (typeof value === 'number') addToScore(value);
      }
    }
    if (submitted && !submitted.has(REFLECTION_SECTION)) return;
    if (submitted && !this.includeReflection) return;
    for (const id of this.allocationIds) {
      const value = answers[id];
      if (typeof value !== 'object' || value === null) continue;
      const allocation = this.tally.allocations.get(id)!;
      allocation.n++;
      const days = value as Record<string, number>;
      for (const domain of this.domainIds) allocation.sums.set(domain, allocation.sums.get(domain)! + (days[domain] ?? 0));
    }
  }

  /**
   * One stored response: only its submitted sections its group was asked count (countedSections),
   * and its group only when the questionnaire knows it. The respondent key and time stamps are
   * never read.
   */
  addResponse(response: Pick<ResponseRecord, 'answers' | 'submittedSections' | 'group'>): void {
    const submitted = countedSections(this.round, response);
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
