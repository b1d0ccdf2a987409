import type { Quote } from '../ports';
import type { Lang } from '../questionnaire/schema';
import { screeningOrder } from './moderation-order';
import { REFLECTION_SECTION, type Round } from '../round';
import { findTheme, THEMES } from '../summary/themes';
import { t } from '../../i18n';
import { sectionTitle } from './review';
import type { ModerationView, QuoteView } from './types';

function questionLabel(round: Pick<Round, 'questionnaire'>, quote: Quote, lang: Lang): string {
  const q = round.questionnaire;
  if (quote.section === REFLECTION_SECTION) {
    const r = q.reflection.questions.find((x) => x.id === quote.itemId);
    if (!r) return quote.itemId;
    return `${r.number}. ${r.text[lang]}`;
  }
  const d = q.dimensions.find((x) => x.id === quote.section);
  return d?.openQuestions.find((o) => o.id === quote.itemId)?.text[lang] ?? quote.itemId;
}

/** "Onderwijsloopbaan — Mijn rol": where in the role grid a cell was written. */
function cellLabel(round: Pick<Round, 'questionnaire'>, cell: NonNullable<Quote['cell']>, lang: Lang): string {
  const q = round.questionnaire;
  const domain = q.guidanceDomains.find((d) => d.id === cell.domain)?.label[lang] ?? cell.domain;
  const role = q.roles.find((x) => x.id === cell.role)?.label[lang] ?? cell.role;
  return `${domain} — ${role}`;
}

export function buildQuoteView(round: Pick<Round, 'questionnaire'>, quote: Quote, lang: Lang): QuoteView {
  return {
    ...(quote.cell ? { cell: cellLabel(round, quote.cell, lang) } : {}),
    id: quote.id,
    roundId: quote.roundId,
    sectionTitle: sectionTitle(round, quote.section, lang),
    question: questionLabel(round, quote, lang),
    text: quote.editedText ?? quote.text,
    original: quote.editedText ? quote.text : undefined,
    status: quote.status,
    statusLabel: t(lang, `survey:moderation.status.${quote.status}`),
    themes: quote.themes.map((id) => ({ id, label: findTheme(id)?.label[lang] ?? id })),
    ...(quote.answerId ? { answerId: quote.answerId } : {}),
  };
}

/**
 * The screening queue. Answers still to screen come first, so approving what one has read brings
 * the next ones up; within that, they are in reading order — per dimension, per question, the
 * cells of one role-grid answer together — and otherwise in their fixed random order.
 */
export function buildModeration(
  round: Pick<Round, 'id' | 'title' | 'questionnaire' | 'dimensionIds' | 'depth' | 'includeReflection' | 'moderation'>,
  quotes: Quote[],
  lang: Lang,
): ModerationView {
  const ordered = screeningOrder(round, quotes);
  // Without screening nothing waits: every answer not hidden is shared (visibleQuotes).
  const pending = round.moderation ? ordered.filter((q) => q.status === 'pending').length : 0;
  return {
    roundId: round.id,
    title: t(lang, 'survey:moderation.title', { title: round.title }),
    intro: round.moderation ? t(lang, 'survey:moderation.intro', { count: pending }) : t(lang, 'survey:moderation.introNotScreened'),
    pending,
    quotes: ordered.map((q) => buildQuoteView(round, q, lang)),
    themeOptions: THEMES.map((th) => ({ id: th.id, label: th.label[lang], kind: th.kind })),
    labels: {
      approve: t(lang, 'survey:moderation.approve'),
      hide: t(lang, 'survey:moderation.hide'),
      edit: t(lang, 'survey:moderation.edit'),
      tag: t(lang, 'survey:moderation.tag'),
      publish: t(lang, 'survey:actions.publish'),
      success: t(lang, 'survey:moderation.success'),
      barrier: t(lang, 'survey:moderation.barrier'),
    },
  };
}
