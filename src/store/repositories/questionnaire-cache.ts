import type { Questionnaire } from '../../core/questionnaire/schema';

/** Rounds whose questionnaire one process keeps (each ~30 KB): far more than are ever open at once. */
export const QUESTIONNAIRE_CACHE_SIZE = 200;

/**
 * Each round's frozen questionnaire, by round id, least recently used first out. The copy in a
 * round never changes after the round is inserted, so a cached one is never stale; it is
 * deep-frozen, because every reader of the round shares it.
 */
export class QuestionnaireCache {
  private readonly entries = new Map<string, Questionnaire>();
  constructor(private readonly size = QUESTIONNAIRE_CACHE_SIZE) {}

  get(roundId: string): Questionnaire | undefined {
    const hit = this.entries.get(roundId);
    if (hit) {
      // Most recently used goes last.
      this.entries.delete(roundId);
      this.entries.set(roundId, hit);
    }
    return hit;
  }

  forget(roundId: string): void {
    this.entries.delete(roundId);
  }

  remember(roundId: string, questionnaire: Questionnaire): Questionnaire {
    const known = this.entries.get(roundId);
    if (known) return known;
    deepFreeze(questionnaire);
    this.entries.set(roundId, questionnaire);
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return questionnaire;
  }
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
