import { t } from '../../../i18n';
import type { ReviewView } from '../../../core/views/types';
import { renderCard, type AdaptiveCard } from '../render-card';

export interface ReviewExtras {
  /** The last section was just saved: the card says so. */
  justSaved?: boolean;
}

/**
 * The overview between and after sections: what is saved, what is left, change any part (a part
 * still to do offers "continue", not "change answers", as Slack's overview does). When
 * everything is in, it is the thank-you card.
 */
export function reviewCard(view: ReviewView, extras: ReviewExtras = {}): AdaptiveCard {
  return renderCard('review', {
    roundId: view.roundId,
    title: view.title,
    intro: view.intro,
    closes: view.closesAt,
    complete: view.complete,
    savedBanner: extras.justSaved ? t(view.lang, 'survey:saved') : '',
    sections: view.sections.map((s) => ({ ...s, color: s.submitted ? 'Good' : 'Warning', change: s.submitted ? view.labels.change : view.labels.continue })),
    labels: view.labels,
  });
}
