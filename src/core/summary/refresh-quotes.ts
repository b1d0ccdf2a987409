import { buildSummary, type SummaryInput } from './build-summary';
import type { RoundSummary } from './model';

/**
 * Moderation happens after closing, so the stored summary's quotes must follow the coordinator's
 * approvals, edits and hides until it is published. Only the quote-dependent parts are taken
 * from a fresh computation; every figure stays exactly as it was computed at closing.
 */
export function withModeratedQuotes(stored: RoundSummary, input: Omit<SummaryInput, 'now' | 'previous'>): RoundSummary {
  const fresh = buildSummary({ ...input, now: new Date(stored.computedAt) });
  const freshQuotes = new Map(fresh.dimensions.map((d) => [d.dimensionId, d.quotes]));
  return {
    ...stored,
    dimensions: stored.dimensions.map((d) => ({ ...d, quotes: freshQuotes.get(d.dimensionId) ?? d.quotes })),
    reflection: stored.reflection && fresh.reflection ? { ...stored.reflection, roleGrid: fresh.reflection.roleGrid, questions: fresh.reflection.questions } : stored.reflection,
    themes: fresh.themes,
  };
}
