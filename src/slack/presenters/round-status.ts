import type { RoundStatusView } from '../../core/views/types';
import type { Translate } from '../../i18n';
import { ACTIONS } from '../ids';
import { encodeActionValue } from '../schema';
import type { KnownBlock } from '../slack-types';
import { actions, context, divider, escapeMrkdwn, sections } from './blocks';
import { roundRef } from '../round-ref';

/**
 * One round as the coordinator sees it: state, counts (never who answered), who could not be
 * reached and why, and the actions that make sense now.
 */
export function roundStatusBlocks(view: RoundStatusView, t: Translate): KnownBlock[] {
  const blocks: KnownBlock[] = [
    ...sections(
      `*${escapeMrkdwn(view.title)}* — ${escapeMrkdwn(view.stateLabel)}\n${escapeMrkdwn(view.progressLine)}\n` +
        escapeMrkdwn(t('slack:status.period', { opens: view.opens, closes: view.closes })),
    ),
  ];
  if (view.undeliverable.length) {
    const lines = view.undeliverable.map((u) => `• <@${u.platformUserId}> — ${escapeMrkdwn(u.reason)}`);
    blocks.push(...sections(`${escapeMrkdwn(t('slack:status.undeliverable'))}\n${lines.join('\n')}`));
  }
  blocks.push(context(escapeMrkdwn(t('slack:status.ref', { ref: roundRef(view.roundId) }))));
  const value = encodeActionValue({ r: view.roundId });
  if (view.actions.length) {
    blocks.push(
      ...actions(
        view.actions.map((a) => ({
          text: a.label,
          actionId: ACTIONS.round[a.id],
          value,
          ...(a.id === 'publish' ? { style: 'primary' as const } : a.id === 'cancel' ? { style: 'danger' as const } : {}),
        })),
      ),
    );
  }
  return blocks;
}

/** Several rounds, newest first, separated by dividers. */
export function roundStatusListBlocks(views: RoundStatusView[], t: Translate): KnownBlock[] {
  if (views.length === 0) return sections(escapeMrkdwn(t('slack:status.none')));
  const blocks: KnownBlock[] = [];
  views.forEach((v, i) => {
    if (i > 0) blocks.push(divider());
    blocks.push(...roundStatusBlocks(v, t));
  });
  return blocks;
}
