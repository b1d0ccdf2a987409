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

/** A workspace: one Slack workspace, one Microsoft 365 tenant, or the playground's school. */
export interface Tenant {
  id: string;
  platform: Platform;
  /** Slack team id, Microsoft tenant id, or "demo" for the playground. */
  externalId: string;
  name?: string;
  settings: TenantSettings;
  createdAt: Date;
  updatedAt: Date;
}

export function tenantId(platform: Platform, externalId: string): string {
  return `${platform}:${externalId}`;
}

export const DEFAULT_RETENTION_MONTHS = 12;

export function retentionMonths(settings: Pick<TenantSettings, 'retentionMonths'>): number {
  const months = settings.retentionMonths;
  return typeof months === 'number' && Number.isInteger(months) && months >= 1 ? months : DEFAULT_RETENTION_MONTHS;
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
