import type { Lang } from '../../../core/questionnaire/schema';
import type { RoundStatusView } from '../../../core/views/types';
import { t } from '../../../i18n';
import { renderCard, type AdaptiveCard } from '../render-card';

/**
 * `status`: per round its state, dates and counts (never who answered), the people the bot could
 * not reach with the reason, and the actions that make sense now.
 */
export function roundStatusCard(lang: Lang, views: RoundStatusView[], displayName: (platformUserId: string) => string): AdaptiveCard {
  return renderCard('round-status', {
    heading: t(lang, 'cards:status.heading'),
    empty: views.length ? '' : t(lang, 'cards:status.empty'),
    rounds: views.map((v) => ({
      title: v.title,
      stateLabel: v.stateLabel,
      facts: [
        // TextBlocks, not a FactSet: only a TextBlock's text renders the dates in the reader's locale.
        { title: t(lang, 'cards:status.opens'), value: v.opens },
        { title: t(lang, 'cards:status.closes'), value: v.closes },
      ],
      progressLine: v.progressLine,
      undeliverableHeading: v.undeliverable.length ? t(lang, 'cards:status.undeliverable', { count: v.undeliverable.length }) : '',
      undeliverable: v.undeliverable.map((u) => ({ text: `${displayName(u.platformUserId)}: ${u.reason}` })),
      actions: v.actions.map((a) => ({ title: a.label, verb: a.id, data: { roundId: v.roundId } })),
    })),
  });
}
