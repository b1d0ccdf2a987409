import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Binary, Long, MongoClient, ObjectId } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from './index';
import { errorOf, type Loose } from './test-harness';

describe('embedded-mongo: persistence (dataDir)', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  async function withServer<T>(dataDir: string, fn: (client: MongoClient, server: EmbeddedMongo) => Promise<T>, logger?: { info: jest.Mock; warn: jest.Mock }): Promise<T> {
    const server = await startEmbeddedMongo({ dataDir, logger });
    const client = new MongoClient(server.uri, { promoteLongs: false });
    try {
      await client.connect();
      return await fn(client, server);
    } finally {
      await client.close();
      await server.stop();
    }
  }

  it('keeps documents, types, collections and indexes across stop/start', async () => {
    const dataDir = tempDir();
    const id = new ObjectId();
    await withServer(dataDir, async (client) => {
      const db = client.db('demo');
      await db.collection<Loose>('responses').createIndex({ surveyId: 1, userId: 1 }, { unique: true });
      await db.collection<Loose>('responses').createIndex({ expiresAt: 1 }, { expireAfterSeconds: 3600 });
      await db.collection<Loose>('responses').insertOne({
        _id: id,
        surveyId: 's',
        userId: 'u',
        answers: { 'A1-s1': 3 },
        at: new Date(123456),
        big: Long.fromString('9007199254740993'),
        bin: new Binary(Buffer.from('zorg')),
        ratio: 0.25,
      });
      await db.collection<Loose>('responses').updateOne({ _id: id }, { $set: { 'answers.A2': 'x' } });
      await db.collection<Loose>('gone').insertOne({ a: 1 });
      await db.collection<Loose>('gone').drop();
      await db.createCollection('empty');
      await client.db('scratch').collection('x').insertOne({ a: 1 });
      await client.db('scratch').dropDatabase();
    });

    await withServer(dataDir, async (client) => {
      const db = client.db('demo');
      const doc = await db.collection<Loose>('responses').findOne({ _id: id });
      expect(doc).toEqual({
        _id: id,
        surveyId: 's',
        userId: 'u',
        answers: { 'A1-s1': 3, A2: 'x' },
        at: new Date(123456),
        big: Long.fromString('9007199254740993'),
        bin: new Binary(Buffer.from('zorg')),
        ratio: 0.25,
      });
      expect((await db.listCollections().toArray()).map((c) => c.name).sort()).toEqual(['empty', 'responses']);
      expect(await db.collection<Loose>('responses').listIndexes().toArray()).toEqual([
        { v: 2, key: { _id: 1 }, name: '_id_' },
        { v: 2, key: { surveyId: 1, userId: 1 }, name: 'surveyId_1_userId_1', unique: true },
        { v: 2, key: { expiresAt: 1 }, name: 'expiresAt_1', expireAfterSeconds: 3600 },
      ]);
      const dup = await errorOf(() => db.collection<Loose>('responses').insertOne({ surveyId: 's', userId: 'u' }));
      expect(dup.code).toBe(11000);
      const dbs = (await client.db().admin().listDatabases({ nameOnly: true })).databases.map((d) => d.name);
      expect(dbs).toEqual(['demo']);
    });
  });

  it('makes every acknowledged write durable before replying (journal, no clean shutdown needed)', async () => {
    const dataDir = tempDir();
    const crashCopy = tempDir();
    await withServer(dataDir, async (client) => {
      const coll = client.db('demo').collection<Loose>('events');
      await coll.createIndex({ key: 1 }, { unique: true });
      for (let i = 0; i < 20; i++) await coll.insertOne({ key: i });
      await coll.updateMany({ key: { $lt: 5 } }, { $set: { early: true } });
      await coll.deleteOne({ key: 19 });
      // Copy the files while the server is still running: this is what a crash would leave.
      for (const name of fs.readdirSync(dataDir)) {
        if (!name.endsWith('.lock')) fs.copyFileSync(path.join(dataDir, name), path.join(crashCopy, name));
      }
    });
    await withServer(crashCopy, async (client) => {
      const coll = client.db('demo').collection<Loose>('events');
      expect(await coll.countDocuments()).toBe(19);
      expect(await coll.countDocuments({ early: true })).toBe(5);
      expect((await errorOf(() => coll.insertOne({ key: 3 }))).code).toBe(11000);
    });
  });

  it('ignores a torn record at the end of the journal (a write that was never acknowledged)', async () => {
    const dataDir = tempDir();
    await withServer(dataDir, async (client) => {
      await client.db('demo').collection<Loose>('c').insertOne({ a: 1 });
    });
    const journal = fs.readdirSync(dataDir).find((n) => n.startsWith('embedded-mongo.journal.'))!;
    fs.appendFileSync(path.join(dataDir, journal), Buffer.from([1, 2, 3, 4, 200, 0, 0, 0, 3]));
    const logger = { info: jest.fn(), warn: jest.fn() };
    await withServer(
      dataDir,
      async (client) => {
        expect(await client.db('demo').collection<Loose>('c').countDocuments()).toBe(1);
        await client.db('demo').collection<Loose>('c').insertOne({ a: 2 });
      },
      logger,
    );
    expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ bytes: 9 }), expect.stringMatching(/torn record/));
    await withServer(dataDir, async (client) => {
      expect(await client.db('demo').collection<Loose>('c').countDocuments()).toBe(2);
    });
  });

  it('refuses to start on a damaged snapshot instead of serving partial data', async () => {
    const dataDir = tempDir();
    await withServer(dataDir, async (client) => {
      await client.db('demo').collection<Loose>('c').insertMany(Array.from({ length: 10 }, (_, i) => ({ i, pad: 'x'.repeat(50) })));
    });
    const snapshot = path.join(dataDir, 'embedded-mongo.snapshot');
    const bytes = fs.readFileSync(snapshot);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    fs.writeFileSync(snapshot, bytes);
    await expect(startEmbeddedMongo({ dataDir })).rejects.toThrow(/damaged record/);
  });

  it('lets only one server use a data directory at a time', async () => {
    const dataDir = tempDir();
    const first = await startEmbeddedMongo({ dataDir });
    try {
      await expect(startEmbeddedMongo({ dataDir })).rejects.toThrow(/already used/);
    } finally {
      await first.stop();
    }
    const again = await startEmbeddedMongo({ dataDir });
    await again.stop();
  });
});
