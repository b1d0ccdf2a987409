import { MongoServerError } from 'mongodb';
import { errorOf, startHarness, type Harness, type Loose } from './test-harness';

describe('embedded-mongo: indexes and duplicate keys', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists the _id index on every collection and the ones created', async () => {
    const coll = h.db.collection<Loose>('ix_list');
    await coll.insertOne({ a: 1 });
    expect(await coll.listIndexes().toArray()).toEqual([{ v: 2, key: { _id: 1 }, name: '_id_' }]);
    expect(await coll.createIndex({ a: 1, b: -1 }, { name: 'ab' })).toBe('ab');
    expect(await coll.createIndex({ c: 1 }, { unique: true, sparse: true })).toBe('c_1');
    expect(await coll.listIndexes().toArray()).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { a: 1, b: -1 }, name: 'ab' },
      { v: 2, key: { c: 1 }, name: 'c_1', unique: true, sparse: true },
    ]);
    expect(await coll.indexExists('c_1')).toBe(true);
  });

  it('treats creating an identical index as a no-op and reports conflicts', async () => {
    const coll = h.db.collection<Loose>('ix_same');
    const first = await h.db.command({ createIndexes: 'ix_same', indexes: [{ key: { a: 1 }, name: 'a_1', unique: true }] });
    expect(first).toEqual({ numIndexesBefore: 1, numIndexesAfter: 2, createdCollectionAutomatically: true, ok: 1 });
    const again = await h.db.command({ createIndexes: 'ix_same', indexes: [{ key: { a: 1 }, name: 'a_1', unique: true }] });
    expect(again).toEqual({
      numIndexesBefore: 2,
      numIndexesAfter: 2,
      createdCollectionAutomatically: false,
      note: 'all indexes already exist',
      ok: 1,
    });
    expect(await coll.createIndex({ a: 1 }, { unique: true })).toBe('a_1');
    expect((await errorOf(() => coll.createIndex({ b: 1 }, { name: 'a_1' }))).code).toBe(86);
    expect((await errorOf(() => coll.createIndex({ a: 1 }, { unique: true, name: 'other' }))).code).toBe(85);
  });

  it('rejects duplicates on insertOne with E11000, keyPattern and keyValue', async () => {
    const coll = h.db.collection<Loose>('ix_users');
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertOne({ email: 'a@example.org' });
    const err = await errorOf(() => coll.insertOne({ email: 'a@example.org' }));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(11000);
    expect(err.message).toBe(
      'E11000 duplicate key error collection: test.ix_users index: email_1 dup key: { email: "a@example.org" }',
    );
    expect((err as unknown as MongoServerError).keyPattern).toEqual({ email: 1 });
    expect((err as unknown as MongoServerError).keyValue).toEqual({ email: 'a@example.org' });
  });

  it('rejects duplicates created by an upsert and by findOneAndUpdate', async () => {
    const coll = h.db.collection<Loose>('ix_upsert');
    await coll.createIndex({ slug: 1 }, { unique: true });
    await coll.insertOne({ slug: 'taken', owner: 'x' });
    const viaUpsert = await errorOf(() => coll.updateOne({ owner: 'y' }, { $set: { slug: 'taken' } }, { upsert: true }));
    expect(viaUpsert.code).toBe(11000);
    await coll.insertOne({ slug: 'free', owner: 'z' });
    const viaFam = await errorOf(() => coll.findOneAndUpdate({ owner: 'z' }, { $set: { slug: 'taken' } }));
    expect(viaFam.code).toBe(11000);
    expect((viaFam as unknown as MongoServerError).keyValue).toEqual({ slug: 'taken' });
    const viaFamUpsert = await errorOf(() =>
      coll.findOneAndUpdate({ owner: 'new' }, { $set: { slug: 'free' } }, { upsert: true }),
    );
    expect(viaFamUpsert.code).toBe(11000);
    expect(await coll.countDocuments()).toBe(2);
    expect(await coll.findOne({ owner: 'z' }, { projection: { _id: 0 } })).toEqual({ slug: 'free', owner: 'z' });
  });

  it('fails to build a unique index over existing duplicates and leaves no index behind', async () => {
    const coll = h.db.collection<Loose>('ix_dupes');
    await coll.insertMany([{ k: 1 }, { k: 2 }, { k: 1 }]);
    const err = await errorOf(() => coll.createIndex({ k: 1 }, { unique: true }));
    expect(err.code).toBe(11000);
    expect(err.message).toMatch(/^E11000 duplicate key error collection: test.ix_dupes index: k_1 dup key: \{ k: 1 \}/);
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('enforces compound unique keys, treating missing fields as null unless sparse', async () => {
    const coll = h.db.collection<Loose>('ix_compound');
    await coll.createIndex({ survey: 1, user: 1 }, { unique: true });
    await coll.insertMany([{ survey: 's', user: 'a' }, { survey: 's', user: 'b' }, { survey: 't', user: 'a' }]);
    const dup = await errorOf(() => coll.insertOne({ survey: 's', user: 'a' }));
    expect(dup.message).toMatch(/dup key: \{ survey: "s", user: "a" \}/);
    await coll.insertOne({ survey: 'u' });
    const nullDup = await errorOf(() => coll.insertOne({ survey: 'u', user: null }));
    expect(nullDup.message).toMatch(/dup key: \{ survey: "u", user: null \}/);

    const sparse = h.db.collection<Loose>('ix_sparse');
    await sparse.createIndex({ code: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ x: 1 }, { x: 2 }, { code: 'A' }]);
    expect((await errorOf(() => sparse.insertOne({ code: 'A' }))).code).toBe(11000);
  });

  it('applies partialFilterExpression', async () => {
    const coll = h.db.collection<Loose>('ix_partial');
    await coll.createIndex({ user: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await coll.insertMany([{ user: 'a', active: false }, { user: 'a', active: false }, { user: 'a', active: true }]);
    expect((await errorOf(() => coll.insertOne({ user: 'a', active: true }))).code).toBe(11000);
    // Leaving the partial index by update frees the key.
    await coll.updateOne({ user: 'a', active: true }, { $set: { active: false } });
    await coll.insertOne({ user: 'a', active: true });
    expect(await coll.countDocuments({ user: 'a' })).toBe(4);
  });

  it('indexes array elements (multikey) for uniqueness', async () => {
    const coll = h.db.collection<Loose>('ix_multikey');
    await coll.createIndex({ tags: 1 }, { unique: true });
    await coll.insertOne({ tags: ['a', 'b', 'b'] });
    const err = await errorOf(() => coll.insertOne({ tags: ['c', 'b'] }));
    expect(err.message).toMatch(/dup key: \{ tags: "b" \}/);
  });

  it('drops indexes by name, key pattern or all at once, but never _id_', async () => {
    const coll = h.db.collection<Loose>('ix_drop');
    await coll.createIndexes([{ key: { a: 1 } }, { key: { b: 1 } }, { key: { c: 1 } }]);
    expect(await h.db.command({ dropIndexes: 'ix_drop', index: 'a_1' })).toEqual({ nIndexesWas: 4, ok: 1 });
    await coll.dropIndex({ b: 1 } as never);
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'c_1']);
    expect((await errorOf(() => coll.dropIndex('nope'))).code).toBe(27);
    expect((await errorOf(() => coll.dropIndex('_id_'))).code).toBe(72);
    await coll.dropIndexes();
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    expect((await errorOf(() => h.db.collection<Loose>('ix_missing').listIndexes().toArray())).code).toBe(26);
  });

  it('checks hints against existing indexes', async () => {
    const coll = h.db.collection<Loose>('ix_hint');
    await coll.createIndex({ a: 1 });
    await coll.insertOne({ a: 1 });
    expect(await coll.find({ a: 1 }, { hint: 'a_1' }).toArray()).toHaveLength(1);
    expect(await coll.find({ a: 1 }, { hint: { a: 1 } }).toArray()).toHaveLength(1);
    expect((await errorOf(() => coll.find({}, { hint: 'zzz' }).toArray())).code).toBe(2);
  });

  it('refuses index kinds it does not implement', async () => {
    const coll = h.db.collection<Loose>('ix_text');
    const err = await errorOf(() => coll.createIndex({ body: 'text' }));
    expect(err.code).toBe(238);
    expect(err.codeName).toBe('NotImplemented');
  });
});
