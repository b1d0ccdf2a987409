import { roundItems } from '../items';
import type { Lang } from '../questionnaire/schema';
import type { Round } from '../round';
import { t } from '../../i18n';
import { formatDateTime } from './format';
import type { InvitationView, ReminderView } from './types';

type RoundShape = Pick<Round, 'id' | 'title' | 'questionnaire' | 'dimensionIds' | 'depth' | 'includeReflection' | 'closesAt' | 'anonymityThreshold'>;

/** A fair estimate: ~15 s per scale item, ~1 min per open question answered by roughly half. */
export function estimatedMinutes(round: Omit<RoundShape, 'id' | 'title' | 'closesAt' | 'anonymityThreshold'>): number {
  const items = roundItems(round);
  const scale = items.filter((i) => i.kind === 'global' || i.kind === 'statement').length;
  const open = items.length - scale;
  return Math.max(5, Math.round((scale * 15 + open * 30) / 60 / 5) * 5);
}

/**
 * The invitation frames the round: why, what it asks, that it is anonymous, what happens next.
 * `school` names the school in the title when the person may belong to several (one platform
 * tenant holds more than one school), so two invitations are never mistaken for each other.
 */
export function buildInvitation(round: RoundShape, lang: Lang, timeZone: string, school?: string): InvitationView {
  const closes = formatDateTime(round.closesAt, lang, timeZone);
  return {
    roundId: round.id,
    lang,
    title: school ? t(lang, 'survey:invitation.titleAtSchool', { title: round.title, school }) : round.title,
    greeting: t(lang, 'survey:invitation.greeting'),
    purpose: t(lang, 'survey:invitation.purpose', { count: round.dimensionIds.length }),
    anonymity: t(lang, 'survey:invitation.anonymity', { k: round.anonymityThreshold }),
    anonymityDetails: t(lang, 'survey:invitation.anonymityDetails', { k: round.anonymityThreshold }),
    duration: t(lang, 'survey:invitation.duration', { minutes: estimatedMinutes(round) }),
    afterwards: t(lang, 'survey:invitation.afterwards'),
    closes: t(lang, 'survey:invitation.closes', { closes }),
    labels: { start: t(lang, 'survey:actions.start'), anonymity: t(lang, 'survey:actions.anonymity'), optOut: t(lang, 'survey:actions.optOut') },
  };
}

/** A reminder speaks only to its reader: it never says who else has or has not answered. */
export function buildReminder(round: RoundShape, lang: Lang, timeZone: string, started: boolean, school?: string): ReminderView {
  const closes = formatDateTime(round.closesAt, lang, timeZone);
  return {
    roundId: round.id,
    lang,
    title: t(lang, 'survey:reminder.title', { title: school ? t(lang, 'survey:invitation.titleAtSchool', { title: round.title, school }) : round.title }),
    text: t(lang, started ? 'survey:reminder.started' : 'survey:reminder.notStarted'),
    closes: t(lang, 'survey:invitation.closes', { closes }),
    labels: { continue: t(lang, started ? 'survey:actions.continue' : 'survey:actions.start'), optOut: t(lang, 'survey:actions.optOut') },
  };
}
