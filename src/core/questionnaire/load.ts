import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { questionnaireSchema, type Questionnaire } from './schema';

export const DEFAULT_QUESTIONNAIRE_PATH = path.join(__dirname, 'default-questionnaire.json');

export interface QuestionnaireProblem {
  path: string;
  message: string;
}

export type QuestionnaireParseResult =
  | { ok: true; questionnaire: Questionnaire }
  | { ok: false; problems: QuestionnaireProblem[] };

function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.length ? '$.' + issue.path.map(String).join('.') : '$';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // zod's default text for a bad discriminator does not name the allowed types; ours does.
  if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') {
    return `unknown answer type; expected one of "text", "allocation", "roleGrid"`;
  }
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
  return issue.message;
}

/** Validates parsed JSON and returns every problem, each with its JSON path. */
export function parseQuestionnaire(data: unknown): QuestionnaireParseResult {
  const result = questionnaireSchema.safeParse(data);
  if (result.success) return { ok: true, questionnaire: result.data };
  return { ok: false, problems: result.error.issues.map((i) => ({ path: issuePath(i), message: describeIssue(i) })) };
}

export function readQuestionnaireFile(file: string): QuestionnaireParseResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, problems: [{ path: '$', message: `cannot read ${file}: ${(e as Error).message}` }] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [{ path: '$', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  return parseQuestionnaire(data);
}

export function formatProblems(file: string, problems: QuestionnaireProblem[]): string {
  return [`${file}: ${problems.length} problem(s)`, ...problems.map((p) => `  ${p.path}: ${p.message}`)].join('\n');
}

export class QuestionnaireInvalidError extends Error {
  constructor(readonly file: string, readonly problems: QuestionnaireProblem[]) {
    super(formatProblems(file, problems));
    this.name = 'QuestionnaireInvalidError';
  }
}

/** The questionnaire in use: the school's own file when given, else the shipped default. */
export function loadQuestionnaire(file: string = DEFAULT_QUESTIONNAIRE_PATH): Questionnaire {
  const result = readQuestionnaireFile(file);
  if (!result.ok) throw new QuestionnaireInvalidError(file, result.problems);
  return result.questionnaire;
}

export function summarizeQuestionnaire(q: Questionnaire): string {
  const statements = q.dimensions.reduce((n, d) => n + d.statements.length, 0);
  return `${q.id} ${q.version}: ${q.dimensions.length} dimensions, ${statements} statements, ${q.reflection.questions.length} reflection questions, ${q.scale.points.length}-point scale`;
}
