import { Long, MongoClient } from 'mongodb';
import { errorOf, startHarness, type Harness, type Loose } from './test-harness';

describe('embedded-mongo: server-side cursors', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.db.collection<Loose>('many').insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.commands.length = 0;
  });

  const batchesOf = () =>
    h.commands.map((c) => `${c.commandName}:${String(c.command.batchSize ?? c.command.cursor?.batchSize ?? '-')}`);

  it('serves 250 documents in batches of 20 through getMore, in order', async () => {
    const docs = await h.db.collection<Loose>('many').find({}).sort({ i: 1 }).batchSize(20).toArray();
    expect(docs.map((d) => d.i)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    // 20 in the first batch, then 12 getMores (11 × 20 + the last 10).
    expect(batchesOf()).toEqual(['find:20', ...Array.from({ length: 12 }, () => 'getMore:20')]);
  });

  it('uses a first batch of 101 by default, then one getMore for the rest', async () => {
    const first = await h.db.command({ find: 'many', filter: {} });
    expect(first.cursor.firstBatch).toHaveLength(101);
    expect(first.cursor.id).not.toEqual(0);
    expect(first.cursor.ns).toBe('test.many');
    const next = await h.db.command({ getMore: Long.fromValue(first.cursor.id), collection: 'many' });
    expect(next.cursor.nextBatch).toHaveLength(149);
    expect(Long.fromValue(next.cursor.id).isZero()).toBe(true);
  });

  it('returns cursor id 0 when the first batch holds everything, limit or singleBatch', async () => {
    const all = await h.db.command({ find: 'many', filter: { i: { $lt: 5 } } });
    expect(all.cursor.firstBatch).toHaveLength(5);
    expect(all.cursor.id).toEqual(0);
    const limited = await h.db.command({ find: 'many', filter: {}, limit: 30, batchSize: 10 });
    expect(limited.cursor.firstBatch).toHaveLength(10);
    const single = await h.db.command({ find: 'many', filter: {}, batchSize: 10, singleBatch: true });
    expect(single.cursor.firstBatch).toHaveLength(10);
    expect(single.cursor.id).toEqual(0);
    expect(await h.db.collection<Loose>('many').find().limit(30).batchSize(7).toArray()).toHaveLength(30);
  });

  it('pages aggregate results with cursor.batchSize', async () => {
    const docs = await h.db
      .collection('many')
      .aggregate([{ $match: { i: { $gte: 200 } } }, { $project: { _id: 0, i: 1 } }], { batchSize: 15 })
      .toArray();
    expect(docs).toHaveLength(50);
    expect(batchesOf()).toEqual(['aggregate:15', 'getMore:15', 'getMore:15', 'getMore:15']);
  });

  it('kills cursors on request (killCursors) and reports unknown ids', async () => {
    const cursor = h.db.collection<Loose>('many').find({}).batchSize(5);
    await cursor.next();
    const id = cursor.id!;
    await cursor.close();
    expect(h.commands.map((c) => c.commandName)).toEqual(['find', 'killCursors']);
    const err = await errorOf(() => h.db.command({ getMore: id, collection: 'many' }));
    expect(err.code).toBe(43);
    expect(err.codeName).toBe('CursorNotFound');
    const reply = await h.db.command({ killCursors: 'many', cursors: [Long.fromNumber(12345)] });
    expect(reply.cursorsNotFound).toEqual([12345]);
  });

  it('removes exhausted cursors', async () => {
    const first = await h.db.command({ find: 'many', filter: { i: { $lt: 4 } }, batchSize: 2 });
    const id = Long.fromValue(first.cursor.id);
    const next = await h.db.command({ getMore: id, collection: 'many' });
    expect(next.cursor.nextBatch).toHaveLength(2);
    expect(next.cursor.id).toEqual(0);
    expect((await errorOf(() => h.db.command({ getMore: id, collection: 'many' }))).code).toBe(43);
  });

  it('refuses getMore on another namespace', async () => {
    const first = await h.db.command({ find: 'many', filter: {}, batchSize: 2 });
    const err = await errorOf(() => h.db.command({ getMore: Long.fromValue(first.cursor.id), collection: 'other' }));
    expect(err.code).toBe(13);
  });

  it('drops the cursors of a connection when it closes', async () => {
    const other = await new MongoClient(h.server.uri, { maxPoolSize: 1 }).connect();
    const first = await other.db('test').command({ find: 'many', filter: {}, batchSize: 3 });
    const id = Long.fromValue(first.cursor.id);
    await other.close();
    // Give the server a moment to observe the socket closing.
    await new Promise((r) => setTimeout(r, 50));
    expect((await errorOf(() => h.db.command({ getMore: id, collection: 'many' }))).code).toBe(43);
  });

  it('serves listCollections and listIndexes through cursors too', async () => {
    for (let i = 0; i < 5; i++) await h.db.createCollection(`lc_${i}`);
    const names = await h.db.listCollections({ name: { $regex: '^lc_' } }, { nameOnly: true, batchSize: 2 }).toArray();
    expect(names.map((c) => c.name)).toEqual(['lc_0', 'lc_1', 'lc_2', 'lc_3', 'lc_4']);
    expect(h.commands.filter((c) => c.commandName === 'getMore').length).toBeGreaterThan(0);
  });
});
