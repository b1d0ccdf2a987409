import type { Job } from '../../core/ports';
import type { Round } from '../../core/round';
import type { Tenant } from '../../core/tenant';
import type { OrchestrationDeps } from '../context';
import { PermanentJobError } from '../types';

/** A required string field of the job's payload; a job without it can never succeed. */
export function payloadString(job: Job, field: string): string {
  const value = job.payload[field];
  if (typeof value !== 'string' || value === '') throw new PermanentJobError(`job ${job.key} has no payload.${field}`);
  return value;
}

export async function loadTenant(deps: OrchestrationDeps, tenantId: string): Promise<Tenant> {
  const tenant = await deps.repos.tenants.get(tenantId);
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
