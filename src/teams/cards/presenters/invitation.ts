import { t } from '../../../i18n';
import type { InvitationView, ReminderView } from '../../../core/views/types';
import { renderCard, type AdaptiveCard } from '../render-card';
import { paragraphs } from './shared';

/** The framing invitation: why, what, anonymous, how long, what happens next; Start / more / opt out. */
export function invitationCard(view: InvitationView): AdaptiveCard {
  return renderCard('invitation', {
    ...view,
    offers: view.offers ?? { start: true, optOut: true },
    closedLine: view.closedLine ?? '',
    eyebrow: t(view.lang, 'cards:invitation.eyebrow'),
    anonymityDetails: paragraphs(view.anonymityDetails),
    // Someone we could not yet ask gets the round's language; one click shows it in the other one.
    languageSwitch: { title: t(view.lang, 'cards:invitation.otherLanguage'), lang: view.lang === 'nl' ? 'en' : 'nl' },
  });
}

/** A reminder speaks only to its reader and offers to continue where they left off. */
export function reminderCard(view: ReminderView): AdaptiveCard {
  return renderCard('reminder', { ...view, eyebrow: t(view.lang, 'cards:reminder.eyebrow'), paragraphs: paragraphs(view.text) });
}
