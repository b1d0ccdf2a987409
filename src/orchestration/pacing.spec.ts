import { Pacer, tenantBurst } from './pacing';

const limits = { perConversationPerSecond: 1, perTenantPerSecond: 10 };
const scope = (conversationId: string, tenantId = 't1') => ({ tenantId, conversationId, limits });

describe('Pacer', () => {
  it('lets a burst of half a second through, then one send per interval', () => {
    const pacer = new Pacer();
    const slots = Array.from({ length: 8 }, (_, i) => pacer.book(scope(`u${i}`), 0).at);
    expect(tenantBurst(limits)).toBe(5);
    expect(slots).toEqual([0, 0, 0, 0, 0, 100, 200, 300]);
  });

  it('never exceeds the tenant rate over any window', () => {
    const pacer = new Pacer();
    const slots = Array.from({ length: 200 }, (_, i) => pacer.book(scope(`u${i}`), 0).at);
    for (let i = 0; i < slots.length; i++) {
      const inWindow = slots.filter((s) => s >= slots[i]! && s < slots[i]! + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(limits.perTenantPerSecond + tenantBurst(limits));
    }
    expect(slots[199]).toBe((199 - 4) * 100);
  });

  it('paces one conversation to one message per second', () => {
    const pacer = new Pacer();
    expect([0, 0, 0].map(() => pacer.book(scope('channel'), 0).at)).toEqual([0, 1000, 2000]);
  });

  it('keeps tenants apart', () => {
    const pacer = new Pacer();
    for (let i = 0; i < 20; i++) pacer.book(scope(`u${i}`, 'busy'), 0);
    expect(pacer.book(scope('u0', 'quiet'), 0).at).toBe(0);
  });

  it('a 429 pauses the whole tenant and voids bookings made before it', () => {
    const pacer = new Pacer();
    const early = pacer.book(scope('a'), 0);
    pacer.pause('t1', 2_000, 0);
    expect(pacer.valid(early)).toBe(false);
    expect(pacer.earliest(scope('b'), 500)).toBe(2_000);
    const again = pacer.rebook(scope('a'), early, 500);
    expect(again.at).toBe(2_000);
    expect(pacer.valid(again)).toBe(true);
    // Another tenant is not affected.
    expect(pacer.earliest(scope('b', 't2'), 500)).toBe(500);
  });

  it('after a pause the held-back sends go as a burst, never more than the burst', () => {
    const pacer = new Pacer();
    for (let i = 0; i < 50; i++) pacer.book(scope(`u${i}`), 0);
    pacer.pause('t1', 1_000, 0);
    const slots = Array.from({ length: 7 }, (_, i) => pacer.book(scope(`v${i}`), 1_000).at);
    expect(slots).toEqual([1000, 1000, 1000, 1000, 1000, 1100, 1200]);
  });
});
