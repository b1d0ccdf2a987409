import { defaultTenantSettings, isSchoolOf, schoolId, tenantId, type Platform, type Tenant, type TenantSettings } from '../tenant';
import type { ServiceDeps } from './deps';

type EnsureOptions = { name?: string; installerId?: string; settings?: Partial<TenantSettings> };

/**
 * Schools come into being when the app is installed (or first used). Whoever installs the app
 * becomes the school's first coordinator; later installs never change an existing school's
 * settings. A platform tenant's first school has the platform tenant's own id (see `tenantId`),
 * so a tenant stored before schools existed simply is that school.
 */
export class TenantService {
  constructor(private readonly deps: ServiceDeps, private readonly defaults: Partial<TenantSettings> = {}) {}

  /** The platform tenant's default school (a Slack workspace's, a Microsoft tenant's first). */
  async ensure(platform: Platform, externalId: string, opts: EnsureOptions = {}): Promise<Tenant> {
    return this.ensureById(tenantId(platform, externalId), platform, externalId, undefined, opts);
  }

  /** A further school of the platform tenant, known by its key there (a team id, a short name). */
  async ensureSchool(platform: Platform, externalId: string, schoolKey: string, opts: EnsureOptions = {}): Promise<Tenant> {
    return this.ensureById(schoolId(platform, externalId, schoolKey), platform, externalId, schoolKey, opts);
  }

  private async ensureById(id: string, platform: Platform, externalId: string, schoolKey: string | undefined, opts: EnsureOptions): Promise<Tenant> {
    const now = this.deps.clock.now();
    const settings = defaultTenantSettings({ ...this.defaults, ...opts.settings, coordinators: opts.installerId ? [opts.installerId] : [] });
    const tenant = await this.deps.repos.tenants.ensure({ id, platform, externalId, ...(schoolKey ? { schoolKey } : {}), name: opts.name, settings }, now);
    // A school created before anyone installed (e.g. from a first message) gets its first coordinator now.
    if (opts.installerId && tenant.settings.coordinators.length === 0) return this.deps.repos.tenants.addCoordinator(tenant.id, opts.installerId, now);
    return tenant;
  }

  /**
   * The school a platform thing (a Teams team) belongs to when it has none yet: the platform
   * tenant's default school if that is still free (so a tenant with one school keeps the short
   * id), else a school of its own. Two teams added at once never share a school.
   */
  async schoolFor(platform: Platform, externalId: string, schoolKey: string, opts: EnsureOptions = {}): Promise<Tenant> {
    const now = this.deps.clock.now();
    const fallback = await this.deps.repos.tenants.get(tenantId(platform, externalId));
    if (!fallback) await this.deps.repos.tenants.ensure({ id: tenantId(platform, externalId), platform, externalId, settings: defaultTenantSettings({ ...this.defaults, ...opts.settings }) }, now);
    const claimed = await this.deps.repos.tenants.claimSchoolKey(tenantId(platform, externalId), schoolKey, opts.name, now);
    if (claimed) {
      if (opts.installerId && claimed.settings.coordinators.length === 0) return this.deps.repos.tenants.addCoordinator(claimed.id, opts.installerId, now);
      return claimed;
    }
    return this.ensureSchool(platform, externalId, schoolKey, opts);
  }

  get(id: string): Promise<Tenant | null> {
    return this.deps.repos.tenants.get(id);
  }

  /** Every school of a platform tenant, oldest first. */
  schools(platform: Platform, externalId: string): Promise<Tenant[]> {
    return this.deps.repos.tenants.listByPlatformTenant(platform, externalId);
  }

  /**
   * A school named by an id that came from a payload (a button, a card, a modal's metadata):
   * only when it lives in the platform tenant the request came from, else null.
   */
  async schoolIn(platform: Platform, externalId: string, id: string): Promise<Tenant | null> {
    const school = await this.deps.repos.tenants.get(id);
    return school && isSchoolOf(school, platform, externalId) ? school : null;
  }

  /** The school a round belongs to, when that round lives in this platform tenant. */
  async schoolOfRound(platform: Platform, externalId: string, roundId: string): Promise<Tenant | null> {
    const round = await this.deps.repos.rounds.get(roundId);
    return round ? this.schoolIn(platform, externalId, round.tenantId) : null;
  }

  /** The schools of the platform tenant this person coordinates. */
  async coordinatedBy(platform: Platform, externalId: string, platformUserId: string): Promise<Tenant[]> {
    return (await this.schools(platform, externalId)).filter((s) => s.settings.coordinators.includes(platformUserId));
  }
}
