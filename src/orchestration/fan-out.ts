import type { JobSpec } from '../core/round-plan';
import type { Tenant } from '../core/tenant';
import type { OrchestrationDeps } from './context';

/**
 * A fan-out's sends (one job per person) due a second's worth at a time, at the tenant's rate,
 * rather than all at once.
 * Jobs are claimed oldest first, so a school group's big school queued all at once would fill
 * every worker of every process before a smaller school's first job; due at the school's own
 * rate, each school's jobs take their turn among the others'. The pacer still decides the
 * moment of each send; this only orders the queue.
 */
export function spreadAtTenantRate(deps: Pick<OrchestrationDeps, 'messengers'>, tenant: Tenant, specs: JobSpec[]): JobSpec[] {
  // A second's worth due together: fewer distinct moments to wake for, the same order.
  const perSecond = Math.max(1, Math.ceil(deps.messengers.for(tenant).limits.perTenantPerSecond));
  return specs.map((spec, i) => ({ ...spec, runAt: new Date(spec.runAt.getTime() + Math.floor(i / perSecond) * 1000) }));
}
