import type { Job } from '../../core/ports';
import type { Round } from '../../core/round';
import { schoolName, type Tenant } from '../../core/tenant';
import type { OrchestrationDeps } from '../context';
import { nextAllowedMoment } from '../quiet-hours';
import { outcome, PermanentJobError, type JobOutcome } from '../types';

/** A required string field of the job's payload; a job without it can never succeed. */
export function payloadString(job: Job, field: string): string {
  const value = job.payload[field];
  if (typeof value !== 'string' || value === '') throw new PermanentJobError(`job ${job.key} has no payload.${field}`);
  return value;
}

/**
 * The tenant, read at most every couple of seconds per process: a fan-out to 2,000 people would
 * otherwise read the same settings 2,000 times. A settings change (quiet hours, channel) applies
 * within TENANT_TTL_MS.
 */
export const TENANT_TTL_MS = 2_000;

export class TenantCache {
  private readonly entries = new Map<string, { tenant: Tenant; until: number }>();
  private readonly siblings = new Map<string, { count: number; until: number }>();
  private readonly reading = new Map<string, Promise<Tenant | null>>();
  private readonly counting = new Map<string, Promise<number>>();

  /**
   * The school's name when its platform tenant holds several schools (a person may then get
   * invitations from two), else undefined; read as rarely as the tenant itself.
   */
  async schoolLabel(deps: Pick<OrchestrationDeps, 'repos' | 'clock'>, tenant: Tenant): Promise<string | undefined> {
    const now = deps.clock.now().getTime();
    const key = `${tenant.platform}:${tenant.externalId}`;
    let hit = this.siblings.get(key);
    if (!hit || now >= hit.until || now < hit.until - TENANT_TTL_MS) {
      // One read for all the jobs that miss at once (see get()).
      let counting = this.counting.get(key);
      if (!counting) {
        counting = deps.repos.tenants
          .listByPlatformTenant(tenant.platform, tenant.externalId)
          .then((list) => list.length)
          .finally(() => this.counting.delete(key));
        this.counting.set(key, counting);
      }
      hit = { count: await counting, until: now + TENANT_TTL_MS };
      this.siblings.set(key, hit);
    }
    return hit.count > 1 ? schoolName(tenant) : undefined;
  }

  async get(deps: Pick<OrchestrationDeps, 'repos' | 'clock'>, tenantId: string): Promise<Tenant | null> {
    const now = deps.clock.now().getTime();
    const hit = this.entries.get(tenantId);
    // A clock that went backwards (tests) simply misses the cache.
    if (hit && now < hit.until && now >= hit.until - TENANT_TTL_MS) return hit.tenant;
    // The jobs running at once all miss together when the entry expires: one read serves them all.
    let reading = this.reading.get(tenantId);
    if (!reading) {
      reading = deps.repos.tenants.get(tenantId).finally(() => this.reading.delete(tenantId));
      this.reading.set(tenantId, reading);
    }
    const tenant = await reading;
    if (tenant) this.entries.set(tenantId, { tenant, until: now + TENANT_TTL_MS });
    return tenant;
  }
}

export async function loadTenant(deps: OrchestrationDeps, tenantId: string): Promise<Tenant> {
  const tenant = await deps.tenants.get(deps, tenantId);
  if (!tenant) throw new PermanentJobError(`tenant ${tenantId} not found`);
  return tenant;
}

/** Rounds are deleted never, but a job for an unknown round has nothing to do. */
export async function loadRound(deps: OrchestrationDeps, job: Job): Promise<Round | null> {
  return deps.repos.rounds.get(payloadString(job, 'roundId'));
}

/** Whether messages to respondents still make sense: the round is open and not past closing. */
export function acceptsMessages(round: Round, now: Date): boolean {
  return round.state === 'open' && now < round.closesAt;
}

/**
 * Invitations and reminders only go out in the tenant's working hours. Returns a check that
 * answers "wait until …" when now is quiet, else undefined; handlers call it before a send and
 * pass it to pacedSend so it is asked again after a pacing wait.
 */
export function quietHoursCheck(deps: OrchestrationDeps, tenant: Tenant): () => JobOutcome | undefined {
  const { quietHours, timeZone } = tenant.settings;
  return () => {
    const now = deps.clock.now();
    const allowed = nextAllowedMoment(now, quietHours, timeZone);
    return allowed > now ? outcome.wait(allowed, 'quiet hours') : undefined;
  };
}
