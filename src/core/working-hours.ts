import { Info } from 'luxon';
import { t } from '../i18n';
import type { Lang } from './questionnaire/schema';
import type { QuietHours } from './tenant';

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** The whole week, every hour: what `WORKING_HOURS=always` means. */
export const ALWAYS: QuietHours = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] };

function dayNumber(name: string): number | undefined {
  const index = DAY_NAMES.indexOf(name as (typeof DAY_NAMES)[number]);
  return index === -1 ? undefined : index + 1;
}

/** "mon-fri" → [1..5], "sat-mon" → [6, 7, 1], "mon,wed,fri" → [1, 3, 5]. */
function parseDays(text: string): number[] | undefined {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to, ...rest] = part.split('-');
    if (rest.length) return undefined;
    const start = dayNumber(from ?? '');
    const end = to === undefined ? start : dayNumber(to);
    if (start === undefined || end === undefined) return undefined;
    for (let d = start, steps = 0; steps < 7; d = (d % 7) + 1, steps++) {
      days.add(d);
      if (d === end) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

/**
 * Parses the sending hours new workspaces start with (`WORKING_HOURS`): `always`, or days and a
 * time window such as `mon-fri 08:00-18:00` or `mon,wed,fri 07:30-16:00`. Returns undefined when
 * the text is not of that form, so the configuration check can say what is wrong.
 */
export function parseWorkingHours(text: string): QuietHours | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'always') return { ...ALWAYS, days: [...ALWAYS.days] };
  const match = /^(\S+)\s+(\S+)-(\S+)$/.exec(trimmed);
  if (!match) return undefined;
  const [, dayText, start, end] = match as unknown as [string, string, string, string];
  const days = parseDays(dayText);
  if (!days || !CLOCK.test(start) || !CLOCK.test(end) || start === '24:00' || start === end) return undefined;
  return { start, end, days };
}

/** Whether these hours allow every moment of the week (nothing is ever held back). */
function isAlways(hours: QuietHours): boolean {
  return new Set(hours.days).size === 7 && hours.start === '00:00' && hours.end === '24:00';
}

/** "van maandag tot vrijdag", "op maandag, woensdag en vrijdag", "elke dag". */
function describeDays(days: readonly number[], lang: Lang): string {
  const set = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  const names = Info.weekdays('long', { locale: lang === 'nl' ? 'nl-BE' : 'en-GB' });
  const name = (d: number) => names[d - 1] ?? String(d);
  if (set.length === 7) return t(lang, 'survey:workingHours.everyDay');
  // One run of at least three days, possibly over the weekend (sat-mon): "from … to …".
  const start = set.find((d) => !set.includes(d === 1 ? 7 : d - 1));
  if (set.length >= 3 && start !== undefined) {
    const run = Array.from({ length: set.length }, (_, i) => ((start - 1 + i) % 7) + 1);
    if (run.every((d) => set.includes(d))) return t(lang, 'survey:workingHours.dayRange', { from: name(run[0]!), to: name(run[run.length - 1]!) });
  }
  const listed = set.map(name);
  const list = listed.length > 1 ? `${listed.slice(0, -1).join(', ')} ${t(lang, 'survey:workingHours.and')} ${listed.at(-1)}` : (listed[0] ?? '');
  return t(lang, 'survey:workingHours.dayList', { days: list });
}

/**
 * When invitations and reminders may go out, as one sentence built from the school's own hours
 * (the quiet hours the scheduler holds them to), e.g. "Uitnodigingen en herinneringen gaan alleen
 * van maandag tot vrijdag tussen 08:00 en 18:00 uit."
 */
export function describeWorkingHours(hours: QuietHours, lang: Lang): string {
  if (isAlways(hours)) return t(lang, 'survey:workingHours.always');
  return t(lang, 'survey:workingHours.window', { days: describeDays(hours.days, lang), start: hours.start, end: hours.end });
}
