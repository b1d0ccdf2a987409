import { PARTICIPATION_STATUSES, advances, type ParticipationStatus } from '../../src/core/participation';
import { openTestDatabase, type TestDatabase } from '../support/mongo';
import { at, expectNoStorageFields, T0 } from './fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const TENANT = 'slack:T1';

describe('participations', () => {
  it('invite inserts the new invitations only and says how many were new', async () => {
    expect(await t.repos.participations.invite('r-inv', TENANT, ['U1', 'U2', 'U2'], T0)).toBe(2);
    expect(await t.repos.participations.invite('r-inv', TENANT, ['U2', 'U3', 'U1', 'U4'], at(1))).toBe(2);
    expect(await t.repos.participations.invite('r-inv', TENANT, ['U1'], at(2))).toBe(0);
    expect(await t.repos.participations.invite('r-inv', TENANT, [], at(2))).toBe(0);

    const u1 = await t.repos.participations.get('r-inv', 'U1');
    expect(u1).toEqual({ roundId: 'r-inv', tenantId: TENANT, platformUserId: 'U1', status: 'pending', remindersSent: 0, invitedAt: T0 });
    expectNoStorageFields(u1!);
    expect(await t.db.collection('participations').countDocuments({ roundId: 'r-inv' })).toBe(4);
  });

  it('two processes inviting the same people at once create each invitation once', async () => {
    const users = Array.from({ length: 30 }, (_, i) => `U${i}`);
    const [a, b] = await Promise.all([
      t.repos.participations.invite('r-race', TENANT, users, T0),
      t.repos.participations.invite('r-race', TENANT, [...users].reverse(), T0),
    ]);
    expect(a + b).toBe(30);
    expect(await t.db.collection('participations').countDocuments({ roundId: 'r-race' })).toBe(30);
  });

  it('get returns null for someone who was not invited', async () => {
    expect(await t.repos.participations.get('r-inv', 'U-nobody')).toBeNull();
  });

  it('invitations read at the same moment (one query) each go to their own person and round', async () => {
    await t.repos.participations.invite('r-same-1', TENANT, ['U1', 'U2'], T0);
    await t.repos.participations.invite('r-same-2', TENANT, ['U1'], T0);
    await t.repos.participations.advance('r-same-1', 'U2', 'delivered', {}, at(1));
    const [u1, u2, other, nobody, twice] = await Promise.all([
      t.repos.participations.get('r-same-1', 'U1'),
      t.repos.participations.get('r-same-1', 'U2'),
      t.repos.participations.get('r-same-2', 'U1'),
      t.repos.participations.get('r-same-1', 'U3'),
      t.repos.participations.get('r-same-1', 'U1'),
    ]);
    expect([u1?.status, u2?.status, other?.roundId, nobody]).toEqual(['pending', 'delivered', 'r-same-2', null]);
    expect(twice).toEqual(u1);
    expect(twice).not.toBe(u1);
  });

  it('advance moves the status forward and stores no moment of the move', async () => {
    await t.repos.participations.invite('r-adv', TENANT, ['U1'], T0);
    const delivered = await t.repos.participations.advance('r-adv', 'U1', 'delivered', { conversationId: 'D1' }, at(1));
    expect(delivered).toMatchObject({ status: 'delivered', conversationId: 'D1' });
    const declined = await t.repos.participations.advance('r-adv', 'U1', 'opted_out', {}, at(4));
    expect(declined).toEqual({ roundId: 'r-adv', tenantId: TENANT, platformUserId: 'U1', status: 'opted_out', conversationId: 'D1', remindersSent: 0, invitedAt: T0 });
    const stored = await t.db.collection('participations').findOne({ roundId: 'r-adv' });
    expect(JSON.stringify(stored)).not.toMatch(new RegExp([1, 4].map((m) => at(m).toISOString()).join('|')));
  });

  it('reads a version-1 participation without its time stamps and drops them on the next write', async () => {
    await t.db.collection('participations').insertOne({
      roundId: 'r-v1', tenantId: TENANT, platformUserId: 'U1', status: 'started', remindersSent: 0,
      invitedAt: T0, deliveredAt: at(1), startedAt: at(2), updatedAt: at(2),
    });
    // "started" is read as "delivered" (v3): how far the person got is their response's to say.
    expect(await t.repos.participations.get('r-v1', 'U1')).toEqual({ roundId: 'r-v1', tenantId: TENANT, platformUserId: 'U1', status: 'delivered', remindersSent: 0, invitedAt: T0 });
    await t.repos.participations.advance('r-v1', 'U1', 'opted_out', {}, at(3));
    const stored = await t.db.collection('participations').findOne({ roundId: 'r-v1' });
    for (const field of ['deliveredAt', 'startedAt', 'completedAt', 'updatedAt']) expect(stored).not.toHaveProperty(field);
  });

  it('takes an invitation an earlier release stored as "started" or "completed" for a delivered one, in reads, lists and counts', async () => {
    await t.db.collection('participations').insertMany([
      { roundId: 'r-v2', tenantId: TENANT, platformUserId: 'U1', status: 'started', remindersSent: 0, invitedAt: T0, schemaVersion: 2 },
      { roundId: 'r-v2', tenantId: TENANT, platformUserId: 'U2', status: 'completed', remindersSent: 1, invitedAt: T0, schemaVersion: 2 },
      { roundId: 'r-v2', tenantId: TENANT, platformUserId: 'U3', status: 'pending', remindersSent: 0, invitedAt: T0, schemaVersion: 2 },
    ]);
    expect((await t.repos.participations.get('r-v2', 'U2'))!.status).toBe('delivered');
    expect((await t.repos.participations.listByRound('r-v2', { statuses: ['delivered'] })).map((p) => [p.platformUserId, p.status])).toEqual([
      ['U1', 'delivered'],
      ['U2', 'delivered'],
    ]);
    expect(await t.repos.participations.countByStatus('r-v2')).toEqual({ delivered: 2, pending: 1 });
    // A decline still goes through, and the write stores the current shape.
    expect((await t.repos.participations.advance('r-v2', 'U1', 'opted_out', {}, at(1)))!.status).toBe('opted_out');
  });

  it('never moves backwards: a late "undeliverable" leaves "delivered" as it is', async () => {
    await t.repos.participations.invite('r-back', TENANT, ['U1'], T0);
    await t.repos.participations.advance('r-back', 'U1', 'delivered', {}, at(1));
    const after = await t.repos.participations.advance('r-back', 'U1', 'undeliverable', { undeliverableReason: 'user_left' }, at(2));
    expect(after).toMatchObject({ status: 'delivered' });
    expect(after).not.toHaveProperty('undeliverableReason');
  });

  it('follows the core rule for every pair of statuses', async () => {
    let n = 0;
    for (const from of PARTICIPATION_STATUSES) {
      for (const to of PARTICIPATION_STATUSES) {
        const user = `U-${n++}`;
        await t.repos.participations.invite('r-matrix', TENANT, [user], T0);
        if (from !== 'pending') await t.db.collection('participations').updateOne({ roundId: 'r-matrix', platformUserId: user }, { $set: { status: from } });
        const result = await t.repos.participations.advance('r-matrix', user, to, {}, at(1));
        expect({ from, to, status: result!.status }).toEqual({ from, to, status: advances(from, to) ? to : from });
      }
    }
  });

  it('concurrent moves end in the furthest status, whatever the order: a decline is not undone by a delivery', async () => {
    const order: ParticipationStatus[] = ['opted_out', 'delivered', 'delivered', 'opted_out', 'delivered'];
    await t.repos.participations.invite('r-conc', TENANT, ['U1'], T0);
    await Promise.all(order.map((to, i) => t.repos.participations.advance('r-conc', 'U1', to, {}, at(i))));
    expect((await t.repos.participations.get('r-conc', 'U1'))!.status).toBe('opted_out');
  });

  it('an opt-out survives a late delivery; answering after all (rejoin) revives it', async () => {
    await t.repos.participations.invite('r-opt', TENANT, ['U1'], T0);
    await t.repos.participations.advance('r-opt', 'U1', 'opted_out', {}, at(1));
    expect((await t.repos.participations.advance('r-opt', 'U1', 'delivered', {}, at(2)))!.status).toBe('opted_out');
    await t.repos.participations.rejoin('r-opt', 'U1');
    expect((await t.repos.participations.get('r-opt', 'U1'))!.status).toBe('delivered');
  });

  it('rejoin makes a pending, undeliverable or declined invitation delivered, and leaves a delivered one as it is', async () => {
    await t.repos.participations.invite('r-rejoin', TENANT, ['U1', 'U2', 'U3', 'U4'], T0);
    await t.repos.participations.advance('r-rejoin', 'U2', 'undeliverable', { undeliverableReason: 'user_left' }, at(1));
    await t.repos.participations.advance('r-rejoin', 'U3', 'opted_out', {}, at(1));
    await t.repos.participations.advance('r-rejoin', 'U4', 'delivered', { invitationMessageId: 'M4' }, at(1));
    for (const user of ['U1', 'U2', 'U3', 'U4']) await t.repos.participations.rejoin('r-rejoin', user);
    const after = await t.repos.participations.listByRound('r-rejoin');
    expect(after.map((p) => p.status)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    expect(after[3]).toMatchObject({ invitationMessageId: 'M4' });
    await t.repos.participations.rejoin('r-rejoin', 'U-nobody');
    expect(await t.db.collection('participations').countDocuments({ roundId: 'r-rejoin' })).toBe(4);
  });

  it('advance returns null for someone who was not invited', async () => {
    expect(await t.repos.participations.advance('r-opt', 'U-nobody', 'delivered', {}, at(1))).toBeNull();
  });

  it('recordDelivery stores the message without touching the status', async () => {
    await t.repos.participations.invite('r-del', TENANT, ['U1'], T0);
    await t.repos.participations.advance('r-del', 'U1', 'opted_out', {}, at(1));
    await t.repos.participations.recordDelivery('r-del', 'U1', { invitationMessageId: 'M1', conversationId: 'D1' }, at(2));
    expect(await t.repos.participations.get('r-del', 'U1')).toMatchObject({ status: 'opted_out', invitationMessageId: 'M1', conversationId: 'D1' });
  });

  it('incrementReminders counts reminders', async () => {
    await t.repos.participations.invite('r-rem', TENANT, ['U1'], T0);
    await Promise.all([1, 2, 3].map((i) => t.repos.participations.incrementReminders('r-rem', 'U1', at(i))));
    expect((await t.repos.participations.get('r-rem', 'U1'))!.remindersSent).toBe(3);
  });

  it('lists, counts and reports undeliverable invitations per round', async () => {
    await t.repos.participations.invite('r-list', TENANT, ['U1', 'U2', 'U3', 'U4', 'U5'], T0);
    await t.repos.participations.invite('r-list-other', TENANT, ['U1'], T0);
    await t.repos.participations.advance('r-list', 'U1', 'delivered', {}, at(1));
    await t.repos.participations.advance('r-list', 'U2', 'delivered', {}, at(1));
    await t.repos.participations.advance('r-list', 'U3', 'undeliverable', { undeliverableReason: 'user_left' }, at(1));
    await t.repos.participations.advance('r-list', 'U4', 'opted_out', {}, at(1));

    expect((await t.repos.participations.listByRound('r-list')).map((p) => p.platformUserId)).toEqual(['U1', 'U2', 'U3', 'U4', 'U5']);
    expect((await t.repos.participations.listByRound('r-list', { statuses: ['delivered', 'pending'] })).map((p) => p.platformUserId)).toEqual(['U1', 'U2', 'U5']);
    expect(await t.repos.participations.countByStatus('r-list')).toEqual({ pending: 1, delivered: 2, undeliverable: 1, opted_out: 1 });
    expect(await t.repos.participations.countByStatus('r-none')).toEqual({});
    const undeliverable = await t.repos.participations.listUndeliverable('r-list');
    expect(undeliverable).toHaveLength(1);
    expect(undeliverable[0]).toMatchObject({ platformUserId: 'U3', undeliverableReason: 'user_left' });
  });

  it('listByUser gives one person’s invitations in the tenant, newest first, whatever their status', async () => {
    await t.repos.participations.invite('r-u1', 'slack:TU', ['UX', 'UY'], at(1));
    await t.repos.participations.invite('r-u2', 'slack:TU', ['UX'], at(2));
    await t.repos.participations.invite('r-u3', 'slack:TU', ['UX'], at(3));
    await t.repos.participations.invite('r-u4', 'slack:OTHER', ['UX'], at(4));
    await t.repos.participations.advance('r-u3', 'UX', 'opted_out', {}, at(5));
    const mine = await t.repos.participations.listByUser('slack:TU', 'UX');
    expect(mine.map((p) => [p.roundId, p.status])).toEqual([
      ['r-u3', 'opted_out'],
      ['r-u2', 'pending'],
      ['r-u1', 'pending'],
    ]);
  });
});
