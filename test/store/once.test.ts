import { openTestDatabase, type TestDatabase } from '../support/mongo';

/**
 * `once`: one-off keys (the first claim wins) and short leases (one holder at a time, taken over
 * once run out — without waiting for the TTL index, which removes documents only about a minute
 * after they expire).
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

// A day ahead of the real clock: the TTL index (real time) must not remove anything mid-test.
const base = Date.now() + 86_400_000;
const at = (s: number) => new Date(base + s * 1000);

it('claim: true for the first caller only', async () => {
  expect(await t.repos.once.claim('k1', at(60))).toBe(true);
  expect(await t.repos.once.claim('k1', at(60))).toBe(false);
});

it('lease: one holder at a time; renewable by its holder; free again when given back or run out', async () => {
  expect(await t.repos.once.lease('publishing:r1', 'job-a', at(30), at(0))).toBe(true);
  expect(await t.repos.once.lease('publishing:r1', 'job-b', at(40), at(10))).toBe(false);
  // Its holder may renew it.
  expect(await t.repos.once.lease('publishing:r1', 'job-a', at(50), at(20))).toBe(true);
  // Given back: the next one gets it. Only the holder can give it back.
  await t.repos.once.release('publishing:r1', 'job-b');
  expect(await t.repos.once.lease('publishing:r1', 'job-b', at(60), at(21))).toBe(false);
  await t.repos.once.release('publishing:r1', 'job-a');
  expect(await t.repos.once.lease('publishing:r1', 'job-b', at(60), at(22))).toBe(true);
  // Run out (the holder crashed): taken over at once, whatever the TTL index did meanwhile.
  expect(await t.repos.once.lease('publishing:r1', 'job-c', at(90), at(61))).toBe(true);
  expect(await t.repos.once.lease('publishing:r1', 'job-b', at(90), at(62))).toBe(false);
});

it('leases on several keys at once: each has exactly one holder', async () => {
  const results = await Promise.all(['x', 'y', 'z', 'w'].map((owner) => t.repos.once.lease('publishing:r2', owner, at(30), at(0))));
  expect(results.filter(Boolean)).toHaveLength(1);
});
