import { scrubActivityTimes } from '../../src/store/scrub-activity-times';
import { openTestDatabase, type TestDatabase } from '../support/mongo';
import { at, T0 } from './fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

describe('scrubActivityTimes (at every start)', () => {
  it('removes the stamps earlier releases left on responses and participations, keeping what counts', async () => {
    const responses = t.db.collection('responses');
    const participations = t.db.collection('participations');
    await responses.insertMany([
      { roundId: 'old', respondentKey: 'a', answers: { x: 1 }, submittedSections: ['X'], createdAt: T0, updatedAt: at(5), completedAt: at(5), schemaVersion: 2 },
      { roundId: 'old', respondentKey: 'b', answers: [{ itemId: 'x', value: 2 }], submittedSections: [], createdAt: T0, updatedAt: at(7) },
    ]);
    await participations.insertOne({ roundId: 'old', platformUserId: 'U1', status: 'completed', remindersSent: 1, invitedAt: T0, deliveredAt: at(1), startedAt: at(2), completedAt: at(5), updatedAt: at(5) });
    await participations.insertMany([
      { roundId: 'old', platformUserId: 'U2', status: 'started', remindersSent: 1, invitedAt: T0, schemaVersion: 2 },
      { roundId: 'old', platformUserId: 'U3', status: 'opted_out', remindersSent: 0, invitedAt: T0, schemaVersion: 2 },
    ]);
    await scrubActivityTimes(t.db);
    await scrubActivityTimes(t.db);
    for (const doc of await t.db.collection('responses').find({ roundId: 'old' }).toArray()) {
      for (const field of ['createdAt', 'updatedAt', 'completedAt']) expect(doc).not.toHaveProperty(field);
    }
    expect(await t.repos.responses.get('old', 'a')).toMatchObject({ complete: true, answers: { x: 1 } });
    expect(await t.repos.responses.get('old', 'b')).toMatchObject({ complete: false, answers: { x: 2 } });
    expect(await t.repos.responses.count('old')).toEqual({ started: 1, completed: 1 });
    const p = await participations.findOne({ roundId: 'old', platformUserId: 'U1' });
    expect(Object.keys(p!).sort()).toEqual(['_id', 'invitedAt', 'platformUserId', 'remindersSent', 'roundId', 'status']);
    // Nobody's "started" or "completed" stays stored: those invitations are delivered, a decline stays.
    const stored = await participations.find({ roundId: 'old' }).sort({ platformUserId: 1 }).toArray();
    expect(stored.map((d) => d.status)).toEqual(['delivered', 'delivered', 'opted_out']);
  });

  it('keeps the counts of a round whose raw answers were deleted before its invitations lost "started" and "completed"', async () => {
    const participations = t.db.collection('participations');
    await t.db.collection('rounds').insertMany([
      { _id: 'purged' as never, title: 'Gewist', state: 'published', answersPurgedAt: at(9) },
      { _id: 'kept' as never, title: 'Bewaard', state: 'published' },
    ]);
    await participations.insertMany(
      ['purged', 'kept'].flatMap((roundId) =>
        ['completed', 'completed', 'started', 'delivered', 'opted_out'].map((status, i) => ({ roundId, platformUserId: `U${i}`, status, remindersSent: 0, invitedAt: T0, schemaVersion: 2 })),
      ),
    );
    await scrubActivityTimes(t.db);
    await scrubActivityTimes(t.db);
    expect(await t.db.collection('rounds').findOne({ _id: 'purged' as never })).toMatchObject({ responseCounts: { started: 3, completed: 2 } });
    // A round with its responses still there counts them, as every round does.
    expect(await t.db.collection('rounds').findOne({ _id: 'kept' as never })).not.toHaveProperty('responseCounts');
    expect(await participations.countDocuments({ status: { $in: ['started', 'completed'] } })).toBe(0);
  });
});
