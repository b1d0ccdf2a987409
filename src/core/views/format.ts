import { DateTime } from 'luxon';
import type { Lang } from '../questionnaire/schema';
import { LruMap } from '../lru-map';

const LOCALE: Record<Lang, string> = { nl: 'nl-BE', en: 'en-GB' };

/** "vrijdag 4 december om 17:00" / "Friday 4 December at 17:00", in the tenant's time zone. */
export function formatDateTime(date: Date, lang: Lang, timeZone: string): string {
  // The same few moments (a round's close) are shown on every form: luxon's zone and locale work once each.
  const key = `${date.getTime()}|${lang}|${timeZone}`;
  const known = dateTimes.get(key);
  if (known !== undefined) return known;
  const dt = DateTime.fromJSDate(date, { zone: timeZone }).setLocale(LOCALE[lang]);
  const text = lang === 'nl' ? dt.toFormat("cccc d LLLL 'om' HH:mm") : dt.toFormat("cccc d LLLL 'at' HH:mm");
  dateTimes.set(key, text);
  return text;
}
const dateTimes = new LruMap<string, string>(500);

/** Decimal comma in Dutch: 3,8 — one decimal unless told otherwise. */
export function formatNumber(n: number, lang: Lang, decimals = 1): string {
  return numberFormat(lang, `fixed${decimals}`, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(n);
}

export function formatDays(n: number, lang: Lang): string {
  return numberFormat(lang, 'days', { maximumFractionDigits: 1 }).format(n);
}

export function formatPercent(share: number, lang: Lang): string {
  return numberFormat(lang, 'percent', { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

// Building an Intl.NumberFormat costs far more than using one, and a form formats every option
// of every allocation question (npm run bench -- ack): one per language and style, kept (a handful).
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, style: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}:${style}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(LOCALE[lang], options)));
  return format;
}
