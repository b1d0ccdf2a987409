import type { AnswerValue } from './answers';

/**
 * "Geen zicht op": the seventh choice on a statement, for someone who cannot judge it. It is a
 * reserved string answer value, never a scale number, so every figure computed over numbers
 * (means, medians, bands, distributions) leaves it out by construction, and the anonymity
 * threshold applies to the scale answers that remain. It is only valid for statement items.
 */
export const NO_VIEW = 'no_view' as const;
export type NoView = typeof NO_VIEW;

export const isNoView = (value: unknown): value is NoView => value === NO_VIEW;

/** What the respondents said about these items: scale answers and "geen zicht" answers, counted as answers. */
export interface NoViewCount {
  /** "Geen zicht" answers. */
  noView: number;
  /** Every answer counted: scale answers plus "geen zicht". */
  answered: number;
}

export function countNoView(responses: readonly { answers: Record<string, AnswerValue> }[], itemIds: readonly string[]): NoViewCount {
  let noView = 0;
  let answered = 0;
  for (const r of responses) {
    for (const id of itemIds) {
      const v = r.answers[id];
      if (isNoView(v)) {
        noView++;
        answered++;
      } else if (typeof v === 'number') answered++;
    }
  }
  return { noView, answered };
}
