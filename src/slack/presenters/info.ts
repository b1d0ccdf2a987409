import type { NoticeView, SectionFormView } from '../../core/views/types';
import type { Translate } from '../../i18n';
import { CALLBACKS } from '../ids';
import { BLOCK_KIT } from '../limits';
import { encodeMetadata } from '../schema';
import type { KnownBlock, ModalView } from '../slack-types';
import { escapeMrkdwn, header, plain, section, sections } from './blocks';
import { noticeBlocks } from './notice';

/** A read-only modal (scale help, anonymity, a notice): no submit, just "Sluiten". */
export function infoModal(title: string, blocks: KnownBlock[], t: Translate): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACKS.info,
    private_metadata: encodeMetadata({ k: 'info' }),
    title: plain(title, BLOCK_KIT.modalTitle),
    close: plain(t('slack:close'), BLOCK_KIT.modalButton),
    blocks: blocks.slice(0, BLOCK_KIT.viewBlocks),
  };
}

/** What each point of the scale means, with its ROK band: pushed on top of a section modal. */
export function scaleHelpModal(view: Pick<SectionFormView, 'scale'>, t: Translate): ModalView {
  const blocks: KnownBlock[] = [header(view.scale.title)];
  for (const p of view.scale.points) {
    blocks.push(...sections(`*${p.value}. ${escapeMrkdwn(p.label)}* — _${escapeMrkdwn(p.band)}_\n${escapeMrkdwn(p.meaning)}`));
  }
  return infoModal(t('slack:form.scaleHelpTitle'), blocks, t);
}

export function anonymityModal(details: string, t: Translate): ModalView {
  return infoModal(t('slack:invitation.anonymityTitle'), [section(escapeMrkdwn(details))], t);
}

export function noticeModal(notice: NoticeView, t: Translate): ModalView {
  return infoModal(notice.title ?? t('slack:form.title'), noticeBlocks(notice), t);
}
