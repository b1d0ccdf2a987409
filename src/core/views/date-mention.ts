import { DateTime } from 'luxon';
import type { Lang } from '../questionnaire/schema';
import { formatDateTime } from './format';

/**
 * A moment named inside an already-localised sentence ("De bevraging sluit … ."). The core
 * cannot know the reader's own locale and time zone, but Slack and Teams can render a moment in
 * them (Slack's `<!date^…>` token, Adaptive Cards' `{{DATE()}}`), so a view carries the moment
 * as a mention: the instant, what to show of it, the sentence's language, and the text to show
 * where the platform cannot (our own formatter, in the school's time zone). Each adapter turns
 * every mention into its own form; `plainDates` gives the fallback text.
 *
 * The mention is delimited by private-use characters, which never occur in our locale files and
 * which the parser accepts only around a strict shape (kind, language, integer seconds), so text
 * a person typed cannot forge one that renders as anything but a date.
 */
const OPEN = '\uE000';
const SEP = '\uE001';
const CLOSE = '\uE002';
const MENTION = /\uE000(dateTime|day)\uE001(nl|en)\uE001(-?\d{1,12})\uE001([^\uE000-\uE002]*)\uE002/g;

/** `dateTime`: a day and a time ("closes on … at 17:00"); `day`: a calendar day (a due date). */
export type DateMentionKind = 'dateTime' | 'day';

export interface DateMention {
  kind: DateMentionKind;
  /** The language of the sentence around the mention (for the "om"/"at" between date and time). */
  lang: Lang;
  at: Date;
  /** What to show where the platform cannot render the moment itself. */
  fallback: string;
}

function mention(kind: DateMentionKind, lang: Lang, at: Date, fallback: string): string {
  return `${OPEN}${kind}${SEP}${lang}${SEP}${Math.floor(at.getTime() / 1000)}${SEP}${fallback.replace(/[\uE000-\uE002]/g, '')}${CLOSE}`;
}

/** A day and time, e.g. a round's closing moment; fallback "vrijdag 4 december om 17:00". */
export function mentionDateTime(at: Date, lang: Lang, timeZone: string): string {
  return mention('dateTime', lang, at, formatDateTime(at, lang, timeZone));
}

/**
 * A calendar day ("YYYY-MM-DD", e.g. an action's due date). It is no instant, so it is mentioned
 * as noon in the school's time zone: every reader within twelve hours of the school sees the same
 * day. An invalid day is shown as written.
 */
export function mentionDay(day: string, lang: Lang, timeZone: string, fallback: string): string {
  const noon = DateTime.fromISO(day, { zone: timeZone }).set({ hour: 12 });
  return noon.isValid ? mention('day', lang, noon.toJSDate(), fallback) : fallback;
}

/** Replaces every mention in `text` by what `render` makes of it. */
export function renderDateMentions(text: string, render: (m: DateMention) => string): string {
  if (!text.includes(OPEN)) return text;
  return text.replace(MENTION, (_all, kind: DateMentionKind, lang: Lang, seconds: string, fallback: string) =>
    render({ kind, lang, at: new Date(Number(seconds) * 1000), fallback }),
  ).replace(/[\uE000-\uE002]/g, '');
}

/** The text with every mention as its fallback: for places no platform localises (notification texts, logs, exports). */
export function plainDates(text: string): string {
  return renderDateMentions(text, (m) => m.fallback);
}

/** Whether `text` holds a mention (tests and safety nets). */
export function hasDateMention(text: string): boolean {
  return text.includes(OPEN);
}
