import type { MyRoundView, RoundStatusView } from '../../core/views/types';
import type { Translate } from '../../i18n';
import { ACTIONS } from '../ids';
import { BLOCK_KIT } from '../limits';
import { encodeActionValue } from '../schema';
import type { HomeView, KnownBlock } from '../slack-types';
import { context, divider, escapeMrkdwn, header, plain, sections, truncate } from './blocks';
import { roundStatusBlocks } from './round-status';
import { slackDates } from './slack-dates';

function myRoundBlock(view: MyRoundView): KnownBlock {
  const text = truncate(slackDates(`*${escapeMrkdwn(view.title)}*\n${escapeMrkdwn(view.statusLabel)}\n${escapeMrkdwn(view.closes)}`), BLOCK_KIT.sectionText);
  if (view.status === 'closed') return { type: 'section', text: { type: 'mrkdwn', text } };
  return {
    type: 'section',
    text: { type: 'mrkdwn', text },
    accessory: {
      type: 'button',
      text: plain(view.actionLabel, BLOCK_KIT.buttonText),
      action_id: ACTIONS.start,
      value: encodeActionValue({ r: view.roundId }),
      ...(view.status === 'todo' || view.status === 'in_progress' ? { style: 'primary' as const } : {}),
    },
  };
}

/**
 * App Home: the person's open rounds with progress and a Start/Continue button; for coordinators
 * also their rounds with counts and actions. Stays within the 100-block limit by listing fewer
 * coordinator rounds and pointing to `/zorgspiegel status` for the rest.
 */
export function homeView(myRounds: MyRoundView[], statuses: RoundStatusView[] | undefined, t: Translate): HomeView {
  const blocks: KnownBlock[] = [header(t('slack:home.title')), ...sections(escapeMrkdwn(t('slack:home.intro')))];
  blocks.push(header(t('slack:home.myRounds')));
  if (myRounds.length === 0) blocks.push(...sections(escapeMrkdwn(t('slack:home.noRounds'))));
  for (const r of myRounds) blocks.push(myRoundBlock(r));
  if (statuses) {
    blocks.push(divider(), header(t('slack:home.coordinatorTitle')));
    if (statuses.length === 0) blocks.push(...sections(escapeMrkdwn(t('slack:home.noCoordinatorRounds'))));
    const reserve = 2;
    for (const s of statuses) {
      const part = [divider(), ...roundStatusBlocks(s, t)];
      if (blocks.length + part.length > BLOCK_KIT.viewBlocks - reserve) {
        blocks.push(context(escapeMrkdwn(t('slack:home.more'))));
        break;
      }
      blocks.push(...part);
    }
    blocks.push(context(escapeMrkdwn(t('slack:home.coordinatorHint'))));
  }
  return { type: 'home', blocks: blocks.slice(0, BLOCK_KIT.viewBlocks) };
}
