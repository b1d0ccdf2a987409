import { roundItems } from '../items';
import type { Quote } from '../ports';
import type { Round } from '../round';

const STATUS_RANK: Record<Quote['status'], number> = { pending: 0, approved: 1, hidden: 1 };

/**
 * The screening queue's order: pending first; then by the question's place in the round
 * (dimension by dimension, question by question); the cells of one role-grid answer together
 * and in grid order; otherwise each quote's fixed random order. A grid answer takes the random
 * order of its first cell. Nothing here follows who wrote what or when.
 */
export function screeningOrder(round: Pick<Round, 'questionnaire' | 'dimensionIds' | 'depth' | 'includeReflection'>, quotes: readonly Quote[]): Quote[] {
  const itemRank = new Map(roundItems(round).map((item, i) => [item.id, i]));
  const q = round.questionnaire;
  const domainRank = new Map(q.guidanceDomains.map((d, i) => [d.id, i]));
  const roleRank = new Map(q.roles.map((r, i) => [r.id, i]));
  const answerRank = new Map<string, number>();
  for (const quote of quotes) if (quote.answerId) answerRank.set(quote.answerId, Math.min(answerRank.get(quote.answerId) ?? Infinity, quote.order));
  const rank = (quote: Quote) => (quote.answerId ? answerRank.get(quote.answerId)! : quote.order);
  const cellRank = (quote: Quote) => (domainRank.get(quote.cell?.domain ?? '') ?? 0) * 1000 + (roleRank.get(quote.cell?.role ?? '') ?? 0);
  return [...quotes].sort(
    (a, b) =>
      STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
      (itemRank.get(a.itemId) ?? Infinity) - (itemRank.get(b.itemId) ?? Infinity) ||
      rank(a) - rank(b) ||
      (a.answerId ?? '').localeCompare(b.answerId ?? '') ||
      cellRank(a) - cellRank(b) ||
      a.order - b.order ||
      a.id.localeCompare(b.id),
  );
}
