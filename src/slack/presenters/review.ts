import type { ReviewView } from '../../core/views/types';
import type { Translate } from '../../i18n';
import { ACTIONS, CALLBACKS } from '../ids';
import { BLOCK_KIT } from '../limits';
import { encodeActionValue, encodeMetadata } from '../schema';
import type { KnownBlock, ModalView } from '../slack-types';
import { context, escapeMrkdwn, header, plain, section, truncate } from './blocks';

/**
 * The overview between and after sections: what is saved, what is left, a button to open any
 * section again. When everything is saved it doubles as the thank-you.
 */
export function reviewModal(view: ReviewView, t: Translate): ModalView {
  const blocks: KnownBlock[] = [header(view.title), section(escapeMrkdwn(view.intro))];
  // Leave room for the closing line; a questionnaire with more sections than a modal holds is
  // not something the schema forbids, so the list is cut rather than the view refused.
  const room = BLOCK_KIT.viewBlocks - blocks.length - 1;
  for (const s of view.sections.slice(0, room)) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`${s.submitted ? ':white_check_mark:' : ':white_square:'} *${escapeMrkdwn(s.title)}*\n${escapeMrkdwn(s.label)}`, BLOCK_KIT.sectionText) },
      accessory: {
        type: 'button',
        text: plain(s.submitted ? view.labels.change : view.labels.continue, BLOCK_KIT.buttonText),
        // Eight "Antwoorden wijzigen" buttons read alike to a screen reader; this names the part.
        accessibility_label: truncate(s.actionName, BLOCK_KIT.buttonAccessibilityLabel),
        action_id: ACTIONS.openSection,
        value: encodeActionValue({ r: view.roundId, s: s.section }),
      },
    });
  }
  blocks.push(context(escapeMrkdwn(view.closesAt)));
  return {
    type: 'modal',
    callback_id: CALLBACKS.review,
    private_metadata: encodeMetadata({ k: 'review', r: view.roundId }),
    title: plain(t('slack:review.modalTitle'), BLOCK_KIT.modalTitle),
    submit: plain(view.labels.done, BLOCK_KIT.modalButton),
    close: plain(t('slack:close'), BLOCK_KIT.modalButton),
    blocks,
  };
}

/** "Bewaard — 3 van 8": the line added to the invitation DM after each saved section. */
export function savedLine(view: ReviewView, t: Translate): string {
  const done = view.sections.filter((s) => s.submitted).length;
  return t(view.complete ? 'slack:invitation.savedComplete' : 'slack:invitation.saved', { done, total: view.sections.length });
}
