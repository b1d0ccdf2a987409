import type { AnswerSet } from '../aggregation';
import type { AnswerValue } from '../answers';
import { countedSections } from '../group-dimensions';
import { roundItems } from '../items';
import type { ResponseRecord } from '../response';
import type { Round } from '../round';

type RoundShape = Pick<Round, 'questionnaire' | 'dimensionIds' | 'depth' | 'includeReflection'> & Partial<Pick<Round, 'groupDimensions'>>;

/**
 * What aggregation may see of each response: only the answers of sections the respondent
 * submitted (a half-filled section that was never sent is a draft, not an opinion), and the
 * self-declared group when it is one the questionnaire knows (anything else counts as "no
 * group", which is never shown). The respondent key and all time stamps are dropped here, so
 * nothing downstream can carry them into the summary.
 */
export function submittedAnswerSets(round: RoundShape, responses: readonly ResponseRecord[]): AnswerSet[] {
  const sectionOf = new Map(roundItems(round).map((i) => [i.id, i.section]));
  const groups = new Set(round.questionnaire.groups.map((g) => g.id));
  return responses.map((r) => {
    const submitted = countedSections(round, r);
    const answers: Record<string, AnswerValue> = {};
    for (const [itemId, value] of Object.entries(r.answers)) {
      const section = sectionOf.get(itemId);
      if (section !== undefined && submitted.has(section)) answers[itemId] = value;
    }
    return r.group !== undefined && groups.has(r.group) ? { answers, group: r.group } : { answers };
  });
}

/**
 * How many respondents submitted each section: the threshold for showing its open answers
 * unmoderated. With the round, only sections the respondent's group was asked count (as in the tally).
 */
export function sectionRespondents(responses: readonly Pick<ResponseRecord, 'submittedSections' | 'group'>[], round?: RoundShape): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of responses) for (const s of round ? countedSections(round, r) : new Set(r.submittedSections)) counts.set(s, (counts.get(s) ?? 0) + 1);
  return counts;
}
