import type { Lang } from '../../../core/questionnaire/schema';
import type { ModerationView, QuoteView } from '../../../core/views/types';
import { t } from '../../../i18n';
import { cardSize, MAX_CARD_BYTES, renderCard, type AdaptiveCard } from '../render-card';
import { typedText } from './shared';

const STATUS_COLOR: Record<QuoteView['status'], string> = { pending: 'Warning', approved: 'Good', hidden: 'Attention' };
/**
 * Answers per card, largest first: as many as fit under Teams' size limit, so the coordinator
 * reads a whole page and approves it in one click. Edits and themes open one answer on its own
 * card, which keeps each answer here to its text and two buttons.
 */
const PAGE_SIZES = [40, 30, 25, 20, 15, 10, 5, 3, 1] as const;

function statusLine(quote: QuoteView, lang: Lang): string {
  const themes = quote.themes.length ? ` · ${t(lang, 'cards:moderation.themes', { themes: quote.themes.map((th) => th.label).join(', ') })}` : '';
  return `${quote.statusLabel}${themes}`;
}

function quoteData(view: ModerationView, quote: QuoteView, previous: QuoteView | undefined, lang: Lang, offset: number) {
  const base = { roundId: view.roundId, quoteId: quote.id, offset };
  const where = `${quote.sectionTitle} · ${quote.question}`;
  const sameAnswer = Boolean(quote.answerId && previous?.answerId === quote.answerId);
  const sameQuestion = previous !== undefined && `${previous.sectionTitle} · ${previous.question}` === where && previous.status === quote.status;
  return {
    heading: sameQuestion ? '' : where,
    cell: quote.cell ?? '',
    // The cells of one role-grid answer read as one answer: no line between them.
    startsAnswer: !sameAnswer,
    spacing: sameAnswer ? 'Small' : 'Medium',
    text: typedText(quote.text),
    original: quote.original ? t(lang, 'cards:moderation.original', { text: typedText(quote.original) }) : '',
    statusLine: statusLine(quote, lang),
    statusColor: STATUS_COLOR[quote.status],
    hide: quote.status !== 'hidden' ? { title: view.labels.hide, data: { ...base, action: 'hide' } } : null,
    open: { title: t(lang, 'cards:moderation.open'), data: { ...base, action: 'open' } },
  };
}

function page(view: ModerationView, lang: Lang, offset: number, size: number): AdaptiveCard {
  const total = view.quotes.length;
  const start = Math.min(Math.max(0, offset), Math.max(0, total - 1));
  const quotes = view.quotes.slice(start, start + size);
  const pendingIds = quotes.filter((q) => q.status === 'pending').map((q) => q.id);
  return renderCard('moderation', {
    roundId: view.roundId,
    title: view.title,
    intro: total ? view.intro : t(lang, 'cards:moderation.none'),
    pageLabel: total > quotes.length ? t(lang, 'cards:moderation.page', { from: start + 1, to: start + quotes.length, total }) : '',
    quotes: quotes.map((q, i) => quoteData(view, q, i > 0 ? quotes[i - 1] : undefined, lang, start)),
    // Exactly the answers on this card: approving never reaches an answer the coordinator did not see.
    approvePage: pendingIds.length
      ? { title: t(lang, 'cards:moderation.approvePage', { count: pendingIds.length }), data: { roundId: view.roundId, action: 'approvePage', quoteIds: pendingIds, offset: start } }
      : null,
    navigation: [
      ...(start > 0 ? [{ title: t(lang, 'cards:moderation.previous'), verb: 'moderate', data: { roundId: view.roundId, offset: Math.max(0, start - size) } }] : []),
      ...(start + size < total ? [{ title: t(lang, 'cards:moderation.next'), verb: 'moderate', data: { roundId: view.roundId, offset: start + size } }] : []),
    ],
    publish: { title: view.labels.publish, data: { roundId: view.roundId } },
  });
}

/** `nalezen`: the open answers of a closed round, pending first, as many per card as fit. */
export function moderationCard(view: ModerationView, lang: Lang, offset = 0): AdaptiveCard {
  let card: AdaptiveCard | undefined;
  for (const size of PAGE_SIZES) {
    card = page(view, lang, offset, size);
    if (cardSize(card) <= MAX_CARD_BYTES) return card;
  }
  return card!;
}

/** One answer on its own card: edit its text (which approves it), tag it with themes, approve or hide it. */
export function quoteEditCard(view: ModerationView, quote: QuoteView, lang: Lang, offset: number): AdaptiveCard {
  const base = { roundId: view.roundId, quoteId: quote.id, offset };
  const kindLabel = { success: view.labels.success, barrier: view.labels.barrier };
  return renderCard('quote-edit', {
    title: t(lang, 'cards:moderation.editTitle'),
    where: [quote.sectionTitle, quote.question, quote.cell].filter(Boolean).join(' · '),
    original: quote.original ? t(lang, 'cards:moderation.original', { text: typedText(quote.original) }) : '',
    statusLabel: quote.statusLabel,
    statusColor: STATUS_COLOR[quote.status],
    editId: `edit.${quote.id}`,
    editValue: quote.text,
    themesId: `themes.${quote.id}`,
    themesValue: quote.themes.map((th) => th.id).join(','),
    themeChoices: view.themeOptions.map((o) => ({ title: `${kindLabel[o.kind]}: ${o.label}`, value: o.id })),
    edit: { title: view.labels.edit, save: t(lang, 'cards:moderation.saveEdit'), data: { ...base, action: 'edit' } },
    tag: { title: view.labels.tag, save: t(lang, 'cards:moderation.saveThemes'), data: { ...base, action: 'tag' } },
    approve: quote.status !== 'approved' ? { title: view.labels.approve, data: { ...base, action: 'approve' } } : null,
    hide: quote.status !== 'hidden' ? { title: view.labels.hide, data: { ...base, action: 'hide' } } : null,
    back: { title: t(lang, 'cards:moderation.back'), data: { roundId: view.roundId, offset } },
  });
}
