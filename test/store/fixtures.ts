import { randomUUID } from 'node:crypto';
import { loadQuestionnaire } from '../../src/core/questionnaire/load';
import { createRound, type Round, type RoundInput } from '../../src/core/round';
import { defaultTenantSettings, type Tenant } from '../../src/core/tenant';

export const questionnaire = loadQuestionnaire();

export const T0 = new Date('2025-03-03T09:00:00.000Z');
/** T0 plus some minutes: readable time arithmetic in tests. */
export const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

export function sampleRound(overrides: Partial<Round> = {}, input: Partial<RoundInput> = {}): Round {
  const round = createRound(
    {
      title: 'Beginsituatie leerzorg',
      dimensionIds: ['C', 'E'],
      depth: 'detailed',
      includeReflection: true,
      audience: { kind: 'channel', id: 'C0123', name: 'leraarskamer' },
      closesAt: at(14 * 24 * 60),
      language: 'nl',
      ...input,
    },
    { id: randomUUID(), tenantId: 'slack:T1', questionnaire, anonymityThreshold: 5, createdBy: 'U-coord', now: T0 },
  );
  return { ...round, ...overrides };
}

export function sampleTenant(overrides: Partial<Omit<Tenant, 'createdAt' | 'updatedAt'>> = {}): Omit<Tenant, 'createdAt' | 'updatedAt'> {
  return {
    id: 'slack:T1',
    platform: 'slack',
    externalId: 'T1',
    name: 'Basisschool De Linde',
    settings: defaultTenantSettings({ coordinators: ['U-coord'] }),
    ...overrides,
  };
}

/** Storage fields must never reach a domain object. */
export function expectNoStorageFields(value: object): void {
  expect(Object.keys(value)).not.toContain('_id');
  expect(Object.keys(value)).not.toContain('schemaVersion');
}
