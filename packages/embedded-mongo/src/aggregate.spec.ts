import { errorOf, startHarness, type Harness, type Loose } from './test-harness';

describe('embedded-mongo: aggregate', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.db.collection<Loose>('answers').insertMany([
      { survey: 's1', q: 'A1', value: 3, at: new Date('2024-03-01') },
      { survey: 's1', q: 'A1', value: 5, at: new Date('2024-03-02') },
      { survey: 's1', q: 'A2', value: 1, at: new Date('2024-03-03') },
      { survey: 's2', q: 'A1', value: 4, at: new Date('2024-03-04') },
    ]);
    await h.db.collection<Loose>('surveys').insertMany([
      { _id: 's1', title: 'Eerste' },
      { _id: 's2', title: 'Tweede' },
    ] as never[]);
  });
  afterAll(async () => {
    await h.close();
  });

  it('runs $match / $group / $sort / $project', async () => {
    const rows = await h.db
      .collection('answers')
      .aggregate([
        { $match: { survey: 's1' } },
        { $group: { _id: '$q', n: { $sum: 1 }, avg: { $avg: '$value' }, last: { $max: '$at' } } },
        { $sort: { _id: 1 } },
        { $project: { _id: 0, q: '$_id', n: 1, avg: 1, last: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { q: 'A1', n: 2, avg: 4, last: new Date('2024-03-02') },
      { q: 'A2', n: 1, avg: 1, last: new Date('2024-03-03') },
    ]);
  });

  it('joins with $lookup on another collection of the same database', async () => {
    const rows = await h.db
      .collection('answers')
      .aggregate([
        { $match: { q: 'A1' } },
        { $lookup: { from: 'surveys', localField: 'survey', foreignField: '_id', as: 's' } },
        { $group: { _id: { $first: '$s.title' }, n: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { _id: 'Eerste', n: 2 },
      { _id: 'Tweede', n: 1 },
    ]);
  });

  it('backs countDocuments (which the driver implements as an aggregate)', async () => {
    h.commands.length = 0;
    expect(await h.db.collection<Loose>('answers').countDocuments({ value: { $gte: 3 } })).toBe(3);
    expect(h.commands.map((c) => c.commandName)).toEqual(['aggregate']);
    expect(h.commands[0].command.pipeline).toEqual([{ $match: { value: { $gte: 3 } } }, { $group: { _id: 1, n: { $sum: 1 } } }]);
  });

  it('never modifies stored documents while computing', async () => {
    await h.db.collection<Loose>('answers').aggregate([{ $addFields: { value: 0, 'extra.deep': 1 } }]).toArray();
    expect(await h.db.collection<Loose>('answers').countDocuments({ value: 0 })).toBe(0);
    expect(await h.db.collection<Loose>('answers').countDocuments({ extra: { $exists: true } })).toBe(0);
  });

  it('supports database-level $documents', async () => {
    const rows = await h.db.aggregate([{ $documents: [{ x: 1 }, { x: 2 }] }, { $match: { x: 2 } }]).toArray();
    expect(rows).toEqual([{ x: 2 }]);
  });

  it('refuses $out and $merge, unknown stages, and a missing cursor option', async () => {
    const out = await errorOf(() => h.db.collection<Loose>('answers').aggregate([{ $out: 'copy' }]).toArray());
    expect(out.code).toBe(238);
    expect(out.message).toMatch(/\$out/);
    const merge = await errorOf(() => h.db.collection<Loose>('answers').aggregate([{ $merge: { into: 'copy' } }]).toArray());
    expect(merge.code).toBe(238);
    const unknown = await errorOf(() => h.db.collection<Loose>('answers').aggregate([{ $frobnicate: {} }]).toArray());
    expect(unknown.code).toBe(40324);
    expect(unknown.message).toBe("Unrecognized pipeline stage name: '$frobnicate'");
    const noCursor = await errorOf(() => h.db.command({ aggregate: 'answers', pipeline: [] }));
    expect(noCursor.code).toBe(9);
    expect(await h.db.listCollections({ name: 'copy' }).toArray()).toEqual([]);
  });
});
