import { makeRound } from '../../src/core/testing/fixtures';
import { coreSummarySnapshot } from '../../src/orchestration/summary-snapshot';
import { openTestDatabase, type TestDatabase } from '../support/mongo';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe('the closing snapshot streams the responses and keeps one quote set (#16 with #12a)', () => {
  it('a repeated close tallies again but copies no second set of quotes, and writes no time on responses', async () => {
    const round = makeRound({ id: 'r-snap', includeReflection: true, state: 'closed', closedAt: new Date('2026-03-30T10:00:00Z') });
    await t.repos.rounds.insert(round);
    const keys = Array.from({ length: 600 }, (_, i) => `k${String(i).padStart(4, '0')}`);
    await t.repos.responses.prepare(round.id, keys);
    // More than one streaming batch (250) of respondents with an open answer; the rest stay empty.
    for (const key of keys.slice(0, 520)) await t.repos.responses.saveSection(round.id, key, 'reflection', { R1: `Goed: ${key}` }, undefined, new Date());
    const snapshot = coreSummarySnapshot(t.repos);
    const now = new Date('2026-03-30T10:00:00Z');
    const first = await snapshot(round, now);
    expect(await t.db.collection('quotes').countDocuments({ roundId: round.id })).toBe(520);
    const batch = (await t.repos.rounds.get(round.id))!.quoteBatch;
    expect(typeof batch).toBe('string');
    expect(await t.db.collection('quotes').countDocuments({ roundId: round.id, batch })).toBe(520);

    const second = await snapshot(round, new Date('2026-03-30T11:00:00Z'));
    expect(await t.db.collection('quotes').countDocuments({ roundId: round.id })).toBe(520);
    expect((await t.repos.rounds.get(round.id))!.quoteBatch).toBe(batch);
    expect(second.summary.dimensions).toEqual(first.summary.dimensions);
    for (const field of ['createdAt', 'updatedAt', 'completedAt']) expect(await t.db.collection('responses').countDocuments({ roundId: round.id, [field]: { $exists: true } })).toBe(0);
  });

  it('a leftover unclaimed batch (a crashed close) is deleted', async () => {
    const round = makeRound({ id: 'r-snap-crash', includeReflection: true, state: 'closed', closedAt: new Date('2026-03-30T10:00:00Z') });
    await t.repos.rounds.insert(round);
    await t.repos.responses.saveSection(round.id, 'k1', 'reflection', { R1: 'Korte lijnen' }, undefined, new Date());
    await t.db.collection('quotes').insertOne({ _id: 'left-over' as never, roundId: round.id, batch: 'crashed', itemId: 'R1', section: 'reflection', text: 'x', status: 'pending', themes: [], order: 1 });
    await coreSummarySnapshot(t.repos)(round, new Date('2026-03-30T10:00:00Z'));
    expect(await t.db.collection('quotes').countDocuments({ roundId: round.id })).toBe(1);
    expect(await t.db.collection('quotes').countDocuments({ roundId: round.id, batch: 'crashed' })).toBe(0);
  });
});
