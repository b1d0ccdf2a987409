import { MongoBulkWriteError, type Db, type Document, type Filter } from 'mongodb';
import { advances, PARTICIPATION_STATUSES, REJOINS_FROM, type Participation, type ParticipationStatus } from '../../core/participation';
import type { ParticipationRepository } from '../../core/ports';
import { randomId } from '../../core/random-id';
import { readTogether } from '../batched-reads';
import { collection } from '../collections';
import { isOnlyDuplicateKeys } from '../errors';
import { fromDocument, toDocument } from '../schema-version';

/** Time stamps earlier versions kept; every write removes them (see Participation). */
const OLD_STAMPS = { deliveredAt: '', startedAt: '', completedAt: '', updatedAt: '' };

/**
 * Statuses earlier versions stored for a delivered invitation (participations v3). The start-up
 * scrub rewrites them, but a process of the earlier release may still write one during an
 * upgrade: reads, filters and counts take them for "delivered", and a decline replaces them.
 */
const OLD_DELIVERED = ['started', 'completed'];
const withOldDelivered = (statuses: readonly string[]) => (statuses.includes('delivered') ? [...statuses, ...OLD_DELIVERED] : [...statuses]);

/**
 * One document per (round, platform user), unique; it never holds an answer, and no write records
 * when it happened (the `now` the port passes is not stored).
 */
export function createParticipationRepository(db: Db): ParticipationRepository {
  const participations = collection(db, 'participations');
  const read = (doc: Document | null) => (doc ? fromDocument<Participation>('participations', doc) : null);
  const key = (roundId: string, platformUserId: string) => ({ roundId, platformUserId });
  // Invitations checked at the same moment (a staff room answering at once) are read in one query.
  const readInvitation = readTogether((roundId, ids) => participations.find({ roundId, platformUserId: { $in: ids } }).toArray(), (doc) => String(doc.platformUserId));

  return {
    async invite(roundId, tenantId, platformUserIds, now) {
      const unique = [...new Set(platformUserIds)];
      if (unique.length === 0) return 0;
      // Random ids rather than ObjectIds: nothing in the database should carry a time it does not need.
      const docs = unique.map((platformUserId) => ({
        _id: randomId(),
        ...toDocument('participations', { roundId, tenantId, platformUserId, status: 'pending', remindersSent: 0, invitedAt: now } satisfies Participation),
      }));
      try {
        // Typed as ObjectId by the driver's default; older documents have ObjectIds, new ones strings.
        return (await participations.insertMany(docs as unknown as Document[], { ordered: false })).insertedCount;
      } catch (e) {
        // Already invited (or invited at the same moment by another process): not an error, the
        // unique index kept one invitation. Count only the ones this call added.
        if (e instanceof MongoBulkWriteError && isOnlyDuplicateKeys(e)) return e.insertedCount;
        throw e;
      }
    },

    async get(roundId, platformUserId) {
      return read((await readInvitation(roundId, platformUserId))[0] ?? null);
    },

    async advance(roundId, platformUserId, to, patch) {
      // One atomic update whose filter only matches statuses this move goes forward from, so a
      // late "undeliverable" can never overwrite "delivered", whatever the interleaving.
      const from = withOldDelivered(PARTICIPATION_STATUSES.filter((s) => advances(s, to)));
      const { roundId: _r, platformUserId: _u, tenantId: _t, status: _s, invitedAt: _i, ...fields } = patch;
      const set: Document = { ...fields, status: to };
      const doc = await participations.findOneAndUpdate(
        { ...key(roundId, platformUserId), status: { $in: from } },
        { $set: set, $unset: OLD_STAMPS },
        { returnDocument: 'after' },
      );
      return doc ? read(doc) : read(await participations.findOne(key(roundId, platformUserId)));
    },

    async rejoin(roundId, platformUserId) {
      await participations.updateOne({ ...key(roundId, platformUserId), status: { $in: [...REJOINS_FROM] } }, { $set: { status: 'delivered' }, $unset: OLD_STAMPS });
    },

    async recordDelivery(roundId, platformUserId, patch) {
      const set: Document = {};
      if (patch.invitationMessageId !== undefined) set.invitationMessageId = patch.invitationMessageId;
      if (patch.conversationId !== undefined) set.conversationId = patch.conversationId;
      await participations.updateOne(key(roundId, platformUserId), Object.keys(set).length ? { $set: set, $unset: OLD_STAMPS } : { $unset: OLD_STAMPS });
    },

    async setLanguage(roundId, platformUserId, lang) {
      await participations.updateOne(key(roundId, platformUserId), { $set: { lang }, $unset: OLD_STAMPS });
    },

    async incrementReminders(roundId, platformUserId) {
      await participations.updateOne(key(roundId, platformUserId), { $inc: { remindersSent: 1 }, $unset: OLD_STAMPS });
    },

    async listByRound(roundId, opts = {}) {
      const filter: Filter<Document> = { roundId };
      if (opts.statuses) filter.status = { $in: withOldDelivered(opts.statuses) };
      return (await participations.find(filter).sort({ platformUserId: 1 }).toArray()).map((doc) => read(doc)!);
    },

    async listByUser(tenantId, platformUserId) {
      // Every status: the caller shows completed and opted-out rounds too (one can start after all);
      // which rounds are still open is the round's state, not the invitation's.
      const docs = await participations.find({ tenantId, platformUserId }).sort({ invitedAt: -1 }).toArray();
      return docs.map((doc) => read(doc)!);
    },

    async countByStatus(roundId) {
      const rows = await participations.aggregate<{ _id: ParticipationStatus | 'started' | 'completed'; n: number }>([{ $match: { roundId } }, { $group: { _id: '$status', n: { $sum: 1 } } }]).toArray();
      const counts: Partial<Record<ParticipationStatus, number>> = {};
      for (const { _id, n } of rows) {
        const status: ParticipationStatus = _id === 'started' || _id === 'completed' ? 'delivered' : _id;
        counts[status] = (counts[status] ?? 0) + n;
      }
      return counts;
    },

    async listUndeliverable(roundId) {
      return (await participations.find({ roundId, status: 'undeliverable' }).sort({ platformUserId: 1 }).toArray()).map((doc) => read(doc)!);
    },
  };
}
