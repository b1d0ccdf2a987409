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
