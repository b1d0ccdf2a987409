import { SurveyError } from './errors';
import type { Lang } from './questionnaire/schema';

/** The platforms a tenant can live on. The playground is a platform like the others. */
export type Platform = 'slack' | 'teams' | 'playground';

/** Never fewer than this many respondents behind a shown figure, whatever a school sets. */
export const MIN_ANONYMITY_THRESHOLD = 3;
export const DEFAULT_ANONYMITY_THRESHOLD = 5;

export interface QuietHours {
  /** "HH:mm" in the tenant's time zone; work is only sent from start (inclusive) to end (exclusive). */
  start: string;
  end: string;
  /** ISO weekdays on which sending is allowed: 1 = Monday … 7 = Sunday. */
  days: number[];
}

export interface TeamChannel {
  id: string;
  name?: string;
}

export interface TenantSettings {
  teamChannel?: TeamChannel;
  /** Platform user ids of the coordinators. */
  coordinators: string[];
  language: Lang;
  anonymityThreshold: number;
  timeZone: string;
  quietHours: QuietHours;
  /**
   * Months the raw answers of a round are kept after publication (or cancellation); then they are
   * deleted and only the summary stays. Absent: DEFAULT_RETENTION_MONTHS.
   */
  retentionMonths?: number;
}

/**
 * A school (a "team space"): it owns its coordinators, settings, rounds and summaries. A platform
 * tenant (a Slack workspace, a Microsoft 365 tenant) may hold several schools side by side — a
 * school group runs one tenant for all its schools — and shares only its installation and
 * tokens between them. The field keeps the name `tenantId` on every document that belongs to a
 * school, because that is what isolates them.
 */
export interface Tenant {
  id: string;
  platform: Platform;
  /** The platform tenant the school lives in: Slack team id, Microsoft tenant id, or "demo" for the playground. */
  externalId: string;
  /**
   * What the school is within its platform tenant: the Teams team it was set up for, or the short
   * name of a Slack school a coordinator created. Absent for a platform tenant's default school
   * that is not (yet) tied to a team, and for schools stored before schools existed.
   */
  schoolKey?: string;
  /** The school's name as people know it (the team's name, the name given at creation). */
  name?: string;
  settings: TenantSettings;
  createdAt: Date;
  updatedAt: Date;
}

/** The id of a platform tenant's default school (and of every tenant stored before schools existed). */
export function tenantId(platform: Platform, externalId: string): string {
  return `${platform}:${externalId}`;
}

export const DEFAULT_RETENTION_MONTHS = 12;

export function retentionMonths(settings: Pick<TenantSettings, 'retentionMonths'>): number {
  const months = settings.retentionMonths;
  return typeof months === 'number' && Number.isInteger(months) && months >= 1 ? months : DEFAULT_RETENTION_MONTHS;
}

/** The id of a further school in a platform tenant: "teams:<Microsoft tenant>:<team id>", "slack:<team>:<short name>". */
export function schoolId(platform: Platform, externalId: string, schoolKey: string): string {
  return `${tenantId(platform, externalId)}:${schoolKey}`;
}

/** Whether a school lives in this platform tenant: ids from payloads are only trusted after this check. */
export function isSchoolOf(school: Pick<Tenant, 'platform' | 'externalId'>, platform: Platform, externalId: string): boolean {
  return school.platform === platform && school.externalId === externalId;
}

/** How a school is named to people who belong to several: its name, else its short name. */
export function schoolName(school: Pick<Tenant, 'name' | 'schoolKey' | 'externalId'>): string {
  return school.name || school.schoolKey || school.externalId;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5] };

function copyQuietHours(hours: QuietHours): QuietHours {
  return { ...hours, days: [...hours.days] };
}

export function defaultTenantSettings(overrides: Partial<TenantSettings> = {}): TenantSettings {
  return {
    coordinators: [],
    language: 'nl',
    anonymityThreshold: DEFAULT_ANONYMITY_THRESHOLD,
    timeZone: 'Europe/Brussels',
    ...overrides,
    // A copy: a tenant whose settings are edited in place must not change every other tenant's.
    quietHours: copyQuietHours(overrides.quietHours ?? DEFAULT_QUIET_HOURS),
  };
}

export function validateThreshold(k: number): number {
  if (!Number.isInteger(k) || k < MIN_ANONYMITY_THRESHOLD) {
    throw new SurveyError('threshold_too_low', { min: MIN_ANONYMITY_THRESHOLD }, 'anonymityThreshold');
  }
  return k;
}

export function isCoordinator(settings: TenantSettings, platformUserId: string): boolean {
  return settings.coordinators.includes(platformUserId);
}

/** Throws the polite refusal that names who the coordinators are. */
export function assertCoordinator(settings: TenantSettings, platformUserId: string, describeUser: (id: string) => string): void {
  if (settings.coordinators.length === 0) throw new SurveyError('no_coordinator_yet');
  if (!isCoordinator(settings, platformUserId)) {
    const coordinators = settings.coordinators.map(describeUser).join(', ');
    throw new SurveyError('not_coordinator', { coordinators });
  }
}
