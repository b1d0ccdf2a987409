import { cleanText, MAX_TEXT_LENGTH } from '../answers';
import { SurveyError } from '../errors';
import type { Quote, QuoteRepository } from '../ports';
import type { Round } from '../round';
import { isThemeId } from './themes';

/**
 * The coordinator's moderation queue. Every change goes through the repository's `moderate`
 * (one atomic update per quote). After publication the summary the team saw must not change
 * under them, so every change is refused with `summary_published`. Checking that the caller is
 * a coordinator is the services layer's job.
 */
type ModeratedRound = Pick<Round, 'id' | 'state'>;

async function loadQuote(repo: QuoteRepository, round: ModeratedRound, quoteId: string): Promise<Quote> {
  if (round.state === 'published') throw new SurveyError('summary_published');
  const quote = await repo.get(quoteId);
  // A quote of another round is as good as unknown: ids must not be usable across rounds.
  if (!quote || quote.roundId !== round.id) throw new SurveyError('quote_not_found');
  return quote;
}

async function apply(
  repo: QuoteRepository,
  quoteId: string,
  patch: Partial<Pick<Quote, 'status' | 'editedText' | 'themes'>>,
  now: Date,
): Promise<Quote> {
  const updated = await repo.moderate(quoteId, patch, now);
  if (!updated) throw new SurveyError('quote_not_found');
  return updated;
}

export async function approveQuote(repo: QuoteRepository, round: ModeratedRound, quoteId: string, now: Date): Promise<Quote> {
  await loadQuote(repo, round, quoteId);
  return apply(repo, quoteId, { status: 'approved' }, now);
}

/** Replaces the text the team sees (e.g. a name taken out) and approves the quote; the original stays for the record. */
export async function editQuote(repo: QuoteRepository, round: ModeratedRound, quoteId: string, rawText: string, now: Date): Promise<Quote> {
  await loadQuote(repo, round, quoteId);
  const text = cleanText(typeof rawText === 'string' ? rawText : '');
  // An empty edit would publish an empty quote; hiding is the way to drop one.
  if (!text) throw new SurveyError('required', {}, 'text');
  if (text.length > MAX_TEXT_LENGTH) throw new SurveyError('text_too_long', { length: text.length, max: MAX_TEXT_LENGTH }, 'text');
  return apply(repo, quoteId, { status: 'approved', editedText: text }, now);
}

/** Most quotes one bulk approval may name: a page of the screening view, never the whole round blindly. */
export const MAX_BULK_APPROVAL = 200;

/**
 * Approves, in one step, the answers the coordinator has just read (a page, a question or a
 * dimension of the screening view). Only quotes of this round that are still pending change, so a
 * hide or an edit made in the meantime stands. Returns how many were approved.
 */
export async function approveQuotes(repo: QuoteRepository, round: ModeratedRound, quoteIds: readonly string[], now: Date): Promise<number> {
  if (round.state === 'published') throw new SurveyError('summary_published');
  const ids = [...new Set(quoteIds.filter((id) => typeof id === 'string' && id !== ''))];
  if (ids.length > MAX_BULK_APPROVAL) throw new SurveyError('invalid_round', { reason: 'too_many_quotes' }, 'quotes');
  return repo.approvePending(round.id, ids, now);
}

export async function hideQuote(repo: QuoteRepository, round: ModeratedRound, quoteId: string, now: Date): Promise<Quote> {
  await loadQuote(repo, round, quoteId);
  return apply(repo, quoteId, { status: 'hidden' }, now);
}

/** Sets the quote's themes (replacing earlier ones); every id must be on the success-factor and barrier list. */
export async function tagQuote(repo: QuoteRepository, round: ModeratedRound, quoteId: string, themeIds: readonly string[], now: Date): Promise<Quote> {
  const unknown = themeIds.find((id) => !isThemeId(id));
  if (unknown !== undefined) throw new SurveyError('unknown_theme', { theme: unknown }, 'themes');
  await loadQuote(repo, round, quoteId);
  return apply(repo, quoteId, { themes: [...new Set(themeIds)] }, now);
}

/** The quotes still waiting for the coordinator, in their fixed order. */
export async function pendingQuotes(repo: QuoteRepository, roundId: string): Promise<Quote[]> {
  const quotes = await repo.listByRound(roundId, { statuses: ['pending'] });
  return quotes.filter((q) => q.status === 'pending').sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}
