import { MongoClient } from 'mongodb';
import type { PlatformLimits } from '../../src/core/messenger';
import { Pacer, tenantBurst, tenantSlotBurst, type PaceScope } from '../../src/orchestration/pacing';
import { createRepositories } from '../../src/store/repositories';
import { openTestDatabase, testMongoUri, type TestDatabase } from '../support/mongo';

/**
 * Three Pacers, each on its own client to one database, stand for three processes behind a load
 * balancer. Time is a shared fake clock: the test counts the slots booked per window, it never
 * measures wall time.
 */
let t: TestDatabase;
const clients: MongoClient[] = [];
let now = 1_800_000_000_000;
const clock = { now: () => new Date(now) };
const limits: PlatformLimits = { perConversationPerSecond: 1, perTenantPerSecond: 20 };
const scope = (conversationId: string, tenantId = 'slack:T1'): PaceScope => ({ tenantId, conversationId, limits });

async function processes(n: number): Promise<Pacer[]> {
  const pacers: Pacer[] = [];
  for (let i = 0; i < n; i++) {
    const client = await new MongoClient(testMongoUri(), { ignoreUndefined: true }).connect();
    clients.push(client);
    pacers.push(new Pacer(createRepositories(client.db(t.db.databaseName)).pacing, clock, { keySecret: 'pacing-test-secret' }));
  }
  return pacers;
}

beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  // A process tops up its reserve of tenant slots in the background: let those claims land
  // before the clients close under them.
  await new Promise((resolve) => setTimeout(resolve, 500));
  await Promise.all(clients.map((c) => c.close()));
  await t.close();
});

/** The most slots any window of `windowMs` holds (windows starting at each slot). */
function busiestWindow(slots: number[], windowMs: number): number {
  const sorted = [...slots].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! < sorted[i]! - windowMs + 1) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('pacing shared by three processes', () => {
  it('books the tenant no faster than its limit in total, whichever process asks', async () => {
    const pacers = await processes(3);
    const slots: number[] = [];
    // Every 200 ms of fake time each process asks for a slot for 15 sends at once (45 asked,
    // 4 allowed per 200 ms): they queue, and each process books its queue in batches.
    for (let step = 0; step < 30; step++) {
      const claims = await Promise.all(pacers.flatMap((pacer, p) => Array.from({ length: 15 }, (_, i) => pacer.claimTenant(scope(`U${p}-${step}-${i}`), 2_000))));
      for (const claim of claims) if (claim.type === 'slot') slots.push(claim.booking.at);
      now += 200;
    }
    const span = Math.max(...slots) - Math.min(...slots);
    // Never more than the burst plus a second's rate in any second, and no more than the rate overall.
    expect(busiestWindow(slots, 1000)).toBeLessThanOrEqual(tenantBurst(limits) + limits.perTenantPerSecond);
    expect(slots.length).toBeLessThanOrEqual(tenantBurst(limits) + Math.ceil((span / 1000) * limits.perTenantPerSecond) + 1);
    // ...and the limit is used: the processes together got (nearly) every slot there was. The
    // slots are booked with tenantSlotBurst: the rest of the burst is the sends' late allowance.
    expect(slots.length).toBeGreaterThanOrEqual(tenantSlotBurst(limits) + Math.floor((span / 1000) * limits.perTenantPerSecond) - 1);
    expect(new Set(slots.map((s, i) => `${s}:${i}`)).size).toBe(slots.length);
  });

  it('keeps one conversation to one message a second across processes', async () => {
    const pacers = await processes(3);
    const claims = await Promise.all(pacers.flatMap((pacer) => [pacer.claimConversation(scope('C-team', 'slack:T2'), 10_000), pacer.claimConversation(scope('C-team', 'slack:T2'), 10_000)]));
    const slots = claims.map((c) => (c.type === 'slot' ? c.booking.at : NaN)).sort((a, b) => a - b);
    expect(slots).toEqual([0, 1, 2, 3, 4, 5].map((k) => now + k * 1000));
    // Beyond the horizon nothing is booked: the sender is told when to come back instead.
    expect(await pacers[0]!.claimConversation(scope('C-team', 'slack:T2'), 1_000)).toEqual({ type: 'later', at: now + 6000 });
  });

  it('books many free conversations in one round trip, and leaves a busy one to its own claim', async () => {
    const pacing = createRepositories(t.db).pacing;
    const request = { intervalMs: 1000, burst: 1, now };
    expect(await pacing.claimIfFree(['c:busy'], request)).toEqual([true]);
    // The same key twice in one batch: the second finds it taken by the first.
    expect(await pacing.claimIfFree(['c:a', 'c:busy', 'c:b', 'c:a'], request)).toEqual([true, false, true, false]);
    // A busy key's own claim gets the next free slot: no slot is given twice.
    expect(await pacing.claim('c:busy', { ...request, count: 1, horizonMs: 5_000 })).toMatchObject({ first: now + 1000, granted: 1 });
    expect(await pacing.claimIfFree(['c:a'], { ...request, now: now + 1000 })).toEqual([true]);
  });

  it('a 429 met by one process pauses the tenant for all, and voids bookings made before it', async () => {
    const [a, b, c] = await processes(3);
    const tenantId = 'slack:T3';
    const early = await b!.claimTenant(scope('U1', tenantId), 5_000);
    expect(early.type).toBe('slot');
    await a!.pause(tenantId, now + 3_000, now);
    // b learns of the pause at its next claim from the database (the few slots it booked ahead
    // go first): from then on its slots are after the pause, and what it booked before is void.
    const slots: number[] = [];
    for (let i = 0; i < 10 && !slots.some((at) => at >= now + 3_000); i++) {
      const next = await b!.claimTenant(scope(`U2-${i}`, tenantId), 5_000);
      if (next.type === 'slot') slots.push(next.booking.at);
    }
    expect(slots.length).toBeLessThanOrEqual(3);
    expect(slots[slots.length - 1]).toBe(now + 3_000);
    expect(early.type === 'slot' && b!.valid(early.booking)).toBe(false);
    expect(await c!.claimTenant(scope('U3', tenantId), 1_000)).toEqual({ type: 'later', at: now + 3_000 });
    // Another tenant is not held back.
    expect(await c!.claimTenant(scope('U3', 'slack:T4'), 1_000)).toMatchObject({ type: 'slot', booking: { at: now } });
  });

  it('stores no conversation id, and lets a TTL index forget idle keys', async () => {
    const [a] = await processes(1);
    await a!.claimConversation(scope('U-PERSON', 'slack:T5'), 5_000);
    const docs = await t.db.collection('pacing').find({}).toArray();
    expect(JSON.stringify(docs)).not.toContain('U-PERSON');
    const conversation = docs.find((d) => String(d._id).startsWith('c:'))!;
    expect(conversation.expiresAt).toBeInstanceOf(Date);
    expect(conversation.expiresAt.getTime()).toBeGreaterThan(now);
    const indexes = await t.db.collection('pacing').listIndexes().toArray();
    expect(indexes.find((i) => i.name === 'expiresAt_ttl')).toMatchObject({ key: { expiresAt: 1 }, expireAfterSeconds: 0 });
  });
});
