import type { Lang } from '../questionnaire/schema';
import { MAX_REMINDERS, type Round } from '../round';
import { t } from '../../i18n';
import { mentionDateTime } from './date-mention';

/** What the coordinator's "remind now" really does, as the remind job will decide it. */
export interface RemindNowView {
  /** One or two sentences for the confirmation (params already filled in). */
  text: string;
}

export interface RemindNowFacts {
  /** People whose invitation arrived and who have not finished nor opted out. */
  unfinished: number;
  /** Of those, the ones below MAX_REMINDERS: only they get one. */
  due: number;
  /** The first moment the school's hours for messages allow (now, inside them). */
  sendsAt: Date;
  now: Date;
}

/**
 * The remind job sends nothing to someone who already had MAX_REMINDERS, waits for the school's
 * hours for messages, and sends nothing once the round has closed: say which of that applies,
 * with the number of colleagues it reaches (a count, never who).
 */
export function buildRemindNow(round: Pick<Round, 'title' | 'closesAt'>, facts: RemindNowFacts, lang: Lang, timeZone: string): RemindNowView {
  const { title } = round;
  const max = MAX_REMINDERS;
  if (facts.unfinished === 0) return { text: t(lang, 'survey:remindNow.nobody', { title }) };
  if (facts.due === 0) return { text: t(lang, 'survey:remindNow.allAtMax', { title, max }) };
  const at = mentionDateTime(facts.sendsAt, lang, timeZone);
  if (facts.sendsAt >= round.closesAt) return { text: t(lang, 'survey:remindNow.afterClose', { title, at }) };
  const main = facts.sendsAt > facts.now ? t(lang, 'survey:remindNow.later', { title, count: facts.due, at }) : t(lang, 'survey:remindNow.now', { title, count: facts.due });
  const skipped = facts.unfinished - facts.due;
  return { text: skipped > 0 ? `${main} ${t(lang, 'survey:remindNow.atMax', { count: skipped, max })}` : main };
}
