import { roundItems } from './items';
import type { Repositories } from './ports';
import type { Round } from './round';
import { sectionRespondents } from './summary/answer-sets';
import { visibleQuotes } from './summary/quotes';
import { retentionMonths, type TenantSettings } from './tenant';

/**
 * What is hidden is gone (see README, "Anonymity"): what the team never saw is deleted when the
 * summary is published, and the raw answers are deleted when the workspace's retention period
 * has passed. The summary (figures, published quotes) stays for the trend.
 */

/** The items whose answers are free text: open questions, text reflections, role-grid cells. */
export function openTextItemIds(round: Pick<Round, 'questionnaire' | 'dimensionIds' | 'depth' | 'includeReflection'>): string[] {
  return roundItems(round)
    .filter((i) => i.kind === 'open' || (i.kind === 'reflection' && (i.question.type === 'text' || i.question.type === 'roleGrid')))
    .map((i) => i.id);
}

/**
 * At publication: every quote the team does not see (hidden, never approved, or withheld below k)
 * loses its text; an edited quote keeps only the edit. The open answers are also removed from the
 * raw responses, whose published form lives on in the quotes. Idempotent: run again (a retried
 * publication, the retention sweep) it changes nothing more.
 */
export async function settleQuotes(repos: Pick<Repositories, 'quotes' | 'responses'>, round: Round): Promise<void> {
  const quotes = await repos.quotes.listByRound(round.id);
  const responses = await repos.responses.listByRound(round.id);
  const shown = new Set(visibleQuotes(round, quotes, sectionRespondents(responses, round)).map((q) => q.id));
  for (const quote of quotes) {
    if (!shown.has(quote.id)) {
      if (!quote.textDeleted) await repos.quotes.settleText(quote.id, '', 'deleted');
    } else if (quote.editedText !== undefined) {
      await repos.quotes.settleText(quote.id, quote.editedText, 'edited');
    }
  }
  await repos.responses.dropAnswers(round.id, openTextItemIds(round));
}

/** The moment a round's raw answers are due for deletion, or undefined while it may still change. */
export function answersDueAt(round: Pick<Round, 'state' | 'publishedAt' | 'cancelledAt'>, settings: Pick<TenantSettings, 'retentionMonths'>): Date | undefined {
  const from = round.state === 'published' ? round.publishedAt : round.state === 'cancelled' ? round.cancelledAt : undefined;
  if (!from) return undefined;
  const due = new Date(from);
  due.setUTCMonth(due.getUTCMonth() + retentionMonths(settings));
  return due;
}

/**
 * Deletes one published or cancelled round's raw answers (after settling its quotes, for rounds
 * published before quotes were settled at publication) and records that it did. Returns how many
 * responses were deleted. Rounds still running or waiting for publication are refused: their
 * answers are still needed.
 */
export async function purgeRoundAnswers(repos: Pick<Repositories, 'quotes' | 'responses' | 'rounds'>, round: Round, now: Date): Promise<number> {
  if (round.state !== 'published' && round.state !== 'cancelled') throw new Error(`round ${round.id} is ${round.state}: answers are kept until it is published or cancelled`);
  if (round.state === 'published') await settleQuotes(repos, round);
  // The overview counts the responses: keep their counts for it (counts only, nobody's answer).
  const counts = await repos.responses.count(round.id);
  const deleted = await repos.responses.deleteByRound(round.id);
  await repos.rounds.markAnswersPurged(round.id, now, counts);
  return deleted;
}
