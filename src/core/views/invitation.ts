import { hasGroupAssignment } from '../group-dimensions';
import { roundItems } from '../items';
import type { ParticipationStatus } from '../participation';
import { isComplete } from '../response';
import type { Lang } from '../questionnaire/schema';
import { answerSteps, type Round } from '../round';
import { t } from '../../i18n';
import { mentionDateTime } from './date-mention';
import type { InvitationState, InvitationView, ReminderView } from './types';

const START_LABEL: Record<InvitationState, string> = {
  todo: 'survey:actions.start',
  in_progress: 'survey:actions.continue',
  completed: 'survey:actions.viewOrChange',
  // Someone who opted out may still start after all.
  opted_out: 'survey:actions.start',
  closed: 'survey:actions.start',
  cancelled: 'survey:actions.start',
};

type RoundShape = Pick<Round, 'id' | 'title' | 'questionnaire' | 'dimensionIds' | 'depth' | 'includeReflection' | 'closesAt' | 'anonymityThreshold'> &
  Partial<Pick<Round, 'groupDimensions' | 'closedAt'>>;

/**
 * Seconds a colleague typically spends per kind of item: reading a statement and picking a point;
 * reading an optional open question (most skip it, some write a sentence or two); the reflection
 * questions ask more thought. Plus a moment per form to read its intro and press "save".
 */
const SECONDS = { scale: 12, open: 12, reflectionText: 40, allocation: 45, roleGrid: 60, perForm: 15 };

/**
 * A fair estimate from the round's own content, in whole minutes (to 5 above 10): a quick round
 * of seven overall judgements takes a few minutes, a detailed round with reflection about a
 * quarter of an hour.
 */
export function estimatedMinutes(round: Omit<RoundShape, 'id' | 'title' | 'closesAt' | 'anonymityThreshold'>): number {
  const items = roundItems(round);
  let seconds = answerSteps(round).length * SECONDS.perForm;
  for (const item of items) {
    if (item.kind === 'global' || item.kind === 'statement') seconds += SECONDS.scale;
    else if (item.kind === 'open') seconds += SECONDS.open;
    else seconds += item.question.type === 'text' ? SECONDS.reflectionText : SECONDS[item.question.type];
  }
  const minutes = seconds / 60;
  return minutes <= 10 ? Math.max(2, Math.ceil(minutes)) : Math.round(minutes / 5) * 5;
}

/**
 * The invitation frames the round: why, what it asks, that it is anonymous, what happens next.
 * `state` is where the person stands; the buttons follow it (see InvitationView.state). `school`
 * names the school in the title when the person may belong to several (one platform tenant holds
 * more than one school), so two invitations are never mistaken for each other.
 */
export function buildInvitation(
  round: RoundShape,
  lang: Lang,
  timeZone: string,
  state: InvitationState = 'todo',
  school?: string,
  /** The round asks groups different dimensions and this person's group is not known yet: say "at most". */
  groupPending = hasGroupAssignment(round),
): InvitationView {
  const ended = state === 'closed' || state === 'cancelled';
  return {
    roundId: round.id,
    lang,
    title: school ? t(lang, 'survey:invitation.titleAtSchool', { title: round.title, school }) : round.title,
    greeting: t(lang, 'survey:invitation.greeting'),
    purpose: t(lang, groupPending ? 'survey:invitation.purposeByGroup' : 'survey:invitation.purpose', { count: round.dimensionIds.length }),
    anonymity: t(lang, 'survey:invitation.anonymity', { k: round.anonymityThreshold }),
    anonymityDetails: t(lang, 'survey:invitation.anonymityDetails', { k: round.anonymityThreshold }),
    duration: t(lang, groupPending ? 'survey:invitation.durationUpTo' : 'survey:invitation.duration', { minutes: estimatedMinutes(round) }),
    // A cancelled round gets no summary, so nothing is shared afterwards.
    afterwards: t(lang, state === 'cancelled' ? 'survey:invitation.afterwardsCancelled' : 'survey:invitation.afterwards'),
    closes: closesLine(round, lang, timeZone, state),
    labels: { start: t(lang, START_LABEL[state]), anonymity: t(lang, 'survey:actions.anonymity'), optOut: t(lang, 'survey:actions.optOut') },
    state,
    offers: { start: !ended, optOut: state === 'todo' || state === 'in_progress' },
    ...(ended ? { closedLine: t(lang, state === 'cancelled' ? 'survey:invitation.cancelledLine' : 'survey:invitation.closedLine') } : {}),
  };
}

/**
 * When the round closes — or, once it has, when it closed (a round closed early closed before its
 * planned moment); a cancelled round never closes, it only would have.
 */
function closesLine(round: RoundShape, lang: Lang, timeZone: string, state: InvitationState): string {
  if (state === 'cancelled') return t(lang, 'survey:invitation.wouldHaveClosed', { closes: mentionDateTime(round.closesAt, lang, timeZone) });
  if (state === 'closed') return t(lang, 'survey:invitation.closedAt', { closes: mentionDateTime(round.closedAt ?? round.closesAt, lang, timeZone) });
  return t(lang, 'survey:invitation.closes', { closes: mentionDateTime(round.closesAt, lang, timeZone) });
}

/** Where a person stands in a round, for the buttons of their invitation. */
export function invitationState(
  round: Pick<Round, 'state' | 'closesAt' | 'questionnaire' | 'dimensionIds' | 'includeReflection'>,
  status: ParticipationStatus,
  submittedSections: readonly string[],
  now: Date,
  /** Something typed and paused on (a draft), though no section is saved yet. */
  hasDrafts = false,
): InvitationState {
  if (round.state === 'cancelled') return 'cancelled';
  if (round.state !== 'open' || now >= round.closesAt) return round.state === 'scheduled' || round.state === 'draft' ? 'todo' : 'closed';
  if (isComplete(round, submittedSections)) return 'completed';
  if (status === 'opted_out') return 'opted_out';
  return submittedSections.length > 0 || hasDrafts ? 'in_progress' : 'todo';
}

/** A reminder speaks only to its reader: it never says who else has or has not answered. */
export function buildReminder(round: RoundShape, lang: Lang, timeZone: string, started: boolean, school?: string): ReminderView {
  const closes = mentionDateTime(round.closesAt, lang, timeZone);
  return {
    roundId: round.id,
    lang,
    title: t(lang, 'survey:reminder.title', { title: school ? t(lang, 'survey:invitation.titleAtSchool', { title: round.title, school }) : round.title }),
    text: t(lang, started ? 'survey:reminder.started' : 'survey:reminder.notStarted'),
    closes: t(lang, 'survey:invitation.closes', { closes }),
    labels: { continue: t(lang, started ? 'survey:actions.continue' : 'survey:actions.start'), optOut: t(lang, 'survey:actions.optOut') },
  };
}
