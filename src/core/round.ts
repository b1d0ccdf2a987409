import { z } from 'zod';
import { SurveyError } from './errors';
import { GROUP_STEP, hasGroupAssignment, resolveGroupDimensions, type GroupDimensions } from './group-dimensions';
import type { Dimension, Lang, Questionnaire } from './questionnaire/schema';

export const ROUND_STATES = ['draft', 'scheduled', 'open', 'closed', 'published', 'cancelled'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/** The only moves a round can make; everything else is refused with `illegal_transition`. */
const TRANSITIONS: Record<RoundState, readonly RoundState[]> = {
  draft: ['scheduled', 'open', 'cancelled'],
  scheduled: ['open', 'cancelled'],
  open: ['closed', 'cancelled'],
  closed: ['published'],
  published: [],
  cancelled: [],
};

export function canTransition(from: RoundState, to: RoundState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: RoundState, to: RoundState): void {
  if (!canTransition(from, to)) throw new SurveyError('illegal_transition', { from, to });
}

export type Depth = 'quick' | 'detailed';

export interface Audience {
  /** A channel's members, a user group, a Teams team's roster, or an explicit list (playground). */
  kind: 'channel' | 'usergroup' | 'team' | 'list';
  id: string;
  name?: string;
}

export interface Round {
  id: string;
  tenantId: string;
  title: string;
  /** A frozen copy: later edits to the questionnaire file never change a running round. */
  questionnaire: Questionnaire;
  dimensionIds: string[];
  /**
   * Which of the round's dimensions each respondent group is asked (see group-dimensions.ts);
   * absent when every group is asked every dimension. With it, the group is asked first.
   */
  groupDimensions?: GroupDimensions[];
  depth: Depth;
  includeReflection: boolean;
  audience: Audience;
  opensAt: Date;
  closesAt: Date;
  /** Hours before closing at which non-finishers get a reminder. */
  reminderHours: number[];
  moderation: boolean;
  language: Lang;
  /** Copied from the tenant at creation, so a later settings change cannot expose a closed round. */
  anonymityThreshold: number;
  state: RoundState;
  createdBy: string;
  createdAt: Date;
  openedAt?: Date;
  closedAt?: Date;
  publishedAt?: Date;
  cancelledAt?: Date;
  /** The batch of quotes extracted at closing that counts (see extractQuotesOnce). */
  quoteBatch?: string;
  /** When the raw answers were deleted (retention, or `zorgspiegel purge`); the summary stays. */
  answersPurgedAt?: Date;
  /**
   * How many responses had been started and completed when the raw answers were deleted: counts
   * only, so the coordinator's overview still reads as it did (it counts the responses otherwise).
   */
  responseCounts?: { started: number; completed: number };
}

export const MAX_REMINDERS = 3;
export const DEFAULT_REMINDER_HOURS = [72, 24];

export const roundInputSchema = z.object({
  title: z.string().trim().min(1).max(120),
  dimensionIds: z.array(z.string()).min(1, 'choose at least one dimension'),
  depth: z.enum(['quick', 'detailed']),
  includeReflection: z.boolean(),
  audience: z.object({ kind: z.enum(['channel', 'usergroup', 'team', 'list']), id: z.string().min(1), name: z.string().optional() }),
  opensAt: z.date().optional(),
  closesAt: z.date(),
  reminderHours: z.array(z.number().positive()).max(MAX_REMINDERS, `at most ${MAX_REMINDERS} reminders`).default(DEFAULT_REMINDER_HOURS),
  moderation: z.boolean().default(true),
  language: z.enum(['nl', 'en']),
  /** Per group the dimensions it can judge (see resolveGroupDimensions); checked after the rest. */
  groupDimensions: z.unknown().optional(),
});
export type RoundInput = z.input<typeof roundInputSchema>;

/**
 * Builds a new round from a coordinator's choices. It starts as `draft`; scheduling decides
 * whether it becomes `scheduled` or `open`. Problems come back as one `invalid_round` error whose
 * `reason` is a key under `errors:reasons` and whose
 * field names the input that is wrong.
 */
export function createRound(
  input: RoundInput,
  ctx: { id: string; tenantId: string; questionnaire: Questionnaire; anonymityThreshold: number; createdBy: string; now: Date },
): Round {
  const parsed = roundInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'title');
    throw new SurveyError('invalid_round', { reason: field }, field);
  }
  const v = parsed.data;
  const known = new Set(ctx.questionnaire.dimensions.map((d) => d.id));
  const unknown = v.dimensionIds.filter((id) => !known.has(id));
  if (unknown.length) throw new SurveyError('invalid_round', { reason: 'unknown_dimension', dimensions: unknown.join(', ') }, 'dimensionIds');
  const opensAt = v.opensAt && v.opensAt > ctx.now ? v.opensAt : ctx.now;
  if (v.closesAt <= opensAt) throw new SurveyError('invalid_round', { reason: 'closes_before_opening' }, 'closesAt');
  const durationHours = (v.closesAt.getTime() - opensAt.getTime()) / 3_600_000;
  // A reminder before the round even opens makes no sense; drop those rather than refuse.
  const reminderHours = [...new Set(v.reminderHours)].filter((h) => h < durationHours).sort((a, b) => b - a);
  // Keep the questionnaire's order whatever order the coordinator ticked the boxes in.
  const dimensionIds = ctx.questionnaire.dimensions.map((d) => d.id).filter((id) => v.dimensionIds.includes(id));
  const groupDimensions = resolveGroupDimensions(v.groupDimensions, ctx.questionnaire, dimensionIds, v.language);
  return {
    id: ctx.id,
    tenantId: ctx.tenantId,
    title: v.title,
    questionnaire: ctx.questionnaire,
    dimensionIds,
    ...(groupDimensions ? { groupDimensions } : {}),
    depth: v.depth,
    includeReflection: v.includeReflection,
    audience: v.audience,
    opensAt,
    closesAt: v.closesAt,
    reminderHours,
    moderation: v.moderation,
    language: v.language,
    anonymityThreshold: ctx.anonymityThreshold,
    state: 'draft',
    createdBy: ctx.createdBy,
    createdAt: ctx.now,
  };
}

/** The dimensions this round asks, in questionnaire order. */
export function roundDimensions(round: Pick<Round, 'questionnaire' | 'dimensionIds'>): Dimension[] {
  return round.questionnaire.dimensions.filter((d) => round.dimensionIds.includes(d.id));
}

export const REFLECTION_SECTION = 'reflection';

type SectionShape = Pick<Round, 'questionnaire' | 'dimensionIds' | 'includeReflection'> & Partial<Pick<Round, 'groupDimensions'>>;

/**
 * Sections a respondent submits one at a time: the group (first, when groups are asked different
 * dimensions), each dimension, then the reflection. For one respondent, pass the round as their
 * group sees it (roundForGroup).
 */
export function roundSections(round: SectionShape): string[] {
  return [...(hasGroupAssignment(round) ? [GROUP_STEP] : []), ...roundDimensions(round).map((d) => d.id), ...(round.includeReflection ? [REFLECTION_SECTION] : [])];
}

/**
 * A quick round asks one overall judgement per dimension: all of them are one form (one card, one
 * modal), this step, instead of one form per dimension. Answers are still stored and counted per
 * dimension (submitting the step submits each of its dimensions).
 */
export const QUICK_STEP = 'dimensions';

type StepShape = SectionShape & Pick<Round, 'depth'>;

/** The forms a respondent goes through, in order: (the group,) one per dimension (detailed) or one for all (quick), then the reflection. */
export function answerSteps(round: StepShape): string[] {
  if (round.depth !== 'quick') return roundSections(round);
  return [...(hasGroupAssignment(round) ? [GROUP_STEP] : []), QUICK_STEP, ...(round.includeReflection ? [REFLECTION_SECTION] : [])];
}

/** The sections a step submits. */
export function stepSections(round: StepShape, step: string): string[] {
  return round.depth === 'quick' && step === QUICK_STEP ? roundDimensions(round).map((d) => d.id) : [step];
}

/** The step a section is answered in (a dimension of a quick round: the one quick step). */
export function stepOf(round: StepShape, section: string): string {
  return round.depth === 'quick' && round.dimensionIds.includes(section) ? QUICK_STEP : section;
}

/** Rounds accept answers only while open; the error says why not. */
export function assertAcceptsAnswers(round: Pick<Round, 'state' | 'closesAt'>, now: Date): void {
  if (round.state === 'closed' || round.state === 'published' || round.state === 'cancelled' || now >= round.closesAt) {
    throw new SurveyError('round_closed');
  }
  if (round.state !== 'open') throw new SurveyError('round_not_open');
}
