import type { InvitationView, ReminderView } from '../../core/views/types';
import { ACTIONS } from '../ids';
import { BLOCK_KIT } from '../limits';
import { encodeActionValue } from '../schema';
import type { KnownBlock } from '../slack-types';
import { actions, context, escapeMrkdwn, header, sections, truncate } from './blocks';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * The invitation DM frames the round (why, anonymity, how long, what happens next, closing date)
 * with Start / Meer over anonimiteit / Ik doe niet mee. `status` is the "Bewaard — 3 van 8" line
 * added when the message is updated after a saved section.
 */
export function invitationMessage(view: InvitationView, status?: string): SlackMessage {
  const value = encodeActionValue({ r: view.roundId });
  const offers = view.offers ?? { start: true, optOut: true };
  const buttons = [
    ...(offers.start ? [{ text: view.labels.start, actionId: ACTIONS.start, value, style: 'primary' as const }] : []),
    { text: view.labels.anonymity, actionId: ACTIONS.anonymity, value },
    ...(offers.optOut ? [{ text: view.labels.optOut, actionId: ACTIONS.optOut, value }] : []),
  ];
  const blocks: KnownBlock[] = [
    header(view.title),
    ...sections(`${escapeMrkdwn(view.greeting)}\n\n${escapeMrkdwn(view.purpose)}`),
    ...sections(`:lock: ${escapeMrkdwn(view.anonymity)}`),
    ...sections(`:stopwatch: ${escapeMrkdwn(view.duration)}\n:bar_chart: ${escapeMrkdwn(view.afterwards)}`),
    context(`:calendar: ${escapeMrkdwn(view.closes)}`),
    // A closed round's message keeps no button at all: nothing on it could still work.
    ...(view.closedLine ? sections(`:lock: *${escapeMrkdwn(view.closedLine)}*`) : actions(buttons)),
  ];
  if (status && !view.closedLine) blocks.push(context(`:floppy_disk: ${escapeMrkdwn(status)}`));
  return { text: truncate(`${view.title} — ${view.greeting}`, BLOCK_KIT.messageText), blocks };
}

/** A reminder speaks only to its reader; it never says who else did or did not answer. */
export function reminderMessage(view: ReminderView): SlackMessage {
  const value = encodeActionValue({ r: view.roundId });
  return {
    text: truncate(`${view.title} — ${view.text}`, BLOCK_KIT.messageText),
    blocks: [
      header(view.title),
      ...sections(escapeMrkdwn(view.text)),
      context(`:calendar: ${escapeMrkdwn(view.closes)}`),
      ...actions(
        [
          { text: view.labels.continue, actionId: ACTIONS.start, value, style: 'primary' },
          { text: view.labels.optOut, actionId: ACTIONS.optOut, value },
        ],
      ),
    ],
  };
}
