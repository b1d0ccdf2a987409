import { defaultTenantSettings, tenantId, type Platform, type Tenant, type TenantSettings } from '../tenant';
import type { ServiceDeps } from './deps';

/**
 * Workspaces come into being when the app is installed (or first used). Whoever installs the app
 * becomes the first coordinator; later installs never change an existing tenant's settings.
 */
export class TenantService {
  constructor(private readonly deps: ServiceDeps, private readonly defaults: Partial<TenantSettings> = {}) {}

  async ensure(platform: Platform, externalId: string, opts: { name?: string; installerId?: string; settings?: Partial<TenantSettings> } = {}): Promise<Tenant> {
    const now = this.deps.clock.now();
    const settings = defaultTenantSettings({ ...this.defaults, ...opts.settings, coordinators: opts.installerId ? [opts.installerId] : [] });
    const tenant = await this.deps.repos.tenants.ensure({ id: tenantId(platform, externalId), platform, externalId, name: opts.name, settings }, now);
    // A tenant created before anyone installed (e.g. from a first message) gets its first coordinator now.
    if (opts.installerId && tenant.settings.coordinators.length === 0) return this.deps.repos.tenants.addCoordinator(tenant.id, opts.installerId, now);
    return tenant;
  }

  get(id: string): Promise<Tenant | null> {
    return this.deps.repos.tenants.get(id);
  }
}
