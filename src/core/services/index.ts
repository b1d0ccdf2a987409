import { CoordinatorService } from './coordinator-service';
import type { ServiceDeps } from './deps';
import { RespondentService } from './respondent-service';
import { TenantService } from './tenant-service';
import { RepeatService } from './repeat-service';
import { ActionService } from '../actions/action-service';
import { VoteService } from '../vote/vote-service';
import type { Tenant, TenantSettings } from '../tenant';

export type { Actor, ServiceDeps } from './deps';
export type { NextStep, OptOutOutcome, SubmitOutcome } from './respondent-service';
export type { RepeatSettings } from './repeat-service';

/** The core's use cases, one object adapters receive. */
export interface Services {
  tenants: TenantService;
  respondents: RespondentService;
  coordinators: CoordinatorService;
  /** The priority vote after publication (issue #14). */
  votes: VoteService;
  /** The team's action plan (issue #14). */
  actions: ActionService;
  /** "Herhaal de vorige bevraging" (issue #14). */
  repeat: RepeatService;
}

export function createServices(
  deps: ServiceDeps,
  opts: { tenantDefaults?: Partial<TenantSettings>; describeUser?: (tenant: Tenant, id: string) => string } = {},
): Services {
  const coordinators = new CoordinatorService(deps, opts.describeUser);
  const assertCoordinator = coordinators.assertCoordinator.bind(coordinators);
  return {
    tenants: new TenantService(deps, opts.tenantDefaults),
    respondents: new RespondentService(deps),
    coordinators,
    votes: new VoteService(deps, assertCoordinator),
    actions: new ActionService(deps, assertCoordinator),
    repeat: new RepeatService(deps, assertCoordinator),
  };
}
