import { errorOf, startHarness, type Harness, type Loose } from './test-harness';

describe('embedded-mongo: databases and collections', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ dbName: 'cat' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('creates collections explicitly (idempotent, as in MongoDB 7.0) and implicitly on first write', async () => {
    await h.db.createCollection('explicit');
    await h.db.createCollection('explicit');
    await h.db.collection<Loose>('implicit').insertOne({ a: 1 });
    const all = await h.db.listCollections().toArray();
    expect(all.map((c) => c.name)).toEqual(['explicit', 'implicit']);
    expect(all[0]).toMatchObject({ name: 'explicit', type: 'collection', options: {}, info: { readOnly: false } });
    expect((all[0] as { idIndex?: unknown }).idIndex).toEqual({ v: 2, key: { _id: 1 }, name: '_id_' });
  });

  it('filters listCollections and supports nameOnly', async () => {
    expect(await h.db.listCollections({ name: 'implicit' }, { nameOnly: true }).toArray()).toEqual([
      { name: 'implicit', type: 'collection' },
    ]);
    expect(await h.db.listCollections({ name: 'absent' }).toArray()).toEqual([]);
  });

  it('refuses collection options it does not implement', async () => {
    const err = await errorOf(() => h.db.createCollection('capped', { capped: true, size: 1024 }));
    expect(err.code).toBe(238);
    expect((await errorOf(() => h.db.createCollection('bad$name'))).code).toBe(73);
  });

  it('lists databases (only from admin)', async () => {
    await h.client.db('cat_other').collection('x').insertOne({ big: 'x'.repeat(100) });
    const list = await h.client.db().admin().listDatabases();
    const names = list.databases.map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['cat', 'cat_other']));
    expect(list.databases.find((d) => d.name === 'cat_other')!.sizeOnDisk).toBeGreaterThan(100);
    const filtered = await h.client.db('admin').command({ listDatabases: 1, nameOnly: true, filter: { name: 'cat_other' } });
    expect(filtered.databases).toEqual([{ name: 'cat_other' }]);
    expect((await errorOf(() => h.db.command({ listDatabases: 1 }))).code).toBe(13);
  });

  it('drops collections (a missing one is not an error) and databases', async () => {
    expect(await h.db.collection<Loose>('implicit').drop()).toBe(true);
    expect(await h.db.collection<Loose>('implicit').drop()).toBe(true);
    expect(await h.db.collection<Loose>('implicit').countDocuments()).toBe(0);
    await h.client.db('cat_other').dropDatabase();
    const names = (await h.client.db().admin().listDatabases({ nameOnly: true })).databases.map((d) => d.name);
    expect(names).not.toContain('cat_other');
  });
});
