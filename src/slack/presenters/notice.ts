import type { NoticeView } from '../../core/views/types';
import { ACTIONS, ROUND_ACTION_IDS, type RoundActionId } from '../ids';
import { encodeActionValue } from '../schema';
import type { KnownBlock } from '../slack-types';
import { BLOCK_KIT } from '../limits';
import { actions, escapeKeepingMentions, plain, sections } from './blocks';

const TONE_EMOJI: Record<NoticeView['tone'], string> = {
  info: ':information_source:',
  success: ':white_check_mark:',
  warning: ':warning:',
  error: ':x:',
};

/** Which of our buttons a notice's follow-up action becomes. */
function actionIdFor(id: string): string | undefined {
  if ((ROUND_ACTION_IDS as string[]).includes(id)) return ACTIONS.round[id as RoundActionId];
  if (id === 'start' || id === 'continue') return ACTIONS.start;
  if (id === 'status') return ACTIONS.roundStatus;
  if (id === 'vote') return ACTIONS.vote;
  return undefined;
}

/** A short message (confirmation, refusal, "round is closed", coordinator notice). */
export function noticeBlocks(notice: NoticeView): KnownBlock[] {
  const title = notice.title ? `*${escapeKeepingMentions(notice.title)}*\n` : '';
  const blocks = sections(`${TONE_EMOJI[notice.tone]} ${title}${escapeKeepingMentions(notice.text)}`);
  const actionId = notice.action ? actionIdFor(notice.action.id) : undefined;
  if (notice.action && actionId) {
    blocks.push(...actions([{ text: notice.action.label, actionId, value: encodeActionValue(notice.action.id === 'vote' ? { v: notice.action.value } : { r: notice.action.roundId }), style: 'primary' }]));
  }
  if (notice.link) {
    blocks.push({ type: 'actions', elements: [{ type: 'button', text: plain(notice.link.label, BLOCK_KIT.buttonText), url: notice.link.url.slice(0, BLOCK_KIT.url), action_id: ACTIONS.link }] });
  }
  return blocks;
}

/** The plain-text fallback Slack shows in notifications. */
export function noticeText(notice: NoticeView): string {
  return notice.title ? `${notice.title}: ${notice.text}` : notice.text;
}
