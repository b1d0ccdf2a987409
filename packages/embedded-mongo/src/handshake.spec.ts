import { Long, MongoClient } from 'mongodb';
import { errorOf, startHarness, type Harness, type Loose } from './test-harness';

describe('embedded-mongo: handshake and server commands', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('is discovered by the driver as a standalone MongoDB 7.0 (legacy OP_QUERY handshake, then OP_MSG)', async () => {
    // `topology` is internal to the driver (not in its typings), but it is what the driver believes.
    const { topology } = h.client as unknown as {
      topology?: { description: { type: string; servers: Map<string, { type: string; maxWireVersion: number }> } };
    };
    const description = topology?.description;
    expect(description?.type).toBe('Single');
    const server = Array.from(description?.servers.values() ?? [])[0];
    expect(server.type).toBe('Standalone');
    expect(server.maxWireVersion).toBe(21);
  });

  it('answers hello over OP_MSG like a standalone server', async () => {
    const hello = await h.db.admin().command({ hello: 1 });
    expect(hello).toMatchObject({
      isWritablePrimary: true,
      helloOk: true,
      maxWireVersion: 21,
      minWireVersion: 0,
      maxBsonObjectSize: 16 * 1024 * 1024,
      maxMessageSizeBytes: 48_000_000,
      maxWriteBatchSize: 100_000,
      logicalSessionTimeoutMinutes: 30,
      ok: 1,
    });
    expect(hello.localTime).toBeInstanceOf(Date);
    expect(typeof hello.connectionId).toBe('number');
    expect(hello).not.toHaveProperty('setName');
    expect(hello).not.toHaveProperty('compression');
  });

  it('answers the legacy isMaster name with ismaster: true', async () => {
    const reply = await h.db.admin().command({ isMaster: 1 });
    expect(reply.ismaster).toBe(true);
    const lower = await h.db.admin().command({ ismaster: 1 });
    expect(lower.ismaster).toBe(true);
  });

  it('answers ping and buildInfo', async () => {
    expect(await h.db.admin().ping()).toEqual({ ok: 1 });
    const info = await h.db.admin().buildInfo();
    expect(info.version).toBe('7.0.0');
    expect(info.versionArray).toEqual([7, 0, 0, 0]);
  });

  it('refuses unknown commands with CommandNotFound (59)', async () => {
    const err = await errorOf(() => h.db.command({ someUnknownThing: 1 }));
    expect(err.code).toBe(59);
    expect(err.codeName).toBe('CommandNotFound');
    expect(err.message).toBe("no such command: 'someUnknownThing'");
  });

  it('rejects unknown fields of a known command like the server IDL parser', async () => {
    const err = await errorOf(() => h.db.command({ find: 'x', bogusOption: true }));
    expect(err.code).toBe(40415);
    expect(err.message).toBe("BSON field 'find.bogusOption' is an unknown field.");
  });

  it('refuses transactions clearly', async () => {
    const err = await errorOf(() =>
      h.db.command({ insert: 'tx', documents: [{ a: 1 }], txnNumber: Long.fromNumber(1), startTransaction: true, autocommit: false }),
    );
    expect(err.code).toBe(20);
    expect(err.codeName).toBe('IllegalOperation');
    expect(err.message).toMatch(/Transaction numbers are only allowed on a replica set member or mongos/);
    expect(await h.db.collection<Loose>('tx').countDocuments()).toBe(0);
  });

  it('ignores lsid, $readPreference, readConcern, writeConcern and apiVersion fields', async () => {
    const reply = await h.db.command({
      find: 'nothing',
      filter: {},
      readConcern: { level: 'local' },
      $readPreference: { mode: 'primary' },
      maxTimeMS: 1000,
      comment: 'hello',
    });
    expect(reply.ok).toBe(1);
    const withApi = new MongoClient(h.server.uri, { serverApi: { version: '1' } });
    await withApi.connect();
    try {
      expect(await withApi.db('test').command({ ping: 1 })).toEqual({ ok: 1 });
      await withApi.db('test').collection('api').insertOne({ a: 1 }, { writeConcern: { w: 1, j: true } });
      expect(await withApi.db('test').collection('api').countDocuments()).toBe(1);
    } finally {
      await withApi.close();
    }
  });

  it('executes unacknowledged (w: 0, moreToCome) writes without replying', async () => {
    const coll = h.db.collection<Loose>('unacked');
    const result = await coll.insertOne({ fireAndForget: true }, { writeConcern: { w: 0 } });
    expect(result.acknowledged).toBe(false);
    // The next command on the same server is processed after the unacknowledged one.
    expect(await coll.countDocuments({ fireAndForget: true })).toBe(1);
  });

  it('accepts endSessions', async () => {
    const session = h.client.startSession();
    await h.db.collection<Loose>('s').findOne({}, { session });
    expect(await h.db.admin().command({ endSessions: [session.id] })).toEqual({ ok: 1 });
    await session.endSession();
  });

  it('serves several clients at once', async () => {
    const others = await Promise.all([1, 2, 3].map(async () => new MongoClient(h.server.uri).connect()));
    try {
      await Promise.all(others.map((c, i) => c.db('test').collection('multi').insertOne({ i })));
      expect(await h.db.collection<Loose>('multi').countDocuments()).toBe(3);
    } finally {
      await Promise.all(others.map((c) => c.close()));
    }
  });
});
