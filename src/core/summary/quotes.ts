import { createHash, randomInt } from 'node:crypto';
import { roundItems } from '../items';
import type { Quote } from '../ports';
import type { ResponseRecord } from '../response';
import type { Round } from '../round';

type RoundShape = Pick<Round, 'id' | 'questionnaire' | 'dimensionIds' | 'depth' | 'includeReflection'>;

/** A random rank for listing order; injectable so tests can fix it. */
export type RandomRank = () => number;
const cryptoRank: RandomRank = () => randomInt(0, 2 ** 47);

/**
 * Deterministic id: the same answer yields the same quote id however often the round is closed,
 * so `QuoteRepository.insertMany` (idempotent on id) never duplicates it. The respondent key
 * goes in hashed and never comes back out.
 */
export function quoteId(roundId: string, respondentKey: string, itemId: string, cell?: Quote['cell']): string {
  const parts = [roundId, respondentKey, itemId, ...(cell ? [cell.domain, cell.role] : [])];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/**
 * Copies the open answers of a closed round into quotes: one per non-empty open answer, free-text
 * reflection answer and role-grid cell, from sections the respondent submitted. A quote keeps
 * the text and where it was asked, nothing else: no respondent key, no group, no answer time
 * (createdAt is the closing time, the same for all). Quotes start as `pending`; with
 * moderation the coordinator approves, edits or hides them. The random `order` is fixed here,
 * so every view lists them the same way and the order says nothing about who wrote first.
 */
export function extractQuotes(round: RoundShape, responses: readonly ResponseRecord[], now: Date, rank: RandomRank = cryptoRank): Quote[] {
  const items = roundItems(round);
  const quotes: Quote[] = [];
  const make = (r: ResponseRecord, itemId: string, section: string, text: string, cell?: Quote['cell']): Quote => ({
    id: quoteId(round.id, r.respondentKey, itemId, cell),
    roundId: round.id,
    itemId,
    section,
    ...(cell ? { cell, answerId: quoteId(round.id, r.respondentKey, itemId) } : {}),
    text,
    status: 'pending',
    themes: [],
    order: rank(),
    createdAt: now,
    updatedAt: now,
  });
  for (const r of responses) {
    if (r.roundId !== round.id) continue;
    const submitted = new Set(r.submittedSections);
    for (const item of items) {
      if (!submitted.has(item.section)) continue;
      const value = r.answers[item.id];
      const isText = item.kind === 'open' || (item.kind === 'reflection' && item.question.type === 'text');
      if (isText && typeof value === 'string' && value.trim() !== '') {
        quotes.push(make(r, item.id, item.section, value.trim()));
      } else if (item.kind === 'reflection' && item.question.type === 'roleGrid' && value && typeof value === 'object') {
        for (const [domain, row] of Object.entries(value)) {
          if (!row || typeof row !== 'object') continue;
          for (const [role, text] of Object.entries(row as Record<string, unknown>)) {
            if (typeof text === 'string' && text.trim() !== '') quotes.push(make(r, item.id, item.section, text.trim(), { domain, role }));
          }
        }
      }
    }
  }
  return quotes;
}

/** The text a reader sees: the coordinator's edit when there is one. */
export function quoteText(quote: Pick<Quote, 'text' | 'editedText'>): string {
  return quote.editedText ?? quote.text;
}

/**
 * The quotes the team may read, in their fixed random order.
 * - Moderation on: only quotes the coordinator approved (or edited, which approves).
 * - Moderation off: every quote not hidden, but only from sections at least k respondents
 *   submitted, so a lone writer in a small section cannot be recognised by elimination.
 */
export function visibleQuotes(
  round: Pick<Round, 'id' | 'moderation' | 'anonymityThreshold'>,
  quotes: readonly Quote[],
  respondentsPerSection: ReadonlyMap<string, number>,
): Quote[] {
  const k = round.anonymityThreshold;
  return quotes
    .filter((q) => q.roundId === round.id)
    .filter((q) => (round.moderation ? q.status === 'approved' : q.status !== 'hidden' && (respondentsPerSection.get(q.section) ?? 0) >= k))
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}
