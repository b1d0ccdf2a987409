import { ObjectId } from 'mongodb';
import { errorOf, startHarness, type Harness, type Loose } from './test-harness';

describe('embedded-mongo: findAndModify and atomicity', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('updates the first match in sort order and returns the document before or after', async () => {
    const coll = h.db.collection<Loose>('fam_sort');
    await coll.insertMany([
      { _id: 1, status: 'pending', runAt: new Date(3000) },
      { _id: 2, status: 'pending', runAt: new Date(1000) },
      { _id: 3, status: 'pending', runAt: new Date(2000) },
    ]);
    const before = await coll.findOneAndUpdate({ status: 'pending' }, { $set: { status: 'running' } }, { sort: { runAt: 1 } });
    expect(before).toEqual({ _id: 2, status: 'pending', runAt: new Date(1000) });
    const after = await coll.findOneAndUpdate(
      { status: 'pending' },
      { $set: { status: 'running' } },
      { sort: { runAt: -1 }, returnDocument: 'after', projection: { status: 1 } },
    );
    expect(after).toEqual({ _id: 1, status: 'running' });
    const meta = await coll.findOneAndUpdate({ status: 'nothing' }, { $set: { x: 1 } }, { includeResultMetadata: true });
    expect(meta).toMatchObject({ value: null, ok: 1, lastErrorObject: { n: 0, updatedExisting: false } });
  });

  it('upserts, returning the new document or null', async () => {
    const coll = h.db.collection<Loose>('fam_upsert');
    const created = await coll.findOneAndUpdate(
      { key: 'k1' },
      { $setOnInsert: { createdAt: new Date(1) }, $inc: { n: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(created).toMatchObject({ key: 'k1', createdAt: new Date(1), n: 1 });
    expect(created!._id).toBeInstanceOf(ObjectId);
    const raw = await h.db.command({ findAndModify: 'fam_upsert', query: { key: 'k2' }, update: { $set: { n: 5 } }, upsert: true });
    expect(raw.value).toBeNull();
    expect(raw.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
    expect(raw.lastErrorObject.upserted).toBeInstanceOf(ObjectId);
  });

  it('replaces and removes', async () => {
    const coll = h.db.collection<Loose>('fam_replace');
    await coll.insertMany([{ _id: 1, a: 1 }, { _id: 2, a: 2 }]);
    expect(await coll.findOneAndReplace({ _id: 1 }, { b: 1 }, { returnDocument: 'after' })).toEqual({ _id: 1, b: 1 });
    expect(await coll.findOneAndDelete({ a: 2 })).toEqual({ _id: 2, a: 2 });
    expect(await coll.findOneAndDelete({ a: 2 })).toBeNull();
    expect(await coll.countDocuments()).toBe(1);
  });

  it('validates its arguments like the server', async () => {
    const both = await errorOf(() => h.db.command({ findAndModify: 'fam_args', remove: true, update: { $set: { a: 1 } } }));
    expect(both.code).toBe(9);
    const neither = await errorOf(() => h.db.command({ findAndModify: 'fam_args', query: {} }));
    expect(neither.message).toBe('Either an update or remove=true must be specified');
  });

  it('hands out each lease exactly once to parallel workers', async () => {
    const jobs = h.db.collection<Loose>('jobs');
    const now = new Date();
    await jobs.insertMany(
      Array.from({ length: 30 }, (_, i) => ({ n: i, status: 'pending', runAt: new Date(now.getTime() - (i % 7) * 1000) })),
    );
    await jobs.insertOne({ n: 99, status: 'pending', runAt: new Date(now.getTime() + 60_000) }); // not due yet
    const lease = () =>
      jobs.findOneAndUpdate(
        { status: 'pending', runAt: { $lte: now } },
        { $set: { status: 'running', leaseUntil: new Date(now.getTime() + 30_000) }, $inc: { attempts: 1 } },
        { sort: { runAt: 1 }, returnDocument: 'after' },
      );
    const results = await Promise.all(Array.from({ length: 40 }, lease));
    const won = results.filter((r) => r !== null).map((r) => r!.n as number);
    expect(won).toHaveLength(30);
    expect(new Set(won).size).toBe(30);
    expect(results.filter((r) => r === null)).toHaveLength(10);
    expect(await jobs.countDocuments({ attempts: { $gt: 1 } })).toBe(0);
    expect(await jobs.findOne({ n: 99 }, { projection: { _id: 0, status: 1 } })).toEqual({ status: 'pending' });
  });

  it('keeps a burst of 50 parallel upserts on one filter to one document with 50 answers', async () => {
    const coll = h.db.collection<Loose>('burst');
    await coll.createIndex({ surveyId: 1, userId: 1 }, { unique: true });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        coll.updateOne(
          { surveyId: 'S', userId: 'U' },
          { $set: { [`answers.Q${i}`]: i, updatedAt: new Date() }, $setOnInsert: { createdAt: new Date() } },
          { upsert: true },
        ),
      ),
    );
    expect(results.filter((r) => r.upsertedCount === 1)).toHaveLength(1);
    const docs = await coll.find({ surveyId: 'S' }).toArray();
    expect(docs).toHaveLength(1);
    expect(Object.keys(docs[0].answers).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `Q${i}`).sort());
  });

  it('keeps parallel $inc updates exact', async () => {
    const coll = h.db.collection<Loose>('counter');
    await coll.insertOne({ _id: 'c', n: 0 } as never);
    await Promise.all(Array.from({ length: 100 }, () => coll.updateOne({ _id: 'c' } as never, { $inc: { n: 1 } })));
    expect((await coll.findOne({ _id: 'c' } as never))!.n).toBe(100);
  });
});
