import { startHarness, type Harness, type Loose } from './test-harness';

describe('embedded-mongo: TTL indexes', () => {
  let h: Harness;
  beforeAll(async () => {
    // Only setInterval is faked (the server's 60 s TTL pass); the driver's timers and I/O stay real.
    jest.useFakeTimers({
      doNotFake: [
        'Date', 'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
        'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout',
      ],
    });
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
    jest.useRealTimers();
  });

  it('removes documents whose indexed date is older than expireAfterSeconds on the next 60 s pass', async () => {
    const coll = h.db.collection<Loose>('sessions');
    await coll.createIndex({ lastSeen: 1 }, { expireAfterSeconds: 3600 });
    const now = Date.now();
    await coll.insertMany([
      { _id: 'old', lastSeen: new Date(now - 2 * 3600_000) },
      { _id: 'oldest-in-array', lastSeen: [new Date(now), new Date(now - 5 * 3600_000)] },
      { _id: 'fresh', lastSeen: new Date(now - 60_000) },
      { _id: 'no-date', lastSeen: 'yesterday' },
      { _id: 'missing' },
    ]);
    expect(await coll.countDocuments()).toBe(5);
    jest.advanceTimersByTime(59_000);
    expect(await coll.countDocuments()).toBe(5);
    jest.advanceTimersByTime(1_000);
    expect((await coll.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(['fresh', 'missing', 'no-date']);
  });
});
