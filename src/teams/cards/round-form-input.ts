import { DateTime } from 'luxon';
import { DEFAULT_REMINDER_HOURS, type Audience, type Depth } from '../../core/round';
import type { Lang, Questionnaire } from '../../core/questionnaire/schema';
import { t } from '../../i18n';

/** Reminder choices offered on the form, in hours before closing. */
export const REMINDER_CHOICES = [168, 72, 48, 24, 4] as const;

/** Who a round can invite: in Teams, the roster of a team the app is installed in. */
export interface AudienceOption {
  kind: Audience['kind'];
  id: string;
  name: string;
  /** How many people that is now. */
  size: number;
}

/** What the round form shows and sends back: strings as the card's inputs hold them. */
export interface RoundFormState {
  title: string;
  dimensionIds: string[];
  depth: Depth;
  includeReflection: boolean;
  audienceId: string;
  /** yyyy-MM-dd and HH:mm in the tenant's time zone (Input.Date / Input.Time). */
  closesDate: string;
  closesTime: string;
  reminderHours: number[];
  moderation: boolean;
  /** Per group the dimensions it judges, as the card's per-group inputs sent them; empty: every group every dimension. */
  groupDimensions: { group: string; dimensionIds: string[] }[];
}

/** The per-group inputs are named "groupDimensions.<group id>". */
export const GROUP_DIMENSIONS_PREFIX = 'groupDimensions.';

/** A sensible first proposal: every dimension in detail, closing in two weeks at five. */
export function defaultRoundForm(opts: { questionnaire: Questionnaire; lang: Lang; now: Date; timeZone: string; audienceId?: string }): RoundFormState {
  const now = DateTime.fromJSDate(opts.now, { zone: opts.timeZone });
  const closes = now.plus({ days: 14 }).set({ hour: 17, minute: 0, second: 0, millisecond: 0 });
  const month = now.setLocale(opts.lang === 'nl' ? 'nl-BE' : 'en-GB').toFormat('LLLL yyyy');
  return {
    title: t(opts.lang, 'cards:roundForm.defaultTitle', { month }),
    dimensionIds: opts.questionnaire.dimensions.map((d) => d.id),
    depth: 'detailed',
    includeReflection: true,
    audienceId: opts.audienceId ?? '',
    closesDate: closes.toFormat('yyyy-MM-dd'),
    closesTime: closes.toFormat('HH:mm'),
    reminderHours: [...DEFAULT_REMINDER_HOURS],
    moderation: true,
    groupDimensions: [],
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
/** A multi-select ChoiceSet sends its values comma-separated. */
const list = (v: unknown): string[] =>
  str(v)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const flag = (v: unknown, fallback: boolean): boolean => (v === undefined ? fallback : str(v) === 'true');

/** Reads the form's inputs back; never throws (what is wrong is for the core to say). */
export function readRoundForm(data: Record<string, unknown>): RoundFormState {
  return {
    title: str(data.title).trim(),
    dimensionIds: list(data.dimensionIds),
    depth: str(data.depth) === 'quick' ? 'quick' : 'detailed',
    includeReflection: flag(data.includeReflection, true),
    // A form opened in a team channel carries that team in its data instead of asking.
    audienceId: str(data.audienceId) || str(data.fixedAudienceId),
    closesDate: str(data.closesDate),
    closesTime: str(data.closesTime) || '17:00',
    reminderHours: list(data.reminderHours)
      .map(Number)
      .filter((h) => Number.isFinite(h) && h > 0),
    moderation: flag(data.moderation, true),
    // A list of pairs, never an object keyed by what the client sent (a "__proto__" group is
    // passed on as a name, for the core to refuse).
    groupDimensions: Object.entries(data)
      .filter(([key]) => key.startsWith(GROUP_DIMENSIONS_PREFIX))
      .map(([key, value]) => ({ group: key.slice(GROUP_DIMENSIONS_PREFIX.length), dimensionIds: list(value) })),
  };
}

/** The closing moment the coordinator picked, in the tenant's time zone; undefined when it is not a date. */
export function closesAt(state: Pick<RoundFormState, 'closesDate' | 'closesTime'>, timeZone: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(state.closesDate) || !/^\d{2}:\d{2}(:\d{2})?$/.test(state.closesTime)) return undefined;
  const dt = DateTime.fromISO(`${state.closesDate}T${state.closesTime.slice(0, 5)}`, { zone: timeZone });
  return dt.isValid ? dt.toJSDate() : undefined;
}
