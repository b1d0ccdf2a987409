import type { Lang } from '../../../core/questionnaire/schema';
import type { DimensionSummary, RoundSummary, ScaleFigure, StatementSummary } from '../../../core/summary/model';
import { askedGroupsLine, bandLabel, formatDecimal, localize, scaleMax, statementSentence, withheldLabel } from '../../../core/summary/labels';
import { t } from '../../../i18n';
import { cardSize, MAX_CARD_BYTES, renderCard, type AdaptiveCard } from '../render-card';
import { keepLeadingNumber, typedText } from './shared';

/**
 * The details of a published summary as reply cards under the channel post: per dimension every
 * statement's figure (with its "geen zicht" count) and every approved answer under its question,
 * then the reflection questions. Nothing is cut: a part that does not fit one card continues on
 * the next, and every count in a heading is the number of answers listed under it.
 */
type Line = { text: string; subtle: boolean; size: 'Default' | 'Small' };
type Part = { heading: string; lines: Line[] };
type Detail = { title: string; parts: Part[] };

const line = (text: string, subtle = false): Line => ({ text, subtle, size: subtle ? 'Small' : 'Default' });
const quoteLine = (text: string): Line => line(`“${typedText(text)}”`);

function figureText(summary: RoundSummary, figure: ScaleFigure, lang: Lang): string {
  if (figure.status !== 'shown') return withheldLabel(figure.reason, lang);
  return `${t(lang, 'summary:figure.meanOutOf', { mean: formatDecimal(figure.mean, lang), max: scaleMax(summary) })} · ${bandLabel(summary, figure.band, lang)} · ${t(lang, 'summary:figure.respondentsShort', { n: figure.n })}`;
}

function statementLines(summary: RoundSummary, s: StatementSummary, lang: Lang): Line[] {
  const noView = s.noView && s.noView.noView > 0 ? ` · ${t(lang, 'summary:figure.noView', { noView: s.noView.noView, answered: s.noView.answered })}` : '';
  return [line(statementSentence(summary, s.text, lang)), line(`${figureText(summary, s.figure, lang)}${noView}`, true)];
}

function quotePart(title: string, quotes: readonly string[], lang: Lang): Part[] {
  if (quotes.length === 0) return [];
  return [{ heading: t(lang, 'summary:quotes.listHeading', { title, count: quotes.length }), lines: quotes.map(quoteLine) }];
}

function dimensionDetail(summary: RoundSummary, d: DimensionSummary, lang: Lang): Detail | undefined {
  const parts: Part[] = [];
  const noView = d.noView && d.noView.noView > 0 ? [line(t(lang, 'summary:figure.noView', { noView: d.noView.noView, answered: d.noView.answered }), true)] : [];
  const asked = askedGroupsLine(d, lang);
  const askedLines = asked ? [line(asked, true)] : [];
  if (d.statements.length) parts.push({ heading: '', lines: [...askedLines, ...noView, ...d.statements.flatMap((s) => statementLines(summary, s, lang))] });
  else if (asked) parts.push({ heading: '', lines: askedLines });
  parts.push(...quotePart(t(lang, 'summary:quotes.strengths'), d.quotes.strengths, lang));
  parts.push(...quotePart(t(lang, 'summary:quotes.priorities'), d.quotes.priorities, lang));
  parts.push(...quotePart(t(lang, 'summary:quotes.practices'), d.quotes.practices ?? [], lang));
  return parts.length ? { title: `${d.dimensionId}. ${localize(d.title, lang)}`, parts } : undefined;
}

function reflectionDetail(summary: RoundSummary, lang: Lang): Detail | undefined {
  const r = summary.reflection;
  if (!r) return undefined;
  const parts: Part[] = [];
  if (r.roleGrid) {
    for (const d of r.roleGrid.domains) {
      for (const role of d.roles) parts.push(...quotePart(keepLeadingNumber(`${r.roleGrid.number}. ${localize(d.label, lang)} — ${localize(role.label, lang)}`), role.texts, lang));
    }
  }
  for (const q of r.questions) parts.push(...quotePart(keepLeadingNumber(`${q.number}. ${localize(q.text, lang)}`), q.quotes, lang));
  return parts.length ? { title: t(lang, 'summary:reflection.heading'), parts } : undefined;
}

/** Leaves room for the card's frame and a part heading repeated on a continuation card. */
const BUDGET = MAX_CARD_BYTES - 3_000;
const lineBytes = (l: Line) => Buffer.byteLength(JSON.stringify(l.text), 'utf8') + 110;

/** Splits one detail over as many cards as it needs, a part continuing under its heading. */
function paginate(detail: Detail, lang: Lang, note: string): AdaptiveCard[] {
  const cards: Detail[] = [];
  let current: Detail = { title: detail.title, parts: [] };
  let bytes = 0;
  for (const part of detail.parts) {
    let open: Part | undefined;
    for (const l of part.lines) {
      const size = lineBytes(l) + (open ? 0 : Buffer.byteLength(part.heading, 'utf8') + 150);
      if (bytes + size > BUDGET && bytes > 0) {
        cards.push(current);
        current = { title: t(lang, 'summary:quotes.continued', { title: detail.title }), parts: [] };
        bytes = 0;
        open = undefined;
      }
      if (!open) {
        open = { heading: part.heading, lines: [] };
        current.parts.push(open);
        bytes += Buffer.byteLength(part.heading, 'utf8') + 150;
      }
      open.lines.push(l);
      bytes += lineBytes(l);
    }
  }
  cards.push(current);
  return cards.map((c, i) => {
    const card = renderCard('summary-detail', { ...c, note: i === cards.length - 1 ? note : '' });
    // The estimate leaves a wide margin; should a card still be too large, that is a bug to see in tests.
    if (cardSize(card) > MAX_CARD_BYTES) throw new Error(`summary detail card of ${cardSize(card)} bytes`);
    return card;
  });
}

export function summaryDetailCards(summary: RoundSummary, lang: Lang): AdaptiveCard[] {
  const details = [...summary.dimensions.map((d) => dimensionDetail(summary, d, lang)), reflectionDetail(summary, lang)].filter((d): d is Detail => d !== undefined);
  return details.flatMap((d, i) => paginate(d, lang, i === details.length - 1 ? t(lang, 'summary:quotes.note') : ''));
}
