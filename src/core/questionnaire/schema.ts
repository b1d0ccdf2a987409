import { z } from 'zod';

/**
 * The questionnaire file format. One schema validates the shipped default and any school's own
 * file (QUESTIONNAIRE_PATH). Every text is a {nl, en} pair: Dutch (nl-BE) is the source, English
 * the translation; a missing translation is a validation error, not a runtime surprise.
 */

export const LANGUAGES = ['nl', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

// An absent key is the usual way a translation goes missing: say so, not "expected string".
const text = (missing: string) => z.string({ error: (iss) => (iss.input === undefined ? missing : undefined) }).trim().min(1, missing);

export const localizedTextSchema = z
  .object({
    nl: text('Dutch text is missing'),
    en: text('English translation is missing'),
  })
  .strict();
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** Item ids become MongoDB field names (answers.<id>), so no dots or dollar signs. */
export const itemIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'ids use letters, digits, - and _ only (max 40)');

export const ROK_BANDS = ['below', 'approaching', 'meeting', 'exceeding'] as const;
export type RokBand = (typeof ROK_BANDS)[number];

export const scalePointSchema = z
  .object({
    value: z.number().int().min(0).max(10),
    label: localizedTextSchema,
    /** The long meaning: help text a respondent can open, not printed under every statement. */
    meaning: localizedTextSchema,
    band: z.enum(ROK_BANDS),
    /** Counts as agreeing when the share of agreement on a global judgement is computed. */
    agrees: z.boolean(),
  })
  .strict();

export const scaleSchema = z
  .object({
    id: itemIdSchema,
    points: z.array(scalePointSchema).min(2).max(11),
    bandLabels: z.object({
      below: localizedTextSchema,
      approaching: localizedTextSchema,
      meeting: localizedTextSchema,
      exceeding: localizedTextSchema,
    }).strict(),
  })
  .strict();
export type Scale = z.infer<typeof scaleSchema>;
export type ScalePoint = z.infer<typeof scalePointSchema>;

export const statementSchema = z.object({ id: itemIdSchema, text: localizedTextSchema }).strict();

export const openQuestionSchema = z
  .object({ id: itemIdSchema, kind: z.enum(['strengths', 'priorities', 'practice']), text: localizedTextSchema })
  .strict();

export const dimensionSchema = z
  .object({
    id: itemIdSchema,
    title: localizedTextSchema,
    /**
     * A name of a few words for where the full title does not fit (the summary chart, shown at
     * chat width). Optional: without it the chart wraps the full title over lines.
     */
    shortTitle: localizedTextSchema.optional(),
    /** One sentence: why this dimension matters. Shown under the title. */
    intro: localizedTextSchema,
    globalJudgement: z.object({ id: itemIdSchema, text: localizedTextSchema }).strict(),
    statements: z.array(statementSchema).min(1).max(10),
    openQuestions: z.array(openQuestionSchema).min(2).max(3),
  })
  .strict();
export type Dimension = z.infer<typeof dimensionSchema>;

export const guidanceDomainSchema = z.object({ id: itemIdSchema, label: localizedTextSchema }).strict();
export const roleSchema = z.object({ id: itemIdSchema, label: localizedTextSchema }).strict();

const reflectionBase = { id: itemIdSchema, number: z.number().int().min(1), text: localizedTextSchema, optional: z.boolean().optional() };

export const reflectionQuestionSchema = z.discriminatedUnion('type', [
  z.object({ ...reflectionBase, type: z.literal('text') }).strict(),
  z
    .object({
      ...reflectionBase,
      type: z.literal('allocation'),
      /** Days per week per domain: each 0..max in steps of `step`, total at most `max`. */
      max: z.number().positive(),
      step: z.number().positive(),
    })
    .strict(),
  z.object({ ...reflectionBase, type: z.literal('roleGrid') }).strict(),
]);
export type ReflectionQuestion = z.infer<typeof reflectionQuestionSchema>;

export const groupSchema = z.object({ id: itemIdSchema, label: localizedTextSchema }).strict();

export const questionnaireSchema = z
  .object({
    id: itemIdSchema,
    version: z.string().min(1),
    title: localizedTextSchema,
    /** The stem every statement completes: "Op onze school…". */
    stem: localizedTextSchema,
    scale: scaleSchema,
    dimensions: z.array(dimensionSchema).min(1),
    guidanceDomains: z.array(guidanceDomainSchema).min(1),
    roles: z.array(roleSchema).min(1),
    reflection: z
      .object({ title: localizedTextSchema, intro: localizedTextSchema, questions: z.array(reflectionQuestionSchema).min(1) })
      .strict(),
    /** Self-declared groups a respondent may pick for group comparison. */
    groups: z.array(groupSchema).min(1),
  })
  .strict()
  .superRefine((q, ctx) => {
    try {
      crossChecks(q, ctx);
    } catch {
      // Runs on a file with other problems too (see `when`); a part too malformed to walk has
      // already been reported by the schema, so the remaining cross-checks are skipped.
    }
  }, {
    // zod skips refinements after an "aborting" problem (a wrong answer type, a missing text);
    // run them anyway so one validation lists every problem of the file.
    when: () => true,
  });

export type Questionnaire = z.infer<typeof questionnaireSchema>;

function crossChecks(q: Questionnaire, ctx: z.RefinementCtx): void {
  // Every item id is unique across the whole questionnaire: answers are keyed by it.
  const seen = new Map<string, string>();
  const claim = (id: string, path: (string | number)[]) => {
    if (typeof id !== 'string') return; // a missing id is reported by the schema itself
    const where = path.join('.');
    const first = seen.get(id);
    if (first) ctx.addIssue({ code: 'custom', path, message: `duplicate id "${id}" (first used at ${first})` });
    else seen.set(id, where);
  };
  q.dimensions.forEach((d, i) => {
    claim(d.id, ['dimensions', i, 'id']);
    claim(d.globalJudgement.id, ['dimensions', i, 'globalJudgement', 'id']);
    d.statements.forEach((s, j) => claim(s.id, ['dimensions', i, 'statements', j, 'id']));
    d.openQuestions.forEach((o, j) => claim(o.id, ['dimensions', i, 'openQuestions', j, 'id']));
    // One strengths and one priorities question; the practice-example question is optional.
    const kinds = d.openQuestions.map((o) => o.kind).filter((k) => k !== 'practice').sort().join(',');
    if (kinds !== 'priorities,strengths' || d.openQuestions.filter((o) => o.kind === 'practice').length > 1)
      ctx.addIssue({ code: 'custom', path: ['dimensions', i, 'openQuestions'], message: 'needs one "strengths" and one "priorities" question (and at most one "practice" question)' });
  });
  q.reflection.questions.forEach((r, i) => {
    claim(r.id, ['reflection', 'questions', i, 'id']);
    if (typeof r.number === 'number' && r.number !== i + 1) ctx.addIssue({ code: 'custom', path: ['reflection', 'questions', i, 'number'], message: `expected number ${i + 1} (questions are numbered in order)` });
  });
  const values = q.scale.points.map((p) => p.value);
  if (new Set(values).size !== values.length)
    ctx.addIssue({ code: 'custom', path: ['scale', 'points'], message: 'scale values must be unique' });
  if (values.some((v, i) => i > 0 && v <= values[i - 1]!))
    ctx.addIssue({ code: 'custom', path: ['scale', 'points'], message: 'scale points must be in ascending order' });
  for (const [list, name] of [[q.guidanceDomains, 'guidanceDomains'], [q.roles, 'roles'], [q.groups, 'groups']] as const) {
    const ids = list.map((x) => x.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [name, i, 'id'], message: `duplicate id "${id}"` });
    });
  }
}
