import type { RoundSummary } from '../summary/model';
import type { VoteOption } from './model';

/**
 * What the team can vote on: the summary's work points first (its weakest statements), then every
 * other statement of the round's dimensions; a quick round has no statements, so there the
 * dimensions themselves are the options.
 */
export function voteOptions(summary: Pick<RoundSummary, 'weakest' | 'dimensions'>): VoteOption[] {
  const options: VoteOption[] = summary.weakest.map((w) => ({ id: w.statementId, kind: 'workPoint', dimensionId: w.dimensionId, text: w.text }));
  const seen = new Set(options.map((o) => o.id));
  for (const dimension of summary.dimensions) {
    if (dimension.statements.length === 0) {
      options.push({ id: `dim:${dimension.dimensionId}`, kind: 'dimension', dimensionId: dimension.dimensionId, text: dimension.title });
      continue;
    }
    for (const s of dimension.statements) {
      if (seen.has(s.statementId)) continue;
      seen.add(s.statementId);
      options.push({ id: s.statementId, kind: 'statement', dimensionId: dimension.dimensionId, text: s.text });
    }
  }
  return options;
}
