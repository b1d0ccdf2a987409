import { MongoServerError } from 'mongodb';
import { COLLECTIONS } from '../../src/store/collections';
import { ensureIndexes, INDEXES } from '../../src/store/indexes';
import { openTestDatabase, type TestDatabase } from '../support/mongo';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase(); // runs ensureIndexes once
});
afterAll(async () => {
  await t.close();
});

describe('indexes', () => {
  it('creating them again on every start changes nothing', async () => {
    const before = await Promise.all(Object.values(COLLECTIONS).map((c) => t.db.collection(c).listIndexes().toArray().catch(() => [])));
    await ensureIndexes(t.db);
    await ensureIndexes(t.db);
    const after = await Promise.all(Object.values(COLLECTIONS).map((c) => t.db.collection(c).listIndexes().toArray().catch(() => [])));
    expect(after).toEqual(before);
  });

  it('every declared index exists with its key and uniqueness', async () => {
    for (const [name, specs] of Object.entries(INDEXES)) {
      if (!specs.length) continue;
      const existing = await t.db.collection(COLLECTIONS[name as keyof typeof COLLECTIONS]).listIndexes().toArray();
      for (const spec of specs) {
        const found = existing.find((i) => i.name === spec.name);
        expect({ collection: name, name: spec.name, key: found?.key, unique: Boolean(found?.unique) }).toEqual({ collection: name, name: spec.name, key: spec.key, unique: Boolean(spec.unique) });
      }
    }
  });

  // The invariants hold at the database itself, whatever code writes to it.
  it.each([
    ['responses', { roundId: 'r', respondentKey: 'k' }],
    ['participations', { roundId: 'r', platformUserId: 'U1' }],
    ['jobs', { key: 'close:r' }],
    ['installations', { platform: 'slack', key: 'T1' }],
    ['summaries', { roundId: 'r', chartToken: 'tok' }],
  ] as const)('%s refuses a second document with the same unique key (E11000)', async (name, doc) => {
    const collection = t.db.collection(name);
    await collection.insertOne({ ...doc });
    const error = await collection.insertOne({ ...doc }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(11000);
    expect(await collection.countDocuments(doc)).toBe(1);
  });

  it('one chart token cannot serve two rounds', async () => {
    const summaries = t.db.collection('summaries');
    await summaries.insertOne({ roundId: 'a', chartToken: 'same' });
    await expect(summaries.insertOne({ roundId: 'b', chartToken: 'same' })).rejects.toMatchObject({ code: 11000 });
  });
});
