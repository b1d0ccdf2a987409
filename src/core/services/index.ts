import { CoordinatorService } from './coordinator-service';
import type { ServiceDeps } from './deps';
import { RespondentService } from './respondent-service';
import { TenantService } from './tenant-service';
import type { Tenant, TenantSettings } from '../tenant';

export type { Actor, ServiceDeps } from './deps';
export type { NextStep, OptOutOutcome, SubmitOutcome } from './respondent-service';

/** The core's use cases, one object adapters receive. */
export interface Services {
  tenants: TenantService;
  respondents: RespondentService;
  coordinators: CoordinatorService;
}

export function createServices(
  deps: ServiceDeps,
  opts: { tenantDefaults?: Partial<TenantSettings>; describeUser?: (tenant: Tenant, id: string) => string } = {},
): Services {
  return {
    tenants: new TenantService(deps, opts.tenantDefaults),
    respondents: new RespondentService(deps),
    coordinators: new CoordinatorService(deps, opts.describeUser),
  };
}
