import { DateTime } from 'luxon';
import type { Lang } from '../questionnaire/schema';

const LOCALE: Record<Lang, string> = { nl: 'nl-BE', en: 'en-GB' };

/** "vrijdag 4 december om 17:00" / "Friday 4 December at 17:00", in the tenant's time zone. */
export function formatDateTime(date: Date, lang: Lang, timeZone: string): string {
  const dt = DateTime.fromJSDate(date, { zone: timeZone }).setLocale(LOCALE[lang]);
  return lang === 'nl' ? dt.toFormat("cccc d LLLL 'om' HH:mm") : dt.toFormat("cccc d LLLL 'at' HH:mm");
}

/** Decimal comma in Dutch: 3,8 — one decimal unless told otherwise. */
export function formatNumber(n: number, lang: Lang, decimals = 1): string {
  return new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(n);
}

export function formatDays(n: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 1 }).format(n);
}

export function formatPercent(share: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
