import type { Repositories } from '../../src/core/ports';
import type { Services } from '../../src/core/services';

/**
 * Field names an attacker puts in a card payload or a modal state to reach Object.prototype:
 * the three magic names, at the top, under a real item id and nested, next to a real answer
 * ("A1-s1") that an incomplete submission would be missing. Built with JSON.parse so
 * "__proto__" is an own key, as it is in a parsed request body.
 */
export function hostileFields(itemId: string): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({
      [`__proto__.${itemId}`]: '4',
      [`constructor.prototype.${itemId}`]: '4',
      'prototype.polluted': 'yes',
      [`${itemId}.__proto__.polluted`]: 'yes',
      [`${itemId}.constructor.prototype`]: 'yes',
      'R3.__proto__.polluted': '1',
      'R4.onderwijsloopbaan.__proto__': 'yes',
      '__proto__.session': 'poisoned',
      constructor: 'yes',
      prototype: 'yes',
    }).replace('{', '{"__proto__":{"session":"poisoned","polluted":"yes"},'),
  ) as Record<string, unknown>;
}

/** The names Object.prototype has before any test runs. */
export const PRISTINE_PROTOTYPE = Object.getOwnPropertyNames(Object.prototype).sort();

export function expectPrototypeUntouched(itemId: string): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PRISTINE_PROTOTYPE);
  const probe: Record<string, unknown> = {};
  for (const name of [itemId, 'session', 'polluted']) expect(probe[name]).toBeUndefined();
}

/**
 * After an attack in one tenant: in another tenant of the same process an incomplete section is
 * still refused, nothing of it is saved, and the store still reads and writes.
 */
export async function expectOtherTenantUnaffected(services: Services, repos: Repositories, now: Date): Promise<void> {
  const tenant = await services.tenants.ensure('playground', `other-school-${now.getTime()}`, { installerId: 'coord' });
  const coordinator = { tenant, platformUserId: 'coord', lang: 'nl' as const };
  const round = await services.coordinators.createRound(coordinator, {
    title: 'Andere school',
    dimensionIds: ['A1'],
    depth: 'detailed',
    includeReflection: false,
    audience: { kind: 'list', id: 'staff' },
    closesAt: new Date(now.getTime() + 7 * 86_400_000),
  });
  await repos.rounds.transition(round.id, 'scheduled', 'open', { openedAt: now });
  await repos.participations.invite(round.id, tenant.id, ['ann'], now);
  const ann = { tenant, platformUserId: 'ann', lang: 'nl' as const };
  // Only the global judgement: every statement of A1 is missing.
  const outcome = await services.respondents.submitSection(ann, round.id, 'A1', { 'A1-global': '4' });
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) expect(Object.keys(outcome.form.errors)).toEqual(expect.arrayContaining(['A1-s1']));
  const responses = await repos.responses.listByRound(round.id);
  expect(responses.every((r) => r.submittedSections.length === 0)).toBe(true);
  expect((await repos.rounds.get(round.id))?.title).toBe('Andere school');
}

/**
 * The responses someone actually answered in. Every invitee's response exists, empty, from the
 * round's opening (so its existence says nothing); only the answered ones tell what was stored.
 */
export function answered<R extends { answers: object; submittedSections: string[] }>(responses: R[]): R[] {
  return responses.filter((r) => Object.keys(r.answers).length > 0 || r.submittedSections.length > 0);
}
