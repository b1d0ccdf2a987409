import { allocationFigure } from '../aggregation';
import { withheld } from '../anonymity';
import type { Quote } from '../ports';
import type { Round } from '../round';
import type { RoundTally } from '../tally';
import type { AllocationSummary, ReflectionSummary, RoleGridSummary } from './model';
import { quoteText } from './quotes';

type RoundShape = Pick<Round, 'questionnaire' | 'dimensionIds' | 'depth' | 'anonymityThreshold' | 'includeReflection'>;

function allocation(round: RoundShape, tally: RoundTally): AllocationSummary | null {
  const question = round.questionnaire.reflection.questions.find((q) => q.type === 'allocation');
  if (!question) return null;
  const figure = allocationFigure(round, tally.allocations.get(question.id));
  return {
    questionId: question.id,
    number: question.number,
    text: question.text,
    figure:
      figure.status === 'shown'
        ? {
            status: 'shown',
            n: figure.n,
            means: round.questionnaire.guidanceDomains.map((d) => ({ domainId: d.id, label: d.label, mean: figure.means[d.id] ?? 0 })),
          }
        : withheld(figure.reason),
  };
}

/** Visible role-grid texts grouped per domain and role, in questionnaire order; empty cells are left out. */
function roleGrid(round: RoundShape, quotes: readonly Quote[]): RoleGridSummary | null {
  const question = round.questionnaire.reflection.questions.find((q) => q.type === 'roleGrid');
  if (!question) return null;
  const cells = quotes.filter((q) => q.itemId === question.id && q.cell);
  const domains = round.questionnaire.guidanceDomains
    .map((d) => ({
      domainId: d.id,
      label: d.label,
      roles: round.questionnaire.roles
        .map((r) => ({ roleId: r.id, label: r.label, texts: cells.filter((q) => q.cell!.domain === d.id && q.cell!.role === r.id).map(quoteText) }))
        .filter((r) => r.texts.length > 0),
    }))
    .filter((d) => d.roles.length > 0);
  return { questionId: question.id, number: question.number, text: question.text, domains };
}

/**
 * Reflection questions 3 (mean days per guidance domain, withheld below k) and 4 (approved grid
 * texts), and the visible quotes of every free-text question. `quotes` must already be the
 * visible ones, in order.
 */
export function reflectionSummary(round: RoundShape, tally: RoundTally, quotes: readonly Quote[]): ReflectionSummary | null {
  if (!round.includeReflection) return null;
  return {
    allocation: allocation(round, tally),
    roleGrid: roleGrid(round, quotes),
    questions: round.questionnaire.reflection.questions
      .filter((q) => q.type === 'text')
      .map((q) => ({ questionId: q.id, number: q.number, text: q.text, quotes: quotes.filter((x) => x.itemId === q.id).map(quoteText) })),
  };
}
