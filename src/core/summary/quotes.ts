import { randomInt } from 'node:crypto';
import { countedSections } from '../group-dimensions';
import { roundItems } from '../items';
import type { Quote } from '../ports';
import { randomId } from '../random-id';
import type { ResponseRecord } from '../response';
import type { Round } from '../round';

type RoundShape = Pick<Round, 'id' | 'questionnaire' | 'dimensionIds' | 'depth' | 'includeReflection'> & Partial<Pick<Round, 'groupDimensions'>>;

/** A random rank for listing order; injectable so tests can fix it. */
export type RandomRank = () => number;
const cryptoRank: RandomRank = () => randomInt(0, 2 ** 47);

/**
 * Copies the open answers of a closed round into quotes: one per non-empty open answer, free-text
 * reflection answer and role-grid cell, from sections the respondent submitted. A quote keeps
 * the text and where it was asked, nothing else: no respondent key, no group, no answer time
 * (createdAt is the closing time, the same for all), and a random id — not derived from the
 * respondent key, so once the raw answers are gone not even the server's secret links a quote to
 * its writer. Quotes start as `pending`; with moderation the coordinator approves, edits or hides
 * them. The random `order` is fixed here, so every view lists them the same way and the order
 * says nothing about who wrote first. The list comes back in that order, so storing it as it is
 * does not put one writer's quotes next to each other either. Random ids make a second
 * extraction a second set: `extractQuotesOnce` keeps one (`batch` tells the sets apart).
 */
export function extractQuotes(round: RoundShape, responses: readonly ResponseRecord[], now: Date, rank: RandomRank = cryptoRank, batch?: string): Quote[] {
  const items = roundItems(round);
  const quotes: Quote[] = [];
  const make = (itemId: string, section: string, text: string, cell?: Quote['cell'], answerId?: string): Quote => ({
    id: randomId(),
    roundId: round.id,
    ...(batch ? { batch } : {}),
    itemId,
    section,
    ...(cell ? { cell, ...(answerId ? { answerId } : {}) } : {}),
    text,
    status: 'pending',
    themes: [],
    order: rank(),
    createdAt: now,
    updatedAt: now,
  });
  for (const r of responses) {
    if (r.roundId !== round.id) continue;
    // Open answers, like figures, only from what the respondent's group was asked.
    const submitted = countedSections(round, r);
    for (const item of items) {
      if (!submitted.has(item.section)) continue;
      const value = r.answers[item.id];
      const isText = item.kind === 'open' || (item.kind === 'reflection' && item.question.type === 'text');
      if (isText && typeof value === 'string' && value.trim() !== '') {
        quotes.push(make(item.id, item.section, value.trim()));
      } else if (item.kind === 'reflection' && item.question.type === 'roleGrid' && value && typeof value === 'object') {
        // One random id shared by the cells of this grid answer (read together when screening);
        // random like the quote ids, so it links no quote to its writer either.
        const answerId = randomId();
        for (const [domain, row] of Object.entries(value)) {
          if (!row || typeof row !== 'object') continue;
          for (const [role, text] of Object.entries(row as Record<string, unknown>)) {
            if (typeof text === 'string' && text.trim() !== '') quotes.push(make(item.id, item.section, text.trim(), { domain, role }, answerId));
          }
        }
      }
    }
  }
  return quotes.sort((a, b) => a.order - b.order);
}

/** The text a reader sees: the coordinator's edit when there is one. */
export function quoteText(quote: Pick<Quote, 'text' | 'editedText'>): string {
  return quote.editedText ?? quote.text;
}

/**
 * The quotes the team may read, in their fixed random order: only from sections at least k
 * respondents submitted, so a lone writer in a small section (one group asked, two who answered)
 * cannot be recognised by elimination — screening does not change that, the coordinator does not
 * see how many wrote in a section. Of those:
 * - moderation on: only quotes the coordinator approved (or edited, which approves);
 * - moderation off: every quote not hidden.
 */
export function visibleQuotes(
  round: Pick<Round, 'id' | 'moderation' | 'anonymityThreshold'>,
  quotes: readonly Quote[],
  respondentsPerSection: ReadonlyMap<string, number>,
): Quote[] {
  const k = round.anonymityThreshold;
  return quotes
    .filter((q) => q.roundId === round.id)
    .filter((q) => (respondentsPerSection.get(q.section) ?? 0) >= k && (round.moderation ? q.status === 'approved' : q.status !== 'hidden'))
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}
