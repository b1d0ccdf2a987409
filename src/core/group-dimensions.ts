import { z } from 'zod';
import { SurveyError } from './errors';
import type { Lang, Questionnaire } from './questionnaire/schema';

/**
 * "Ask each group only about what it can judge" (seed 004): a round may give each respondent
 * group (the questionnaire's self-declared groups: teachers, leadership, care team, support staff)
 * only some of the round's dimensions. Without an assignment every group is asked every chosen
 * dimension, as before.
 *
 * Stored on the round as a list (never as an object keyed by group id: a key is data a client
 * chose, and "__proto__" must never become a property name anywhere).
 */
export interface GroupDimensions {
  group: string;
  /** The round's dimensions this group is asked, in questionnaire order; never empty. */
  dimensionIds: string[];
}

/** What a round form sends: per group the dimensions it may judge (groups left out get all of them). */
export const groupDimensionsInputSchema = z
  .array(z.object({ group: z.string().min(1).max(64), dimensionIds: z.array(z.string().max(64)).max(64) }).strict())
  .max(64);
export type GroupDimensionsInput = z.input<typeof groupDimensionsInputSchema>;

/** The step a respondent of a round with an assignment answers first: which group they belong to. */
export const GROUP_STEP = 'group';

/**
 * Checks a form's assignment against the questionnaire and the round's chosen dimensions and
 * returns it as stored: every group, in questionnaire order, or undefined when every group gets
 * every chosen dimension (no assignment at all). Refuses an unknown group, an unknown dimension,
 * a group named twice and a group left with no dimension, each with its own reason.
 */
export function resolveGroupDimensions(
  raw: unknown,
  questionnaire: Questionnaire,
  roundDimensionIds: readonly string[],
  lang: Lang,
): GroupDimensions[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const parsed = groupDimensionsInputSchema.safeParse(raw);
  if (!parsed.success) throw new SurveyError('invalid_round', { reason: 'groupDimensions' }, 'groupDimensions');
  const groups = new Map(questionnaire.groups.map((g) => [g.id, g]));
  const knownDimensions = new Set(questionnaire.dimensions.map((d) => d.id));
  // A Map, not an object: the group ids come from the client.
  const chosen = new Map<string, Set<string>>();
  for (const entry of parsed.data) {
    if (!groups.has(entry.group)) throw new SurveyError('invalid_round', { reason: 'unknown_group' }, 'groupDimensions');
    if (chosen.has(entry.group)) throw new SurveyError('invalid_round', { reason: 'groupDimensions' }, 'groupDimensions');
    const unknown = entry.dimensionIds.filter((id) => !knownDimensions.has(id));
    if (unknown.length) throw new SurveyError('invalid_round', { reason: 'unknown_dimension', dimensions: unknown.join(', ') }, 'groupDimensions');
    chosen.set(entry.group, new Set(entry.dimensionIds));
  }
  const inRound = questionnaire.dimensions.map((d) => d.id).filter((id) => roundDimensionIds.includes(id));
  const resolved = questionnaire.groups.map((g) => {
    const picked = chosen.get(g.id);
    // A dimension ticked for a group but not chosen for the round is simply not asked.
    return { group: g.id, dimensionIds: picked ? inRound.filter((id) => picked.has(id)) : inRound };
  });
  const empty = resolved.find((g) => g.dimensionIds.length === 0);
  if (empty) throw new SurveyError('invalid_round', { reason: 'group_without_dimensions', group: groups.get(empty.group)!.label[lang] }, `groupDimensions.${empty.group}`);
  return resolved.every((g) => g.dimensionIds.length === inRound.length) ? undefined : resolved;
}

type AssignmentShape = { dimensionIds: string[]; groupDimensions?: GroupDimensions[] };

/** Whether this round asks groups different dimensions (and so asks the group first). */
export const hasGroupAssignment = (round: { groupDimensions?: GroupDimensions[] }): boolean => Boolean(round.groupDimensions?.length);

/**
 * The dimensions a respondent of `group` is asked. Someone who declares no group (or a group the
 * round does not know) is asked every dimension of the round: nobody is left without questions.
 */
export function dimensionsOfGroup(round: AssignmentShape, group: string | undefined): string[] {
  if (!round.groupDimensions?.length || group === undefined) return round.dimensionIds;
  const entry = round.groupDimensions.find((g) => g.group === group);
  return entry ? round.dimensionIds.filter((id) => entry.dimensionIds.includes(id)) : round.dimensionIds;
}

/**
 * The round as one respondent sees it: only their group's dimensions. Every view and rule that
 * follows the round's dimensions (forms, steps, progress, time estimate, completion) follows this.
 */
export function roundForGroup<R extends AssignmentShape>(round: R, group: string | undefined): R {
  if (!round.groupDimensions?.length) return round;
  return { ...round, dimensionIds: dimensionsOfGroup(round, group) };
}

/** The groups asked about a dimension, or undefined when every group is (no assignment). */
export function groupsAskedAbout(round: AssignmentShape, dimensionId: string): string[] | undefined {
  if (!round.groupDimensions?.length) return undefined;
  const asked = round.groupDimensions.filter((g) => g.dimensionIds.includes(dimensionId)).map((g) => g.group);
  return asked.length === round.groupDimensions.length ? undefined : asked;
}

/**
 * The sections of a response that count: those submitted, minus any dimension the respondent's
 * group was not asked (someone who switched group after answering keeps only what their group
 * is asked). Aggregation, open answers and per-section counts all read responses through this,
 * so a statement's n is the people who were asked it and answered.
 */
export function countedSections(
  round: AssignmentShape & { questionnaire: Pick<Questionnaire, 'groups'> },
  response: { submittedSections: readonly string[]; group?: string },
): Set<string> {
  const submitted = new Set(response.submittedSections);
  if (!round.groupDimensions?.length) return submitted;
  const group = response.group !== undefined && round.questionnaire.groups.some((g) => g.id === response.group) ? response.group : undefined;
  const asked = new Set(dimensionsOfGroup(round, group));
  for (const section of submitted) if (round.dimensionIds.includes(section) && !asked.has(section)) submitted.delete(section);
  return submitted;
}
