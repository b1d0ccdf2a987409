import type { Dimension, ReflectionQuestion } from './questionnaire/schema';
import { REFLECTION_SECTION, roundDimensions, stepOf, type Round } from './round';

/** One thing a respondent can answer in a round, with the section it belongs to. */
export type RoundItem =
  | { kind: 'global'; id: string; section: string; dimension: Dimension; required: boolean }
  | { kind: 'statement'; id: string; section: string; dimension: Dimension; required: boolean }
  | { kind: 'open'; id: string; section: string; dimension: Dimension; required: false }
  | { kind: 'reflection'; id: string; section: string; question: ReflectionQuestion; required: false };

type RoundShape = Pick<Round, 'questionnaire' | 'dimensionIds' | 'depth' | 'includeReflection'>;

/**
 * The items a round asks, in the order they are asked. A quick round asks only each dimension's
 * global judgement (required); a detailed round asks it first (optional) and then every statement
 * (required). Open questions and reflection questions are never required: an honest "nothing to
 * add" is better than a forced sentence.
 */
export function roundItems(round: RoundShape): RoundItem[] {
  const items: RoundItem[] = [];
  for (const dimension of roundDimensions(round)) {
    const section = dimension.id;
    items.push({ kind: 'global', id: dimension.globalJudgement.id, section, dimension, required: round.depth === 'quick' });
    if (round.depth === 'detailed') {
      for (const s of dimension.statements) items.push({ kind: 'statement', id: s.id, section, dimension, required: true });
    }
    for (const o of dimension.openQuestions) items.push({ kind: 'open', id: o.id, section, dimension, required: false });
  }
  if (round.includeReflection) {
    for (const question of round.questionnaire.reflection.questions) {
      items.push({ kind: 'reflection', id: question.id, section: REFLECTION_SECTION, question, required: false });
    }
  }
  return items;
}

/** The items of one form: a section, or a step of several (the quick round's dimensions). */
export function sectionItems(round: RoundShape, section: string): RoundItem[] {
  return roundItems(round).filter((i) => i.section === section || stepOf(round, i.section) === section);
}

/** The items whose answers are numbers on the scale and feed a dimension's score. */
export function scoreItemIds(dimension: Dimension, depth: Round['depth']): string[] {
  return depth === 'detailed' ? dimension.statements.map((s) => s.id) : [dimension.globalJudgement.id];
}
