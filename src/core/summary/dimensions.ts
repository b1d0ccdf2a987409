import { dimensionFigures, statementFigures, strongestAndWeakest, type StatementFigure } from '../aggregation';
import { groupsAskedAbout } from '../group-dimensions';
import type { Quote } from '../ports';
import { roundDimensions, type Round } from '../round';
import type { RoundTally } from '../tally';
import { toScaleFigure } from './figures';
import type { DimensionSummary, RankedStatement } from './model';
import { quoteText } from './quotes';

type RoundShape = Pick<Round, 'questionnaire' | 'dimensionIds' | 'depth' | 'anonymityThreshold'> & Partial<Pick<Round, 'groupDimensions'>>;

/**
 * Each dimension of the round with its score, global-judgement agreement, statements (detailed
 * rounds) and visible quotes split into strengths and work points.
 */
export function dimensionSummaries(round: RoundShape, tally: RoundTally, statements: StatementFigure[], quotes: readonly Quote[]): DimensionSummary[] {
  const scale = round.questionnaire.scale;
  const scores = new Map(dimensionFigures(round, tally).map((f) => [f.dimensionId, f]));
  return roundDimensions(round).map((d) => {
    const figure = scores.get(d.id)!;
    const kindOf = new Map(d.openQuestions.map((o) => [o.id, o.kind]));
    const asked = groupsAskedAbout(round, d.id);
    const textsOf = (kind: 'strengths' | 'priorities' | 'practice') => quotes.filter((q) => q.section === d.id && kindOf.get(q.itemId) === kind).map(quoteText);
    return {
      dimensionId: d.id,
      title: d.title,
      ...(d.shortTitle ? { shortTitle: d.shortTitle } : {}),
      score: toScaleFigure(scale, figure.score),
      agreement: figure.agreement,
      statements: statements
        .filter((s) => s.dimensionId === d.id)
        .map((s) => ({ statementId: s.statementId, text: d.statements.find((x) => x.id === s.statementId)!.text, figure: toScaleFigure(scale, s.figure), ...(s.noView ? { noView: { ...s.noView } } : {}) })),
      quotes: { strengths: textsOf('strengths'), priorities: textsOf('priorities'), practices: textsOf('practice') },
      ...(figure.noView ? { noView: { ...figure.noView } } : {}),
      ...(asked ? { askedGroups: asked.map((id) => round.questionnaire.groups.find((g) => g.id === id)!.label) } : {}),
    };
  });
}

/** Every statement's figure, computed once for the dimensions and the ranking. */
export function statementSummaries(round: RoundShape, tally: RoundTally): StatementFigure[] {
  return statementFigures(round, tally);
}

/** The round's three strongest and three weakest statements (detailed rounds; empty otherwise). */
export function rankedStatements(round: RoundShape, statements: StatementFigure[]): { strongest: RankedStatement[]; weakest: RankedStatement[] } {
  const dims = roundDimensions(round);
  const rank = (f: StatementFigure): RankedStatement => {
    if (f.figure.status !== 'shown') throw new Error('strongestAndWeakest returned a withheld figure');
    const text = dims.find((d) => d.id === f.dimensionId)!.statements.find((s) => s.id === f.statementId)!.text;
    return { statementId: f.statementId, dimensionId: f.dimensionId, text, mean: f.figure.mean, band: f.figure.band, n: f.figure.n };
  };
  const { strongest, weakest } = strongestAndWeakest(statements);
  return { strongest: strongest.map(rank), weakest: weakest.map(rank) };
}
