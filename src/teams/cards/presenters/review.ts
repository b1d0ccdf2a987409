import { t } from '../../../i18n';
import type { ReviewView } from '../../../core/views/types';
import { renderCard, type AdaptiveCard } from '../render-card';

export interface ReviewExtras {
  /** The last section was just saved: the card says so. */
  justSaved?: boolean;
}

/**
 * The overview between and after sections: what is saved, what is left, change any part. When
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
    sections: view.sections.map((s) => ({ ...s, color: s.submitted ? 'Good' : 'Warning', change: view.labels.change })),
    labels: view.labels,
  });
}
