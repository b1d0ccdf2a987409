import { createHash, randomInt } from 'node:crypto';
import { SurveyError } from '../errors';
import { LruMap } from '../lru-map';
import { defaultTenantSettings, isSchoolOf, schoolId, tenantId, type Platform, type Tenant, type TenantSettings } from '../tenant';
import type { Actor } from './deps';
import type { ServiceDeps } from './deps';

/** Where claim codes are kept: the installations collection, under a platform of their own. */
const CLAIMS = 'claim';
/** No 0/O or 1/I/L: the code is read from a log and typed by hand. */
const CLAIM_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const claimHash = (code: string) => createHash('sha256').update(`zorgspiegel-claim\u0000${code}`).digest('base64url');

/** Far more rounds than are ever open at once; an entry is two short strings. */
const ROUND_SCHOOLS_KEPT = 10_000;

type EnsureOptions = { name?: string; installerId?: string; settings?: Partial<TenantSettings> };

/**
 * Schools come into being when the app is installed (or first used). Whoever installs the app
 * becomes the school's first coordinator; later installs never change an existing school's
 * settings. A platform tenant's first school has the platform tenant's own id (see `tenantId`),
 * so a tenant stored before schools existed simply is that school.
 */
export class TenantService {
  /** Round id → its school's id: immutable, so safe to keep in one process of several. */
  private readonly roundSchools = new LruMap<string, string>(ROUND_SCHOOLS_KEPT);

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
   * Names the first coordinators of a tenant that has none (e.g. from the COORDINATORS setting);
   * a tenant that already has coordinators keeps them: from then on they are changed in settings.
   */
  async seedCoordinators(id: string, platformUserIds: readonly string[]): Promise<Tenant | null> {
    let tenant = await this.deps.repos.tenants.get(id);
    if (!tenant || tenant.settings.coordinators.length > 0) return tenant;
    for (const user of platformUserIds) tenant = await this.deps.repos.tenants.addCoordinator(id, user, this.deps.clock.now());
    return tenant;
  }

  /**
   * A one-time code for a tenant without a coordinator and without an install step that names
   * one (single-workspace Slack): the server prints it in its log, and whoever types it becomes
   * the first coordinator — so it is whoever can read the server's log, not whoever types first.
   * Only a hash is stored, so a database reader cannot use it; every process may issue its own.
   * Undefined when the tenant already has a coordinator.
   */
  async issueClaimCode(id: string): Promise<string | undefined> {
    const tenant = await this.deps.repos.tenants.get(id);
    if (!tenant || tenant.settings.coordinators.length > 0) return undefined;
    const code = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => CLAIM_ALPHABET[randomInt(CLAIM_ALPHABET.length)]).join('')).join('-');
    const key = `${id}:${claimHash(code)}`;
    await this.deps.repos.installations.save(CLAIMS, key, { tenantId: id, key }, this.deps.clock.now());
    return code;
  }

  /** `claim CODE`: the actor becomes the first coordinator; every code of the tenant is spent. */
  async claim(actor: Actor, code: string): Promise<Tenant> {
    const { installations, tenants } = this.deps.repos;
    const tenant = await tenants.get(actor.tenant.id);
    if (!tenant) throw new SurveyError('claim_invalid');
    if (tenant.settings.coordinators.length > 0) throw new SurveyError('claim_not_needed');
    const normalised = code.trim().toUpperCase().replace(/[^A-Z0-9]/g, '');
    const formatted = normalised.match(/.{1,4}/g)?.join('-') ?? '';
    if (!(await installations.get(CLAIMS, `${tenant.id}:${claimHash(formatted)}`))) throw new SurveyError('claim_invalid');
    const claimed = await tenants.addCoordinator(tenant.id, actor.platformUserId, this.deps.clock.now());
    await this.spendClaimCodes(tenant.id);
    return claimed;
  }

  private async spendClaimCodes(id: string): Promise<void> {
    for (const entry of await this.deps.repos.installations.list(CLAIMS, { tenantId: id })) {
      if (typeof entry.key === 'string') await this.deps.repos.installations.delete(CLAIMS, entry.key);
    }
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

  /**
   * The school a round belongs to, when that round lives in this platform tenant. A round never
   * changes school, so which school it is is remembered (bounded) and only the school itself is
   * read: an answer's request then reads the round once, in the service that checks it.
   */
  async schoolOfRound(platform: Platform, externalId: string, roundId: string): Promise<Tenant | null> {
    let id = this.roundSchools.get(roundId);
    if (id === undefined) {
      const round = await this.deps.repos.rounds.get(roundId);
      if (!round) return null;
      id = round.tenantId;
      this.roundSchools.set(roundId, id);
    }
    // Asked on every answer: the school as read a moment ago will do (its settings only shape the
    // wording; whether the round takes answers is read fresh with the round itself).
    const school = await this.deps.repos.tenants.getRecent(id);
    return school && isSchoolOf(school, platform, externalId) ? school : null;
  }

  /** The schools of the platform tenant this person coordinates. */
  async coordinatedBy(platform: Platform, externalId: string, platformUserId: string): Promise<Tenant[]> {
    return (await this.schools(platform, externalId)).filter((s) => s.settings.coordinators.includes(platformUserId));
  }
}
