import { MongoBulkWriteError, type Db, type Document, type Filter } from 'mongodb';
import { advances, PARTICIPATION_STATUSES, type Participation, type ParticipationStatus } from '../../core/participation';
import type { ParticipationRepository } from '../../core/ports';
import { collection } from '../collections';
import { isOnlyDuplicateKeys } from '../errors';
import { fromDocument, toDocument } from '../schema-version';

/** The moment each forward status is reached, stamped when the caller does not give one. */
const STAMP: Partial<Record<ParticipationStatus, keyof Participation>> = {
  delivered: 'deliveredAt',
  started: 'startedAt',
  completed: 'completedAt',
};

/** One document per (round, platform user), unique; it never holds an answer. */
export function createParticipationRepository(db: Db): ParticipationRepository {
  const participations = collection(db, 'participations');
  const read = (doc: Document | null) => (doc ? fromDocument<Participation>('participations', doc) : null);
  const key = (roundId: string, platformUserId: string) => ({ roundId, platformUserId });

  return {
    async invite(roundId, tenantId, platformUserIds, now) {
      const unique = [...new Set(platformUserIds)];
      if (unique.length === 0) return 0;
      const docs = unique.map((platformUserId) =>
        toDocument('participations', { roundId, tenantId, platformUserId, status: 'pending', remindersSent: 0, invitedAt: now, updatedAt: now } satisfies Participation),
      );
      try {
        return (await participations.insertMany(docs, { ordered: false })).insertedCount;
      } catch (e) {
        // Already invited (or invited at the same moment by another process): not an error, the
        // unique index kept one invitation. Count only the ones this call added.
        if (e instanceof MongoBulkWriteError && isOnlyDuplicateKeys(e)) return e.insertedCount;
        throw e;
      }
    },

    async get(roundId, platformUserId) {
      return read(await participations.findOne(key(roundId, platformUserId)));
    },

    async advance(roundId, platformUserId, to, patch, now) {
      // One atomic update whose filter only matches statuses this move goes forward from, so a
      // late "delivered" can never overwrite "completed", whatever the interleaving.
      const from = PARTICIPATION_STATUSES.filter((s) => advances(s, to));
      const { roundId: _r, platformUserId: _u, tenantId: _t, status: _s, ...fields } = patch;
      const set: Document = { ...fields, status: to, updatedAt: now };
      const stamp = STAMP[to];
      if (stamp && set[stamp] === undefined) set[stamp] = now;
      const doc = await participations.findOneAndUpdate({ ...key(roundId, platformUserId), status: { $in: from } }, { $set: set }, { returnDocument: 'after' });
      return doc ? read(doc) : read(await participations.findOne(key(roundId, platformUserId)));
    },

    async recordDelivery(roundId, platformUserId, patch, now) {
      const set: Document = { updatedAt: now };
      if (patch.invitationMessageId !== undefined) set.invitationMessageId = patch.invitationMessageId;
      if (patch.conversationId !== undefined) set.conversationId = patch.conversationId;
      await participations.updateOne(key(roundId, platformUserId), { $set: set });
    },

    async setLanguage(roundId, platformUserId, lang) {
      await participations.updateOne(key(roundId, platformUserId), { $set: { lang } });
    },

    async incrementReminders(roundId, platformUserId, now) {
      await participations.updateOne(key(roundId, platformUserId), { $inc: { remindersSent: 1 }, $set: { updatedAt: now } });
    },

    async listByRound(roundId, opts = {}) {
      const filter: Filter<Document> = { roundId };
      if (opts.statuses) filter.status = { $in: opts.statuses };
      return (await participations.find(filter).sort({ platformUserId: 1 }).toArray()).map((doc) => read(doc)!);
    },

    async listByUser(tenantId, platformUserId) {
      // Every status: the caller shows completed and opted-out rounds too (one can start after all);
      // which rounds are still open is the round's state, not the invitation's.
      const docs = await participations.find({ tenantId, platformUserId }).sort({ invitedAt: -1 }).toArray();
      return docs.map((doc) => read(doc)!);
    },

    async countByStatus(roundId) {
      const rows = await participations.aggregate<{ _id: ParticipationStatus; n: number }>([{ $match: { roundId } }, { $group: { _id: '$status', n: { $sum: 1 } } }]).toArray();
      return Object.fromEntries(rows.map((r) => [r._id, r.n]));
    },

    async listUndeliverable(roundId) {
      return (await participations.find({ roundId, status: 'undeliverable' }).sort({ platformUserId: 1 }).toArray()).map((doc) => read(doc)!);
    },
  };
}
