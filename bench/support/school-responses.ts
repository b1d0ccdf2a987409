/**
 * A large round's responses for the summary and close benchmarks: the default questionnaire,
 * every dimension, detailed, with reflection — 52 scale items (7 global judgements, 45
 * statements) and 7 reflection questions per respondent, about one open answer in three filled.
 * Seeded, so every run measures the same data.
 */
import { roundItems } from '../../src/core/items';
import { loadQuestionnaire } from '../../src/core/questionnaire/load';
import type { ResponseRecord } from '../../src/core/response';
import type { Round } from '../../src/core/round';
import { makeRound } from '../../src/core/testing/fixtures';
import { seededRandom } from '../../src/core/testing/seeded-random';
import type { AnswerValue } from '../../src/core/answers';

export function benchRound(overrides: Partial<Round> = {}): Round {
  const questionnaire = loadQuestionnaire();
  return makeRound({ id: 'bench-round', questionnaire, dimensionIds: questionnaire.dimensions.map((d) => d.id), state: 'closed', closedAt: new Date(), ...overrides });
}

/** The scale items and reflection questions: the 59 items a summary aggregates or quotes. */
export function summaryItems(round: Round) {
  return roundItems(round).filter((i) => i.kind !== 'open');
}

/** Respondent `i`'s response (deterministic in `i` and `seed`). */
export function* benchResponses(round: Round, count: number, seed = 20260316): Generator<ResponseRecord> {
  const random = seededRandom(seed);
  const items = roundItems(round);
  const sections = [...round.dimensionIds, 'reflection'];
  const groups = round.questionnaire.groups.map((g) => g.id);
  const domains = round.questionnaire.guidanceDomains.map((d) => d.id);
  for (let i = 0; i < count; i++) {
    const answers: Record<string, AnswerValue> = {};
    const lean = 1 + Math.floor(random() * 3);
    for (const item of items) {
      if (item.kind === 'global' || item.kind === 'statement') answers[item.id] = Math.min(6, lean + Math.floor(random() * 4));
      else if (item.kind === 'open' && random() < 0.3) answers[item.id] = `Open antwoord ${i} bij ${item.id}: we bespreken dit op de cel leerlingenbegeleiding.`;
      else if (item.kind === 'reflection' && item.question.type === 'allocation') answers[item.id] = Object.fromEntries(domains.map((d) => [d, Math.floor(random() * 4) / 2]));
      else if (item.kind === 'reflection' && item.question.type === 'text' && random() < 0.3) answers[item.id] = `Reflectie ${i}: meer tijd voor overleg met het CLB.`;
    }
    // One in twenty has not sent the reflection yet; one in ten declares no group.
    const submitted = random() < 0.05 ? sections.slice(0, -1) : sections;
    const group = random() < 0.1 ? undefined : groups[Math.floor(random() * groups.length)];
    yield { roundId: round.id, respondentKey: `bench-${i}`, answers, submittedSections: submitted, ...(group ? { group } : {}), complete: submitted === sections };
  }
}
