/**
 * Index-backed candidate selection must never change a result: every query below runs once
 * through the indexes and once as a forced collection scan (`hint: { $natural: 1 }`, which is what
 * every query did before indexes were used), or against a twin collection without indexes, and
 * must return the same documents in the same order.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Long, MongoClient, type Collection as DriverCollection, type Db, type Document, type Filter, type IndexDescription, type Sort } from 'mongodb';
import { Collection } from './collection';
import { normalizeIndexSpec } from './index-spec';
import { startEmbeddedMongo } from './index';
import { startHarness, type Harness, type Loose } from './test-harness';

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be reproduced. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE = Date.UTC(2026, 0, 1);
const NOW = new Date(BASE + 25_000);
const LATER = new Date(BASE + 40_000);
const STATUSES = ['pending', 'running', 'done', 'failed'];

/** Documents with the awkward cases: missing/null/array fields, Long vs number, ties, field order. */
function makeDocs(seed: number, n: number): Loose[] {
  const rand = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const docs: Loose[] = [];
  for (let i = 0; i < n; i++) {
    // _id order differs from insertion (natural) order, so tie-breaks by either would differ.
    const doc: Loose = { _id: `id-${String((i * 37) % n).padStart(4, '0')}` };
    const r = rand();
    if (r < 0.05) doc.status = null;
    else if (r < 0.1) doc.status = [pick(STATUSES), pick(STATUSES)];
    else if (r >= 0.15) doc.status = pick(STATUSES);
    const t = rand();
    if (t < 0.05) doc.runAt = Math.floor(rand() * 50);
    else if (t >= 0.08) doc.runAt = new Date(BASE + Math.floor(rand() * 50) * 1000);
    doc.kind = pick(['a', 'b', 'c']);
    const k = Math.floor(rand() * 10);
    doc.n = rand() < 0.3 ? Long.fromNumber(k) : k;
    const p = rand();
    doc.p = p < 0.2 ? [{ r: pick(['r1', 'r2']) }, { r: pick(['r2', 'r3']) }] : p < 0.3 ? { r: ['r1', 'r3'] } : p < 0.35 ? { x: 1 } : { r: pick(['r1', 'r2', 'r3']) };
    doc.tags = STATUSES.slice(0, Math.floor(rand() * 3)).map((s) => s[0]);
    doc.sub = rand() < 0.5 ? { a: k % 3, b: 1 } : { b: 1, a: k % 3 };
    docs.push(doc);
  }
  return docs;
}

const INDEXES: IndexDescription[] = [
  { key: { status: 1, runAt: 1 }, name: 'status_runAt' },
  { key: { 'p.r': 1, kind: 1 }, name: 'p_r_kind' },
  { key: { tags: 1 }, name: 'tags' },
  { key: { n: 1 }, name: 'n' },
  { key: { sub: 1 }, name: 'sub' },
  // Must not be used: they leave documents out.
  { key: { n: 1, kind: 1 }, name: 'n_kind_sparse', sparse: true },
  { key: { kind: 1, runAt: 1 }, name: 'kind_runAt_partial', partialFilterExpression: { status: 'pending' } },
];

const FILTERS: Document[] = [
  { status: 'pending' },
  { status: 'pending', runAt: { $lte: NOW } },
  { status: 'running', runAt: { $lt: NOW } },
  { status: 'pending', runAt: { $gte: NOW, $lt: LATER } },
  { status: { $in: ['pending', 'failed'] } },
  { status: { $in: ['pending', null] } },
  { status: { $in: [/^p/, 'done'] } },
  { status: { $in: [] } },
  { status: { $eq: 'done' }, kind: 'b' },
  { status: null },
  { status: ['pending', 'done'] },
  { status: 'pending', $or: [{ kind: 'a' }, { n: 2 }] },
  { $and: [{ status: 'pending' }, { kind: 'a' }] },
  { 'p.r': 'r1' },
  { 'p.r': { $in: ['r1', 'r3'] }, kind: 'a' },
  { 'p.r': 'r2', kind: { $in: ['a', 'c'] } },
  { 'p.0.r': 'r1' },
  { tags: 'p' },
  { tags: { $in: ['r', 'd'] } },
  { tags: [] },
  { n: 3 },
  { n: Long.fromNumber(3) },
  { n: { $in: [1, Long.fromNumber(2)] } },
  { n: { $gte: 5 } },
  { sub: { a: 1, b: 1 } },
  { sub: { b: 1, a: 1 } },
  { _id: 'id-0005' },
  { _id: { $in: ['id-0001', 'id-0100', 'nope'] }, status: 'pending' },
  { kind: 'a', runAt: { $gt: NOW } },
  { kind: 'a', status: 'pending' },
];

const SHAPES: Array<{ sort?: Sort; limit?: number; skip?: number }> = [
  {},
  { limit: 1 },
  { sort: { runAt: 1, _id: 1 }, limit: 1 },
  { sort: { runAt: 1 }, limit: 3 },
  { sort: { runAt: -1 } },
  { sort: { tags: 1, runAt: 1 }, skip: 1, limit: 2 },
];

async function ids(coll: DriverCollection<Loose>, filter: Document, shape: (typeof SHAPES)[number], scan: boolean): Promise<unknown[]> {
  const cursor = coll.find(filter as Filter<Loose>, { sort: shape.sort, limit: shape.limit, skip: shape.skip });
  if (scan) cursor.hint({ $natural: 1 });
  return (await cursor.toArray()).map((d) => d._id);
}

/** Every filter × shape, through the indexes and as a scan; also `count`. */
async function expectSameAsScan(db: Db, collName: string): Promise<void> {
  const coll = db.collection<Loose>(collName);
  for (const filter of FILTERS) {
    for (const shape of SHAPES) {
      const viaIndex = await ids(coll, filter, shape, false);
      const viaScan = await ids(coll, filter, shape, true);
      expect({ filter, shape, ids: viaIndex }).toEqual({ filter, shape, ids: viaScan });
    }
    const counts = await Promise.all([
      db.command({ count: collName, query: filter }),
      db.command({ count: collName, query: filter, hint: { $natural: 1 } }),
    ]);
    expect({ filter, n: counts[0].n }).toEqual({ filter, n: counts[1].n });
  }
}

async function seed(db: Db, name: string, docs: Loose[], withIndexes: boolean): Promise<DriverCollection<Loose>> {
  const coll = db.collection<Loose>(name);
  if (withIndexes) await coll.createIndexes(INDEXES);
  await coll.insertMany(docs.map((d) => ({ ...d })));
  return coll;
}

async function allDocs(coll: DriverCollection<Loose>): Promise<Loose[]> {
  return coll.find({}).toArray();
}

describe('embedded-mongo: index-backed candidate selection', () => {
  describe('which candidates an index yields (Collection)', () => {
    const make = () => {
      const coll = new Collection('db', 'c', {}, () => undefined);
      for (const spec of INDEXES) coll.createIndex(normalizeIndexSpec(spec));
      makeDocs(1, 200).forEach((d) => coll.insert(d));
      return coll;
    };
    const countWhere = (coll: Collection, pred: (d: Document) => boolean) => coll.documents().filter(pred).length;

    it('narrows an equality on an index prefix to exactly the documents holding that key', () => {
      const coll = make();
      const pending = (d: Document) => d.status === 'pending' || (Array.isArray(d.status) && d.status.includes('pending'));
      expect(coll.candidates({ status: 'pending', runAt: { $lte: NOW } }, true)).toHaveLength(countWhere(coll, pending));
      expect(coll.candidates({ _id: 'id-0005' }, true)!.map((d) => d._id)).toEqual(['id-0005']);
      expect(coll.candidates({ status: { $in: ['pending', 'done'] } }, true)!.length).toBeLessThan(coll.size);
    });

    it('returns candidates in natural order when asked', () => {
      const coll = make();
      const natural = coll.documents().map((d) => d._id);
      const found = coll.candidates({ status: 'done' }, true)!.map((d) => d._id);
      expect(found).toEqual(natural.filter((id) => found.includes(id)));
    });

    it('does not use null, arrays, regexes, numeric paths, sparse or partial indexes', () => {
      const coll = make();
      for (const filter of [{ status: null }, { status: ['pending'] }, { status: { $in: [/^p/] } }, { 'p.0.r': 'r1' }, { kind: 'a' }, { n: { $gt: 1 } }, {}]) {
        expect({ filter, candidates: coll.candidates(filter, true) }).toEqual({ filter, candidates: undefined });
      }
      // The sparse {n, kind} index would come first for this filter; only the plain {n} index may answer.
      expect(coll.candidates({ n: 3, kind: 'a' }, true)!.length).toBe(countWhere(coll, (d) => Number(String(d.n)) === 3));
    });

    it('follows updates, deletes and dropped indexes', () => {
      const coll = make();
      const doc = coll.candidates({ status: 'pending' }, true)![0];
      coll.replace(doc, { ...doc, status: 'running' });
      expect(coll.candidates({ status: 'pending' }, true)!.map((d) => d._id)).not.toContain(doc._id);
      expect(coll.candidates({ status: 'running' }, true)!.map((d) => d._id)).toContain(doc._id);
      const running = coll.findById(doc._id)!;
      coll.delete(running);
      expect(coll.candidates({ status: 'running' }, true)!.map((d) => d._id)).not.toContain(doc._id);
      // An array inside an array at an indexed path: the matcher flattens it further than keys do.
      const nested = { _id: 'nested', status: 'pending', p: { r: [['r1']] }, kind: 'a' };
      coll.insert(nested);
      expect(coll.candidates({ 'p.r': 'r1', kind: 'a' }, true)).toBeUndefined();
      coll.delete(nested);
      expect(coll.candidates({ 'p.r': 'r1', kind: 'a' }, true)).toBeDefined();
      coll.dropIndex('status_runAt');
      expect(coll.candidates({ status: 'running' }, true)).toBeUndefined();
    });
  });

  describe('through the driver', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness();
    });
    afterEach(async () => {
      await h.close();
    });

    it('find and count return the same documents in the same order as a collection scan', async () => {
      await seed(h.db, 'jobs', makeDocs(7, 300), true);
      await expectSameAsScan(h.db, 'jobs');
    });

    it('stays a scan while documents hold arrays inside arrays at an indexed path', async () => {
      const coll = await seed(h.db, 'nested', makeDocs(9, 50), true);
      await coll.insertMany([{ _id: 'n1', p: { r: [['r1']] }, kind: 'a' }, { _id: 'n2', p: [{ r: [['r2']] }], kind: 'b' }]);
      await expectSameAsScan(h.db, 'nested');
    });

    it('claims, releases, updates and deletes behave exactly like on a collection without indexes', async () => {
      const docs = makeDocs(11, 300);
      const indexed = await seed(h.db, 'indexed', docs, true);
      const plain = await seed(h.db, 'plain', docs, false);
      const rand = prng(5);
      for (let step = 0; step < 150; step++) {
        const r = rand();
        const run = async (coll: DriverCollection<Loose>): Promise<unknown> => {
          if (r < 0.35) {
            // The job claim: the due pending job with the earliest runAt; the update moves it out of the prefix.
            const sort: Sort = step % 2 ? { runAt: 1, _id: 1 } : { runAt: 1 };
            const claimed = await coll.findOneAndUpdate({ status: 'pending', runAt: { $lte: NOW } }, { $set: { status: 'running', leaseUntil: step } }, { sort, returnDocument: 'after' });
            return claimed?._id ?? null;
          }
          if (r < 0.5) {
            // A release: back to pending with a new runAt (changes both indexed fields).
            const res = await coll.updateOne({ status: 'running' }, { $set: { status: 'pending', runAt: new Date(BASE + (step % 30) * 1000) } });
            return [res.matchedCount, res.modifiedCount];
          }
          if (r < 0.6) return (await coll.updateMany({ 'p.r': 'r2', kind: 'b' }, { $set: { p: { r: 'r3' } } })).modifiedCount;
          if (r < 0.7) return (await coll.updateOne({ tags: 'p' }, { $pull: { tags: 'p' } as Document })).modifiedCount;
          if (r < 0.8) return (await coll.deleteOne({ status: 'done' })).deletedCount;
          if (r < 0.85) return (await coll.findOneAndDelete({ status: { $in: ['failed', 'running'] } }, { sort: { runAt: -1 } }))?._id ?? null;
          if (r < 0.9) return (await coll.updateOne({ _id: `id-${String(step).padStart(4, '0')}` }, { $set: { status: 'done' } })).modifiedCount;
          return (await coll.findOneAndUpdate({ status: 'pending', kind: 'x', _id: `ups-${step % 5}` }, { $set: { runAt: NOW } }, { upsert: true, returnDocument: 'after' }))?._id;
        };
        // A failure (e.g. E11000 from the upsert) is a result too, and must be the same on both.
        const outcome = (coll: DriverCollection<Loose>) => run(coll).catch((e: { code?: number }) => ({ error: e.code }));
        const [a, b] = [await outcome(indexed), await outcome(plain)];
        expect({ step, result: a }).toEqual({ step, result: b });
      }
      expect(await allDocs(indexed)).toEqual(await allDocs(plain));
      await expectSameAsScan(h.db, 'indexed');
    });

    it('selects the top documents of a large sorted match correctly (sort + limit)', async () => {
      const coll = h.db.collection<Loose>('big');
      await coll.createIndex({ status: 1, runAt: 1 });
      // Many ties on runAt: the tie-break is natural order, as in a full sort.
      await coll.insertMany(Array.from({ length: 2000 }, (_, i) => ({ _id: 3000 - i, status: i % 3 ? 'pending' : 'done', runAt: new Date(BASE + (i % 17) * 1000) })));
      for (const sort of [{ runAt: 1 }, { runAt: -1 }, { runAt: 1, _id: 1 }] as Sort[]) {
        for (const limit of [1, 5, 50]) {
          const viaIndex = await coll.find({ status: 'pending' }, { sort, limit }).toArray();
          const viaScan = await coll.find({ status: 'pending' }, { sort, limit }).hint({ $natural: 1 }).toArray();
          expect(viaIndex).toEqual(viaScan);
        }
      }
    });
  });

  describe('after a restart from a data directory', () => {
    const dirs: string[] = [];
    afterAll(() => {
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    });

    async function withServer(dataDir: string, fn: (db: Db) => Promise<void>): Promise<void> {
      const server = await startEmbeddedMongo({ dataDir });
      const client = new MongoClient(server.uri);
      try {
        await client.connect();
        await fn(client.db('demo'));
      } finally {
        await client.close();
        await server.stop();
      }
    }

    it('rebuilds the postings from the snapshot and from the journal', async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-idx-'));
      const crashCopy = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-idx-'));
      dirs.push(dataDir, crashCopy);
      const mutate = async (db: Db, round: number) => {
        const coll = db.collection<Loose>('jobs');
        await coll.updateMany({ status: 'pending', kind: 'a' }, { $set: { status: 'done' } });
        await coll.deleteMany({ status: 'failed', kind: 'b' });
        await coll.updateMany({ 'p.r': 'r1' }, { $set: { kind: `k${round}` } });
        await coll.insertMany(makeDocs(100 + round, 20).map((d) => ({ ...d, _id: `${round}-${String(d._id)}` })));
      };
      await withServer(dataDir, async (db) => {
        await seed(db, 'jobs', makeDocs(3, 200), true);
        await mutate(db, 1);
      });
      // Clean restart: snapshot load. Then writes that only the journal holds, copied mid-run (a crash).
      await withServer(dataDir, async (db) => {
        await expectSameAsScan(db, 'jobs');
        await mutate(db, 2);
        for (const name of fs.readdirSync(dataDir)) {
          if (!name.endsWith('.lock')) fs.copyFileSync(path.join(dataDir, name), path.join(crashCopy, name));
        }
      });
      await withServer(crashCopy, async (db) => {
        await expectSameAsScan(db, 'jobs');
        expect(await db.collection<Loose>('jobs').countDocuments({ kind: 'k2' })).toBeGreaterThan(0);
      });
    });
  });
});
