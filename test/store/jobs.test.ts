import type { JobKind } from '../../src/core/ports';
import { openTestDatabase, type TestDatabase } from '../support/mongo';
import { at, expectNoStorageFields, T0 } from './fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.db.collection('jobs').deleteMany({});
});

const LEASE = 60_000; // one minute: `at(n)` steps are minutes
const job = (key: string, runAt: Date, kind: JobKind = 'deliver-invitation', roundId = 'r1') => ({ kind, key, tenantId: 'slack:T1', payload: { roundId, user: key }, runAt });

describe('jobs', () => {
  it('enqueue is idempotent on the key', async () => {
    expect(await t.repos.jobs.enqueue(job('deliver:r1:U1', T0), T0)).toBe(true);
    expect(await t.repos.jobs.enqueue({ ...job('deliver:r1:U1', at(9)), payload: { other: true } }, at(1))).toBe(false);
    const jobs = await t.db.collection('jobs').find({ key: 'deliver:r1:U1' }).toArray();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ runAt: T0, payload: { roundId: 'r1', user: 'deliver:r1:U1' }, status: 'pending', attempts: 0, schemaVersion: 1 });
  });

  it('ten concurrent enqueues of one key make one job', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => t.repos.jobs.enqueue(job('close:r1', T0, 'close-round'), T0)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await t.db.collection('jobs').countDocuments({ key: 'close:r1' })).toBe(1);
  });

  it('claims the due job with the earliest runAt and leases it', async () => {
    await t.repos.jobs.enqueue(job('b', at(2)), T0);
    await t.repos.jobs.enqueue(job('a', at(1)), T0);
    await t.repos.jobs.enqueue(job('later', at(30)), T0);

    expect(await t.repos.jobs.claim('p1', T0, LEASE)).toBeNull();
    const first = await t.repos.jobs.claim('p1', at(5), LEASE);
    expect(first).toMatchObject({ key: 'a', status: 'running', leaseOwner: 'p1', leaseUntil: at(6), attempts: 0, kind: 'deliver-invitation', tenantId: 'slack:T1' });
    expect(typeof first!.id).toBe('string');
    expectNoStorageFields(first!);
    expect((await t.repos.jobs.claim('p1', at(5), LEASE))!.key).toBe('b');
    expect(await t.repos.jobs.claim('p1', at(5), LEASE)).toBeNull();
  });

  it('claims only the asked kinds', async () => {
    await t.repos.jobs.enqueue(job('d', T0, 'deliver-invitation'), T0);
    await t.repos.jobs.enqueue(job('c', at(1), 'close-round'), T0);
    expect((await t.repos.jobs.claim('p1', at(2), LEASE, ['close-round']))!.key).toBe('c');
    expect(await t.repos.jobs.claim('p1', at(2), LEASE, ['close-round', 'remind'])).toBeNull();
  });

  it('claimMany takes up to `limit` due jobs, earliest runAt first, expired leases before pending ones', async () => {
    for (let i = 0; i < 6; i++) await t.repos.jobs.enqueue(job(`m${i}`, at(5 - i)), T0);
    await t.repos.jobs.enqueue(job('later', at(30)), T0);
    await t.repos.jobs.enqueue(job('other-kind', at(0), 'close-round'), T0);
    const stale = (await t.repos.jobs.claim('p-dead', at(5), LEASE, ['deliver-invitation']))!; // m5, runAt at(0)
    expect(stale.key).toBe('m5');
    const batch = await t.repos.jobs.claimMany('p1', at(7), LEASE, 4, ['deliver-invitation']);
    // The dead worker's lease ran out at(6): taken over first (and counted), then m4, m3, m2.
    expect(batch.map((j) => j.key)).toEqual(['m5', 'm4', 'm3', 'm2']);
    expect(batch[0]).toMatchObject({ attempts: 1, leaseOwner: 'p1', leaseUntil: at(8) });
    for (const j of batch) expect(j).toMatchObject({ status: 'running', leaseOwner: 'p1', leaseUntil: at(8) });
    batch.forEach(expectNoStorageFields);
    expect((await t.repos.jobs.claimMany('p1', at(7), LEASE, 10, ['deliver-invitation'])).map((j) => j.key)).toEqual(['m1', 'm0']);
    expect(await t.repos.jobs.claimMany('p1', at(7), LEASE, 10, ['deliver-invitation'])).toEqual([]);
  });

  it('two processes claiming batches at once never get the same job', async () => {
    for (let i = 0; i < 60; i++) await t.repos.jobs.enqueue(job(`b${i}`, at(i % 3)), T0);
    const claimAll = async (owner: string) => {
      const got: string[] = [];
      for (let jobs = await t.repos.jobs.claimMany(owner, at(5), LEASE, 7); jobs.length; jobs = await t.repos.jobs.claimMany(owner, at(5), LEASE, 7)) got.push(...jobs.map((j) => j.id));
      return got;
    };
    const [a, b, c] = await Promise.all([claimAll('p-a'), claimAll('p-b'), claimAll('p-c')]);
    expect(a.length + b.length + c.length).toBe(60);
    expect(new Set([...a, ...b, ...c]).size).toBe(60);
    for (const doc of await t.db.collection('jobs').find({}).toArray()) {
      const id = doc._id as unknown as string;
      expect(a.includes(id) ? 'p-a' : b.includes(id) ? 'p-b' : 'p-c').toBe(doc.leaseOwner);
    }
  });

  it('two processes claiming at once never get the same job', async () => {
    for (let i = 0; i < 20; i++) await t.repos.jobs.enqueue(job(`k${i}`, at(i % 3)), T0);
    const claimAll = async (owner: string) => {
      const got: string[] = [];
      for (let job = await t.repos.jobs.claim(owner, at(5), LEASE); job; job = await t.repos.jobs.claim(owner, at(5), LEASE)) got.push(job.id);
      return got;
    };
    const [a, b] = await Promise.all([claimAll('p-a'), claimAll('p-b')]);
    expect(a.length + b.length).toBe(20);
    expect(new Set([...a, ...b]).size).toBe(20);
    const owners = await t.db.collection('jobs').find({}).toArray();
    for (const doc of owners) expect(a.includes(doc._id as unknown as string) ? 'p-a' : 'p-b').toBe(doc.leaseOwner);
  });

  it('a lease that ran out lets another process take the job over, and the old owner can no longer touch it', async () => {
    await t.repos.jobs.enqueue(job('lease', T0), T0);
    const a = await t.repos.jobs.claim('p-a', T0, LEASE);
    expect(await t.repos.jobs.claim('p-b', at(0.5), LEASE)).toBeNull(); // still leased
    const b = await t.repos.jobs.claim('p-b', at(2), LEASE);
    expect(b).toMatchObject({ id: a!.id, leaseOwner: 'p-b', leaseUntil: at(3) });

    expect(await t.repos.jobs.complete(a!.id, 'p-a', at(2))).toBe(false);
    expect(await t.repos.jobs.release(a!.id, 'p-a', at(10), 'late', at(2), true)).toBe(false);
    expect(await t.repos.jobs.fail(a!.id, 'p-a', 'late', at(2))).toBe(false);
    expect(await t.repos.jobs.extendLease(a!.id, 'p-a', at(20))).toBe(false);
    expect(await t.db.collection('jobs').findOne({ _id: a!.id as never })).toMatchObject({ status: 'running', leaseOwner: 'p-b', leaseUntil: at(3) });

    expect(await t.repos.jobs.complete(b!.id, 'p-b', at(2))).toBe(true);
    const done = await t.db.collection('jobs').findOne({ _id: b!.id as never });
    expect(done).toMatchObject({ status: 'done', updatedAt: at(2) });
    expect(done).not.toHaveProperty('leaseOwner');
    expect(await t.repos.jobs.complete(b!.id, 'p-b', at(3))).toBe(false);
    expect(await t.repos.jobs.claim('p-c', at(100), LEASE)).toBeNull();
  });

  it('a done job keeps the moment it was claimed, not when it ended (how long it ran could tell what it did)', async () => {
    await t.repos.jobs.enqueue({ kind: 'remind', key: 'k-done-time', tenantId: 't', payload: { platformUserId: 'U1' }, runAt: at(0) }, at(0));
    const claimed = (await t.repos.jobs.claim('p-time', at(1), LEASE, ['remind']))!;
    expect(await t.repos.jobs.complete(claimed.id, 'p-time', at(5))).toBe(true);
    const done = await t.db.collection('jobs').findOne({ _id: claimed.id as never });
    expect(done).toMatchObject({ status: 'done', updatedAt: at(1) });
    expect(JSON.stringify(done)).not.toContain(at(5).toISOString());
  });

  it('extendLease keeps a slow job from being taken over', async () => {
    await t.repos.jobs.enqueue(job('slow', T0), T0);
    const a = await t.repos.jobs.claim('p-a', T0, LEASE);
    expect(await t.repos.jobs.extendLease(a!.id, 'p-a', at(10))).toBe(true);
    expect(await t.repos.jobs.claim('p-b', at(5), LEASE)).toBeNull();
    expect((await t.repos.jobs.claim('p-b', at(11), LEASE))!.leaseOwner).toBe('p-b');
  });

  it('release gives the job back for later, counting the attempt when asked', async () => {
    await t.repos.jobs.enqueue(job('retry', T0), T0);
    const a = await t.repos.jobs.claim('p-a', T0, LEASE);
    expect(await t.repos.jobs.release(a!.id, 'p-a', at(10), 'rate limited', at(1), true)).toBe(true);
    expect(await t.repos.jobs.claim('p-a', at(5), LEASE)).toBeNull();
    const again = await t.repos.jobs.claim('p-b', at(10), LEASE);
    expect(again).toMatchObject({ id: a!.id, attempts: 1, lastError: 'rate limited', leaseOwner: 'p-b' });
    // Quiet hours: released without counting an attempt.
    expect(await t.repos.jobs.release(a!.id, 'p-b', at(20), undefined, at(11), false)).toBe(true);
    const doc = await t.db.collection('jobs').findOne({ _id: a!.id as never });
    expect(doc).toMatchObject({ status: 'pending', attempts: 1, runAt: at(20), lastError: 'rate limited' });
    expect(doc).not.toHaveProperty('leaseOwner');
    expect(doc).not.toHaveProperty('leaseUntil');
  });

  it('fail ends the job with the error', async () => {
    await t.repos.jobs.enqueue(job('boom', T0), T0);
    const a = await t.repos.jobs.claim('p-a', T0, LEASE);
    expect(await t.repos.jobs.fail(a!.id, 'p-a', 'channel_not_found', at(1))).toBe(true);
    expect(await t.db.collection('jobs').findOne({ _id: a!.id as never })).toMatchObject({ status: 'failed', lastError: 'channel_not_found', attempts: 1 });
    expect(await t.repos.jobs.claim('p-a', at(100), LEASE)).toBeNull();
  });

  it('cancels the pending jobs of a round, optionally by kind, and counts by status', async () => {
    await t.repos.jobs.enqueue(job('r1-d1', T0, 'deliver-invitation', 'r1'), T0);
    await t.repos.jobs.enqueue(job('r1-d2', T0, 'deliver-invitation', 'r1'), T0);
    await t.repos.jobs.enqueue(job('r1-rem', T0, 'send-reminders', 'r1'), T0);
    await t.repos.jobs.enqueue(job('r1-close', at(50), 'close-round', 'r1'), T0);
    await t.repos.jobs.enqueue(job('r2-d1', at(1), 'deliver-invitation', 'r2'), T0);
    const running = await t.repos.jobs.claim('p-a', T0, LEASE, ['deliver-invitation']);
    expect(running!.payload.roundId).toBe('r1');

    expect(await t.repos.jobs.cancelPending({ roundId: 'r1', kinds: ['send-reminders'] }, at(1))).toBe(1);
    expect(await t.repos.jobs.countByStatus({ roundId: 'r1' })).toEqual({ pending: 2, running: 1, failed: 1 });
    expect(await t.repos.jobs.cancelPending({ roundId: 'r1' }, at(2))).toBe(2);
    expect(await t.repos.jobs.countByStatus({ roundId: 'r1' })).toEqual({ running: 1, failed: 3 });
    expect(await t.repos.jobs.countByStatus()).toEqual({ running: 1, failed: 3, pending: 1 });
    expect(await t.repos.jobs.claim('p-a', at(100), LEASE, ['close-round'])).toBeNull();
    // A cancelled job keeps its key: the same work cannot be enqueued again by a late caller.
    expect(await t.repos.jobs.enqueue(job('r1-close', at(50), 'close-round', 'r1'), at(3))).toBe(false);
  });
});
