import type { DeliveryProgress, Participation } from '../participation';
import type { Lang } from '../questionnaire/schema';
import type { Round } from '../round';
import { t } from '../../i18n';
import { mentionDateTime } from './date-mention';
import { nextAllowedMoment } from '../quiet-hours';
import type { QuietHours } from '../tenant';
import type { AfterClose, ConfirmedAction, RoundStatusView } from './types';

const ACTIONS_BY_STATE: Record<Round['state'], RoundStatusView['actions'][number]['id'][]> = {
  draft: ['cancel'],
  scheduled: ['cancel'],
  open: ['remind', 'close', 'cancel'],
  closed: ['moderate', 'publish', 'export'],
  published: ['export'],
  cancelled: [],
};

/**
 * What closing does with the summary, as the close-round job decides it: with screening it waits
 * for the coordinator; without, it is published at once to the team channel, or waits for one.
 */
export function afterClose(round: Pick<Round, 'moderation'>, hasTeamChannel: boolean): AfterClose {
  return round.moderation ? 'review' : hasTeamChannel ? 'publish' : 'noChannel';
}

const CLOSE_CONFIRM: Record<AfterClose, string> = {
  review: 'cards:confirm.close.textReview',
  publish: 'cards:confirm.close.textPublish',
  noChannel: 'cards:confirm.close.textNoChannel',
};

/** The confirmation each confirmed action asks, true for this round (see RoundStatusView.confirmKeys). */
export function confirmKeys(round: Pick<Round, 'moderation'>, hasTeamChannel: boolean): Record<ConfirmedAction, string> {
  return {
    close: CLOSE_CONFIRM[afterClose(round, hasTeamChannel)],
    // visibleQuotes: only approved answers with screening, every answer not hidden without; and
    // nowhere at all without a team channel (publishing then fails and says so).
    publish: !hasTeamChannel ? 'cards:confirm.publish.textNoChannel' : round.moderation ? 'cards:confirm.publish.textApproved' : 'cards:confirm.publish.textNotHidden',
    cancel: 'cards:confirm.cancel.text',
  };
}

/** Counts only — the coordinator never sees who answered, only who could not be reached. */
export function buildRoundStatus(
  round: Pick<Round, 'id' | 'title' | 'state' | 'depth' | 'opensAt' | 'closesAt' | 'moderation'>,
  progress: DeliveryProgress,
  undeliverable: Pick<Participation, 'platformUserId' | 'undeliverableReason'>[],
  lang: Lang,
  timeZone: string,
  /** The school's settings the texts depend on: whether it has a team channel, its hours for messages. */
  school: { hasTeamChannel?: boolean; quietHours?: QuietHours } = {},
): RoundStatusView {
  const actions = ACTIONS_BY_STATE[round.state].filter((a) => a !== 'moderate' || round.moderation);
  return {
    roundId: round.id,
    title: round.title,
    state: round.state,
    stateLabel: t(lang, `survey:state.${round.state}`),
    depth: round.depth,
    opens: mentionDateTime(round.opensAt, lang, timeZone),
    invitationsFrom: mentionDateTime(school.quietHours ? nextAllowedMoment(round.opensAt, school.quietHours, timeZone) : round.opensAt, lang, timeZone),
    closes: mentionDateTime(round.closesAt, lang, timeZone),
    progress,
    // "niet bereikbaar" only when someone is: a zero there reads like a warning.
    progressLine: t(lang, progress.undeliverable ? 'survey:status.progressLineUnreachable' : 'survey:status.progressLine', { ...progress }),
    undeliverable: undeliverable.map((p) => ({ platformUserId: p.platformUserId, reason: t(lang, `survey:undeliverable.${p.undeliverableReason ?? 'other'}`) })),
    actions: actions.map((id) => ({ id, label: t(lang, `survey:actions.${id}`) })),
    confirmKeys: confirmKeys(round, Boolean(school.hasTeamChannel)),
    afterClose: afterClose(round, Boolean(school.hasTeamChannel)),
  };
}
