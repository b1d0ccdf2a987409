import { progressFromCounts, type Participation, type ParticipationStatus } from '../participation';
import type { Lang } from '../questionnaire/schema';
import type { Round } from '../round';
import { t } from '../../i18n';
import { mentionDateTime } from './date-mention';
import type { RoundStatusView } from './types';

const ACTIONS_BY_STATE: Record<Round['state'], RoundStatusView['actions'][number]['id'][]> = {
  draft: ['cancel'],
  scheduled: ['cancel'],
  open: ['remind', 'close', 'cancel'],
  closed: ['moderate', 'publish', 'export'],
  published: ['export'],
  cancelled: [],
};

/** Counts only — the coordinator never sees who answered, only who could not be reached. */
export function buildRoundStatus(
  round: Pick<Round, 'id' | 'title' | 'state' | 'depth' | 'opensAt' | 'closesAt' | 'moderation'>,
  counts: Partial<Record<ParticipationStatus, number>>,
  undeliverable: Pick<Participation, 'platformUserId' | 'undeliverableReason'>[],
  lang: Lang,
  timeZone: string,
): RoundStatusView {
  const progress = progressFromCounts(counts);
  const actions = ACTIONS_BY_STATE[round.state].filter((a) => a !== 'moderate' || round.moderation);
  return {
    roundId: round.id,
    title: round.title,
    state: round.state,
    stateLabel: t(lang, `survey:state.${round.state}`),
    depth: round.depth,
    opens: mentionDateTime(round.opensAt, lang, timeZone),
    closes: mentionDateTime(round.closesAt, lang, timeZone),
    progress,
    // "niet bereikbaar" only when someone is: a zero there reads like a warning.
    progressLine: t(lang, progress.undeliverable ? 'survey:status.progressLineUnreachable' : 'survey:status.progressLine', { ...progress }),
    undeliverable: undeliverable.map((p) => ({ platformUserId: p.platformUserId, reason: t(lang, `survey:undeliverable.${p.undeliverableReason ?? 'other'}`) })),
    actions: actions.map((id) => ({ id, label: t(lang, `survey:actions.${id}`) })),
  };
}
