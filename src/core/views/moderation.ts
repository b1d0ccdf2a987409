import type { Quote } from '../ports';
import type { Lang } from '../questionnaire/schema';
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
    if (quote.cell) {
      const domain = q.guidanceDomains.find((d) => d.id === quote.cell!.domain)?.label[lang] ?? quote.cell.domain;
      const role = q.roles.find((x) => x.id === quote.cell!.role)?.label[lang] ?? quote.cell.role;
      return `${r.number}. ${domain} — ${role}`;
    }
    return `${r.number}. ${r.text[lang]}`;
  }
  const d = q.dimensions.find((x) => x.id === quote.section);
  return d?.openQuestions.find((o) => o.id === quote.itemId)?.text[lang] ?? quote.itemId;
}

export function buildQuoteView(round: Pick<Round, 'questionnaire'>, quote: Quote, lang: Lang): QuoteView {
  return {
    id: quote.id,
    roundId: quote.roundId,
    sectionTitle: sectionTitle(round, quote.section, lang),
    question: questionLabel(round, quote, lang),
    text: quote.editedText ?? quote.text,
    original: quote.editedText ? quote.text : undefined,
    status: quote.status,
    statusLabel: t(lang, `survey:moderation.status.${quote.status}`),
    themes: quote.themes.map((id) => ({ id, label: findTheme(id)?.label[lang] ?? id })),
  };
}

export function buildModeration(round: Pick<Round, 'id' | 'title' | 'questionnaire'>, quotes: Quote[], lang: Lang): ModerationView {
  const ordered = [...quotes].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const pending = ordered.filter((q) => q.status === 'pending').length;
  return {
    roundId: round.id,
    title: t(lang, 'survey:moderation.title', { title: round.title }),
    intro: t(lang, 'survey:moderation.intro', { count: pending }),
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
