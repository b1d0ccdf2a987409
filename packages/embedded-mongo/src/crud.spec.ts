import { Binary, Decimal128, Long, MongoBulkWriteError, MongoClient, ObjectId, Timestamp, UUID, type Document, type UpdateFilter } from 'mongodb';
import { errorOf, startHarness, type Harness, type Loose } from './test-harness';

describe('embedded-mongo: insert / find / update / delete', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  describe('insert', () => {
    it('generates an ObjectId _id when the document has none, and puts _id first', async () => {
      const coll = h.db.collection<Loose>('ins_id');
      const reply = await h.db.command({ insert: 'ins_id', documents: [{ a: 1 }, { b: 2, _id: 'mine' }] });
      expect(reply).toEqual({ n: 2, ok: 1 });
      const docs = await coll.find().toArray();
      expect(docs[0]._id).toBeInstanceOf(ObjectId);
      expect(Object.keys(docs[1])).toEqual(['_id', 'b']);
    });

    it('enforces _id uniqueness with E11000 in writeErrors; ordered inserts stop at the first error', async () => {
      const coll = h.db.collection<Loose>('ins_ordered');
      const err = await errorOf(() => coll.insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }]));
      expect(err).toBeInstanceOf(MongoBulkWriteError);
      const bulk = err as unknown as MongoBulkWriteError;
      expect(bulk.code).toBe(11000);
      expect(bulk.writeErrors).toHaveLength(1);
      expect(bulk.result.insertedCount).toBe(1);
      expect(await coll.countDocuments()).toBe(1);
    });

    it('continues after errors when unordered', async () => {
      const coll = h.db.collection<Loose>('ins_unordered');
      const err = (await errorOf(() =>
        coll.insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }, { _id: 2 }, { _id: 3 }], { ordered: false }),
      )) as unknown as MongoBulkWriteError;
      expect(err.writeErrors).toHaveLength(2);
      expect((err.writeErrors as unknown as Array<{ index: number }>).map((e) => e.index)).toEqual([1, 3]);
      expect(await coll.countDocuments()).toBe(3);
    });

    it('returns write errors in the raw command reply with ok: 1', async () => {
      await h.db.collection<Loose>('ins_raw').insertOne({ _id: 'x' });
      const reply = await h.db.command({ insert: 'ins_raw', documents: [{ _id: 'x' }] });
      expect(reply.ok).toBe(1);
      expect(reply.n).toBe(0);
      expect(reply.writeErrors).toEqual([
        {
          index: 0,
          code: 11000,
          keyPattern: { _id: 1 },
          keyValue: { _id: 'x' },
          errmsg: 'E11000 duplicate key error collection: test.ins_raw index: _id_ dup key: { _id: "x" }',
        },
      ]);
    });

    it('refuses array _id values', async () => {
      const err = await errorOf(() => h.db.collection<Loose>('ins_bad').insertOne({ _id: [1, 2] as unknown as ObjectId }));
      expect(err.code).toBe(53);
    });
  });

  describe('BSON types', () => {
    it('round-trips Long, ObjectId, Date, Binary, UUID, Decimal128, Timestamp, nested arrays exactly', async () => {
      const raw = new MongoClient(h.server.uri, { promoteLongs: false, promoteValues: false });
      await raw.connect();
      try {
        const coll = raw.db('test').collection('types');
        const doc = {
          _id: new ObjectId(),
          long: Long.fromString('9007199254740993'),
          smallLong: Long.fromNumber(5),
          date: new Date('2024-02-29T12:34:56.789Z'),
          bin: new Binary(Buffer.from([1, 2, 3, 250]), 0),
          uuid: new UUID(),
          dec: Decimal128.fromString('1.10'),
          ts: new Timestamp({ t: 1700000000, i: 7 }),
          nested: { arr: [1, 'two', { three: [3] }], nil: null },
        };
        await coll.insertOne(doc);
        const back = await coll.findOne({ _id: doc._id });
        expect(back!.long).toBeInstanceOf(Long);
        expect(back!.long.toString()).toBe('9007199254740993');
        expect(back!.smallLong).toBeInstanceOf(Long);
        expect(back!.date).toEqual(doc.date);
        expect(Buffer.from(back!.bin.buffer)).toEqual(Buffer.from([1, 2, 3, 250]));
        expect(back!.uuid.sub_type).toBe(4);
        expect(back!.uuid.toUUID().equals(doc.uuid)).toBe(true);
        expect(back!.dec.toString()).toBe('1.10');
        expect(back!.ts.equals(doc.ts)).toBe(true);
      } finally {
        await raw.close();
      }
    });

    it('keeps Dates as Dates through updates', async () => {
      const coll = h.db.collection<Loose>('dates');
      const { insertedId } = await coll.insertOne({ at: new Date(1000) });
      await coll.updateOne({ _id: insertedId }, { $set: { later: new Date(2000) }, $currentDate: { now: true } });
      const doc = await coll.findOne({ _id: insertedId });
      expect(doc!.at).toEqual(new Date(1000));
      expect(doc!.later).toEqual(new Date(2000));
      expect(doc!.now).toBeInstanceOf(Date);
    });

    it('returns copies: changing a fetched document does not change the stored one', async () => {
      const coll = h.db.collection<Loose>('copies');
      const doc = { nested: { list: [1, 2] } };
      const { insertedId } = await coll.insertOne(doc);
      doc.nested.list.push(3);
      const fetched = await coll.findOne({ _id: insertedId });
      fetched!.nested.list.push(99);
      expect((await coll.findOne({ _id: insertedId }))!.nested.list).toEqual([1, 2]);
    });
  });

  describe('find', () => {
    const people = [
      { _id: 1, name: 'Ada', age: 36, city: 'Utrecht', at: new Date('2024-01-03'), tags: ['x', 'y'], scores: [{ s: 5 }, { s: 9 }] },
      { _id: 2, name: 'Bob', age: 25, city: 'Gouda', at: new Date('2024-01-01'), tags: ['y'], scores: [{ s: 3 }] },
      { _id: 3, name: 'Cy', age: 36, city: 'Gouda', at: new Date('2024-01-02'), scores: [] },
      { _id: 4, name: 'Di', age: 52, city: 'Utrecht', at: new Date('2024-01-04'), tags: [], nick: null },
    ];
    beforeAll(async () => {
      await h.db.collection<Loose>('people').insertMany(people);
    });
    const ids = async (filter: object, sort: Record<string, 1 | -1> = { _id: 1 }) =>
      (await h.db.collection<Loose>('people').find(filter).sort(sort).toArray()).map((d) => d._id);

    it('supports $in, $lte, $exists, $or, $elemMatch and dotted paths', async () => {
      expect(await ids({ city: { $in: ['Gouda', 'Delft'] } })).toEqual([2, 3]);
      expect(await ids({ at: { $lte: new Date('2024-01-02') } })).toEqual([2, 3]);
      expect(await ids({ tags: { $exists: false } })).toEqual([3]);
      expect(await ids({ nick: { $exists: true } })).toEqual([4]);
      expect(await ids({ nick: null })).toEqual([1, 2, 3, 4]);
      expect(await ids({ $or: [{ age: { $gt: 50 } }, { name: 'Bob' }] })).toEqual([2, 4]);
      expect(await ids({ scores: { $elemMatch: { s: { $gte: 4, $lt: 6 } } } })).toEqual([1]);
      expect(await ids({ 'scores.s': 3 })).toEqual([2]);
      expect(await ids({ tags: 'y' })).toEqual([1, 2]);
      expect(await ids({ name: { $regex: '^[ab]', $options: 'i' } })).toEqual([1, 2]);
    });

    it('sorts on several keys, dates and arrays like MongoDB', async () => {
      expect(await ids({}, { age: -1, city: 1 })).toEqual([4, 3, 1, 2]);
      expect(await ids({}, { at: 1 })).toEqual([2, 3, 1, 4]);
      expect(await ids({}, { at: -1 })).toEqual([4, 1, 3, 2]);
      // Arrays sort by their smallest element ascending (missing fields first, like null).
      expect(await ids({}, { 'scores.s': 1, _id: 1 })).toEqual([3, 4, 2, 1]);
      expect(await ids({}, { 'scores.s': -1, _id: 1 })).toEqual([1, 2, 3, 4]);
    });

    it('applies skip, limit and projection, keeping the stored field order', async () => {
      const coll = h.db.collection<Loose>('people');
      const docs = await coll.find({}, { projection: { city: 1, name: 1 } }).sort({ _id: 1 }).skip(1).limit(2).toArray();
      expect(docs).toEqual([
        { _id: 2, name: 'Bob', city: 'Gouda' },
        { _id: 3, name: 'Cy', city: 'Gouda' },
      ]);
      expect(Object.keys(docs[0])).toEqual(['_id', 'name', 'city']);
      const excluded = await coll.findOne({ _id: 1 }, { projection: { scores: 0, tags: 0, _id: 0 } });
      expect(excluded).toEqual({ name: 'Ada', age: 36, city: 'Utrecht', at: new Date('2024-01-03') });
      const sliced = await coll.findOne({ _id: 1 }, { projection: { scores: { $slice: 1 }, name: 1 } });
      expect(sliced).toEqual({ _id: 1, name: 'Ada', scores: [{ s: 5 }] });
    });

    it('rejects mixed inclusion/exclusion projections and unknown operators', async () => {
      const coll = h.db.collection<Loose>('people');
      expect((await errorOf(() => coll.findOne({}, { projection: { name: 1, age: 0 } }))).code).toBe(31254);
      const err = await errorOf(() => coll.findOne({ age: { $bogus: 1 } }));
      expect(err.code).toBe(2);
      expect(err.message).toBe('unknown operator: $bogus');
    });

    it('counts and lists distinct values', async () => {
      const coll = h.db.collection<Loose>('people');
      expect(await coll.countDocuments({ age: 36 })).toBe(2);
      expect(await coll.countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
      expect(await coll.estimatedDocumentCount()).toBe(4);
      expect(await h.db.command({ count: 'people', query: { city: 'Gouda' } })).toEqual({ n: 2, ok: 1 });
      expect(await coll.distinct('city')).toEqual(['Gouda', 'Utrecht']);
      expect(await coll.distinct('tags')).toEqual(['x', 'y']);
      expect(await coll.distinct('scores.s', { age: { $lt: 40 } })).toEqual([3, 5, 9]);
    });

    it('compares like MongoDB, not like JavaScript', async () => {
      const coll = h.db.collection<Loose>('exact');
      await coll.insertMany([
        { _id: 1, doc: { x: 1, y: 2 }, n: Long.fromNumber(9), s: 'Zebra' },
        { _id: 2, doc: { y: 2, x: 1 }, n: Long.fromNumber(10), s: 'apple' },
        { _id: 3, doc: { x: 1 }, n: 9.5, s: 'Äpfel' },
      ]);
      const ids = async (filter: object) => (await coll.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
      // Embedded documents are equal only with the same field order.
      expect(await ids({ doc: { x: 1, y: 2 } })).toEqual([1]);
      expect(await ids({ doc: { $in: [{ y: 2, x: 1 }] } })).toEqual([2]);
      // Long and double compare numerically.
      expect(await ids({ n: { $gt: 9 } })).toEqual([2, 3]);
      expect(await ids({ n: 10 })).toEqual([2]);
      expect(await ids({ n: { $lte: Long.fromNumber(9) } })).toEqual([1]);
      // Type bracketing: numbers never compare with strings.
      expect(await ids({ s: { $gt: 5 } })).toEqual([]);
      // Binary (UTF-8 byte) string order, no collation: 'Z' < 'a' < 'Ä'.
      expect((await coll.find().sort({ s: 1 }).toArray()).map((d) => d._id)).toEqual([1, 2, 3]);
      expect(await ids({ n: { $type: 'long' } })).toEqual([1, 2]);
      expect(await ids({ n: { $type: 'double' } })).toEqual([3]);
      expect(await ids({ _id: { $type: 'int' } })).toEqual([1, 2, 3]);
    });

    it('returns an empty result for a collection that does not exist', async () => {
      expect(await h.db.collection<Loose>('nope').find({}).toArray()).toEqual([]);
      expect(await h.db.collection<Loose>('nope').countDocuments()).toBe(0);
    });
  });

  describe('update', () => {
    it('applies $set with dotted paths, $inc, $unset, $min/$max, $push, $addToSet, $pull, $rename', async () => {
      const coll = h.db.collection<Loose>('upd_ops');
      const { insertedId } = await coll.insertOne({ answers: {}, n: 1, gone: true, lo: 5, hi: 5, list: [1], set: ['a'], old: 'v' });
      const result = await coll.updateOne(
        { _id: insertedId },
        {
          $set: { 'answers.A1-s1': 4, 'meta.by': 'me' },
          $inc: { n: 2, fresh: 1 },
          $unset: { gone: '' },
          $min: { lo: 3 },
          $max: { hi: 3 },
          $push: { list: { $each: [3, 2], $sort: 1 } },
          $addToSet: { set: { $each: ['a', 'b'] } },
          $rename: { old: 'renamed' },
        } as Document as UpdateFilter<Loose>,
      );
      expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
      const doc = await coll.findOne({ _id: insertedId });
      expect(doc).toEqual({
        _id: insertedId,
        answers: { 'A1-s1': 4 },
        n: 3,
        lo: 3,
        hi: 5,
        list: [1, 2, 3],
        set: ['a', 'b'],
        fresh: 1,
        meta: { by: 'me' },
        renamed: 'v',
      });
      await coll.updateOne({ _id: insertedId }, { $pull: { list: { $gte: 2 } }, $pop: { set: -1 } } as Document as UpdateFilter<Loose>);
      expect(await coll.findOne({ _id: insertedId }, { projection: { list: 1, set: 1, _id: 0 } })).toEqual({ list: [1], set: ['b'] });
    });

    it('reports nModified 0 when nothing changes', async () => {
      const coll = h.db.collection<Loose>('upd_noop');
      await coll.insertOne({ _id: 1, a: 1 });
      expect(await coll.updateOne({ _id: 1 }, { $set: { a: 1 } })).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    });

    it('updates one or many (multi)', async () => {
      const coll = h.db.collection<Loose>('upd_multi');
      await coll.insertMany([{ g: 1 }, { g: 1 }, { g: 2 }]);
      expect(await coll.updateOne({ g: 1 }, { $set: { seen: true } })).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
      expect(await coll.updateMany({ g: 1 }, { $set: { seen: true } })).toMatchObject({ matchedCount: 2, modifiedCount: 1 });
      expect(await coll.countDocuments({ seen: true })).toBe(2);
    });

    it('replaces documents, keeping _id', async () => {
      const coll = h.db.collection<Loose>('upd_replace');
      await coll.insertOne({ _id: 7, a: 1, b: 2 });
      await coll.replaceOne({ _id: 7 }, { c: 3 });
      expect(await coll.findOne({ _id: 7 })).toEqual({ _id: 7, c: 3 });
      const err = await errorOf(() => coll.replaceOne({ _id: 7 }, { _id: 8, c: 3 }));
      expect(err.code).toBe(66);
    });

    it('upserts from the equality fields of the filter plus the update, reporting upsertedId', async () => {
      const coll = h.db.collection<Loose>('upd_upsert');
      const res = await coll.updateOne(
        { surveyId: 's1', 'who.user': 'u1', round: { $eq: 2 }, score: { $gt: 1 } },
        { $set: { 'answers.q1': 'yes' }, $setOnInsert: { createdAt: new Date(5) }, $inc: { edits: 1 } },
        { upsert: true },
      );
      expect(res.upsertedCount).toBe(1);
      expect(res.upsertedId).toBeInstanceOf(ObjectId);
      const doc = await coll.findOne({ _id: res.upsertedId! });
      expect(doc).toEqual({
        _id: res.upsertedId,
        surveyId: 's1',
        who: { user: 'u1' },
        round: 2,
        answers: { q1: 'yes' },
        createdAt: new Date(5),
        edits: 1,
      });
      // Second time it matches: $setOnInsert is ignored.
      const again = await coll.updateOne(
        { surveyId: 's1', 'who.user': 'u1' },
        { $set: { 'answers.q2': 'no' }, $setOnInsert: { createdAt: new Date(9) }, $inc: { edits: 1 } },
        { upsert: true },
      );
      expect(again).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
      expect(await coll.findOne({ surveyId: 's1' }, { projection: { _id: 0, createdAt: 1, edits: 1, answers: 1 } })).toEqual({
        answers: { q1: 'yes', q2: 'no' },
        createdAt: new Date(5),
        edits: 2,
      });
    });

    it('upserts with a replacement document and the filter _id', async () => {
      const coll = h.db.collection<Loose>('upd_upsert_repl');
      const res = await coll.replaceOne({ _id: 'k', ignored: 1 }, { v: 1 }, { upsert: true });
      expect(res.upsertedId).toBe('k');
      expect(await coll.findOne({ _id: 'k' })).toEqual({ _id: 'k', v: 1 });
    });

    it('supports arrayFilters and the positional $ operator', async () => {
      const coll = h.db.collection<Loose>('upd_arrays');
      await coll.insertOne({ _id: 1, grades: [{ g: 80, n: 0 }, { g: 95, n: 0 }, { g: 99, n: 0 }] });
      await coll.updateOne({ _id: 1 }, { $inc: { 'grades.$[hi].n': 1 } }, { arrayFilters: [{ 'hi.g': { $gte: 90 } }] });
      await coll.updateOne({ _id: 1, 'grades.g': 80 }, { $set: { 'grades.$.n': 7 } });
      await coll.updateOne({ _id: 1 }, { $inc: { 'grades.$[].g': 1 } });
      expect((await coll.findOne({ _id: 1 }))!.grades).toEqual([
        { g: 81, n: 7 },
        { g: 96, n: 1 },
        { g: 100, n: 1 },
      ]);
    });

    it('supports pipeline-style updates', async () => {
      const coll = h.db.collection<Loose>('upd_pipeline');
      await coll.insertOne({ _id: 1, a: 2, b: 3 });
      await coll.updateOne({ _id: 1 }, [{ $set: { sum: { $add: ['$a', '$b'] } } }, { $unset: 'b' }]);
      expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, a: 2, sum: 5 });
    });

    it('fails like MongoDB on type errors, conflicts and _id changes', async () => {
      const coll = h.db.collection<Loose>('upd_errors');
      await coll.insertOne({ _id: 1, s: 'text', n: 1 });
      const inc = await errorOf(() => coll.updateOne({ _id: 1 }, { $inc: { s: 1 } }));
      expect(inc.code).toBe(14);
      expect(inc.message).toBe("Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field 's' of non-numeric type string");
      expect((await errorOf(() => coll.updateOne({ _id: 1 }, { $push: { s: 1 } } as Document as UpdateFilter<Loose>))).code).toBe(2);
      expect((await errorOf(() => coll.updateOne({ _id: 1 }, { $set: { 's.x': 1 } }))).code).toBe(28);
      const conflict = await errorOf(() => coll.updateOne({ _id: 1 }, { $set: { n: 2 }, $inc: { n: 1 } }));
      expect(conflict.code).toBe(40);
      expect((await errorOf(() => coll.updateOne({ _id: 1 }, { $set: { _id: 2 } }))).code).toBe(66);
      const unknown = await errorOf(() => h.db.command({ update: 'upd_errors', updates: [{ q: {}, u: { $foo: { a: 1 } } }] }).then((r) => {
        if (r.writeErrors) throw Object.assign(new Error(r.writeErrors[0].errmsg), { code: r.writeErrors[0].code });
      }));
      expect(unknown.code).toBe(9);
      expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, s: 'text', n: 1 });
    });
  });

  describe('delete', () => {
    it('deletes one (limit 1) or all matches (limit 0)', async () => {
      const coll = h.db.collection<Loose>('del');
      await coll.insertMany([{ k: 1 }, { k: 1 }, { k: 1 }, { k: 2 }]);
      expect(await coll.deleteOne({ k: 1 })).toEqual({ acknowledged: true, deletedCount: 1 });
      expect(await coll.deleteMany({ k: 1 })).toEqual({ acknowledged: true, deletedCount: 2 });
      expect(await h.db.command({ delete: 'del', deletes: [{ q: {}, limit: 0 }] })).toEqual({ n: 1, ok: 1 });
      const bad = await errorOf(() => h.db.command({ delete: 'del', deletes: [{ q: {}, limit: 5 }] }));
      expect(bad.code).toBe(9);
    });
  });

  describe('bulkWrite', () => {
    it('runs mixed operations through insert/update/delete commands', async () => {
      const coll = h.db.collection<Loose>('bulk');
      h.commands.length = 0;
      const res = await coll.bulkWrite([
        { insertOne: { document: { _id: 1, v: 1 } } },
        { insertOne: { document: { _id: 2, v: 2 } } },
        { updateOne: { filter: { _id: 1 }, update: { $inc: { v: 10 } } } },
        { updateOne: { filter: { _id: 3 }, update: { $set: { v: 3 } }, upsert: true } },
        { deleteOne: { filter: { _id: 2 } } },
      ]);
      expect(res).toMatchObject({ insertedCount: 2, matchedCount: 1, modifiedCount: 1, upsertedCount: 1, deletedCount: 1 });
      expect(h.commands.map((c) => c.commandName)).toEqual(['insert', 'update', 'delete']);
      expect(await coll.find().sort({ _id: 1 }).toArray()).toEqual([
        { _id: 1, v: 11 },
        { _id: 3, v: 3 },
      ]);
    });
  });
});
