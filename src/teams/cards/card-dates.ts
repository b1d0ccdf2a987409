import { DateTime } from 'luxon';
import { plainDates, renderDateMentions, type DateMention } from '../../core/views/date-mention';
import { t } from '../../i18n';

/**
 * Adaptive Cards' `{{DATE(…)}}` / `{{TIME(…)}}` functions: the client shows the moment in the
 * reader's own locale and time zone. They need strict RFC 3339 (seconds, no fractions, `Z` or an
 * offset) and work only in a TextBlock's or TextRun's text.
 */
function rfc3339(at: Date): string {
  return DateTime.fromJSDate(at, { zone: 'UTC' }).toFormat("yyyy-LL-dd'T'HH:mm:ss'Z'");
}

function cardDate(m: DateMention): string {
  const at = rfc3339(m.at);
  if (m.kind === 'day') return `{{DATE(${at}, LONG)}}`;
  return t(m.lang, 'survey:dateAtTime', { date: `{{DATE(${at}, LONG)}}`, time: `{{TIME(${at})}}` });
}

/** Text for a TextBlock or TextRun: every date mention as the card's own date functions. */
export function cardDates(text: string): string {
  return renderDateMentions(text, cardDate);
}

const LOCALISED_TEXT = new Set(['TextBlock', 'TextRun']);

/**
 * Renders the date mentions of an expanded card in place: as DATE()/TIME() in the text of
 * TextBlocks and TextRuns, as our fallback wording everywhere else (button titles, facts, labels,
 * action data), where no client would format them.
 */
export function renderCardDates(node: unknown): unknown {
  if (typeof node === 'string') return plainDates(node);
  if (Array.isArray(node)) return node.map(renderCardDates);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  const localised = LOCALISED_TEXT.has(String((node as Record<string, unknown>).type));
  for (const [key, value] of Object.entries(node)) {
    out[key] = localised && key === 'text' && typeof value === 'string' ? cardDates(value) : renderCardDates(value);
  }
  return out;
}
