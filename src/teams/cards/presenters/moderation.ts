import type { Lang } from '../../../core/questionnaire/schema';
import type { ModerationView, QuoteView } from '../../../core/views/types';
import { t } from '../../../i18n';
import { cardSize, MAX_CARD_BYTES, renderCard, type AdaptiveCard } from '../render-card';
import { typedText } from './shared';

const STATUS_COLOR: Record<QuoteView['status'], string> = { pending: 'Warning', approved: 'Good', hidden: 'Attention' };
/** Quotes per card; fewer when long quotes would push the card over Teams' size limit. */
const PAGE_SIZES = [5, 3, 1] as const;

function quoteData(view: ModerationView, quote: QuoteView, lang: Lang, offset: number) {
  const base = { roundId: view.roundId, quoteId: quote.id, offset };
  return {
    id: quote.id,
    where: `${quote.sectionTitle} · ${quote.question}`,
    text: typedText(quote.text),
    original: quote.original ? t(lang, 'cards:moderation.original', { text: typedText(quote.original) }) : '',
    statusLabel: quote.statusLabel,
    statusColor: STATUS_COLOR[quote.status],
    themes: quote.themes.length ? t(lang, 'cards:moderation.themes', { themes: quote.themes.map((th) => th.label).join(', ') }) : '',
    editId: `edit.${quote.id}`,
    editValue: quote.text,
    themesId: `themes.${quote.id}`,
    themesValue: quote.themes.map((th) => th.id).join(','),
    approve: { title: view.labels.approve, data: { ...base, action: 'approve' } },
    hide: { title: view.labels.hide, data: { ...base, action: 'hide' } },
    edit: { title: view.labels.edit, save: t(lang, 'cards:moderation.saveEdit'), data: { ...base, action: 'edit' } },
    tag: { title: view.labels.tag, save: t(lang, 'cards:moderation.saveThemes'), data: { ...base, action: 'tag' } },
  };
}

function page(view: ModerationView, lang: Lang, offset: number, size: number): AdaptiveCard {
  const total = view.quotes.length;
  const start = Math.min(Math.max(0, offset), Math.max(0, total - 1));
  const quotes = view.quotes.slice(start, start + size);
  const kindLabel = { success: view.labels.success, barrier: view.labels.barrier };
  return renderCard('moderation', {
    roundId: view.roundId,
    title: view.title,
    intro: total ? view.intro : t(lang, 'cards:moderation.none'),
    pageLabel: total > size ? t(lang, 'cards:moderation.page', { from: start + 1, to: start + quotes.length, total }) : '',
    quotes: quotes.map((q) => quoteData(view, q, lang, start)),
    themeChoices: view.themeOptions.map((o) => ({ title: `${kindLabel[o.kind]}: ${o.label}`, value: o.id })),
    navigation: [
      ...(start > 0 ? [{ title: t(lang, 'cards:moderation.previous'), verb: 'moderate', data: { roundId: view.roundId, offset: Math.max(0, start - size) } }] : []),
      ...(start + size < total ? [{ title: t(lang, 'cards:moderation.next'), verb: 'moderate', data: { roundId: view.roundId, offset: start + size } }] : []),
    ],
    publish: { title: view.labels.publish, data: { roundId: view.roundId } },
  });
}

/** `nalezen`: the open answers of a closed round, a few per card, each to approve, edit, hide or tag. */
export function moderationCard(view: ModerationView, lang: Lang, offset = 0): AdaptiveCard {
  let card: AdaptiveCard | undefined;
  for (const size of PAGE_SIZES) {
    card = page(view, lang, offset, size);
    if (cardSize(card) <= MAX_CARD_BYTES) return card;
  }
  return card!;
}
