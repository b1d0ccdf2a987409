import { randomUUID } from 'node:crypto';
import type { Db, Document, Filter } from 'mongodb';
import type { Job, JobRepository, JobStatus } from '../../core/ports';
import { collection, type StringIdDocument } from '../collections';
import { isDuplicateKeyError } from '../errors';
import { fromDocument, toDocument } from '../schema-version';

/** What `lastError` says on a job that was cancelled before it ran. */
export const CANCELLED = 'cancelled';

/**
 * Scheduled work. `key` is unique, so enqueueing the same work twice keeps one job. A claim is a
 * lease: every later write by the claimer matches `{ _id, leaseOwner, status: 'running' }`, so a
 * process whose lease ran out (and whose job another process took over) changes nothing.
 */
export function createJobRepository(db: Db): JobRepository {
  const jobs = collection<StringIdDocument>(db, 'jobs');
  const read = (doc: Document | null) => (doc ? fromDocument<Job>('jobs', doc, 'id') : null);
  const leased = (id: string, owner: string): Filter<StringIdDocument> => ({ _id: id, leaseOwner: owner, status: 'running' });
  const dropLease = { leaseOwner: '', leaseUntil: '' };
  const lease = (owner: string, now: Date, leaseMs: number) => ({ status: 'running', leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now });
  const ofKinds = (kinds: readonly string[] | undefined): Filter<StringIdDocument> => (kinds ? { kind: { $in: [...kinds] } } : {});

  /**
   * A claimer that died (or hung) past its lease: the job is up for grabs again, and the
   * takeover counts as an attempt, so a job that kills its process every time still ends.
   */
  async function takeOverExpired(owner: string, now: Date, leaseMs: number, kinds: readonly string[] | undefined): Promise<Job | null> {
    const doc = await jobs.findOneAndUpdate(
      { status: 'running', leaseUntil: { $lt: now }, ...ofKinds(kinds) },
      { $set: { ...lease(owner, now, leaseMs), lastError: 'lease expired: the previous worker stopped or hung' }, $inc: { attempts: 1 } },
      { sort: { runAt: 1, _id: 1 }, returnDocument: 'after' },
    );
    return read(doc);
  }

  return {
    async enqueue(job, now) {
      const stored: Job = { id: randomUUID(), ...job, status: 'pending', attempts: 0, createdAt: now, updatedAt: now };
      try {
        await jobs.insertOne(toDocument('jobs', stored, 'id') as StringIdDocument);
        return true;
      } catch (e) {
        if (isDuplicateKeyError(e)) return false;
        throw e;
      }
    },

    async claim(owner, now, leaseMs, kinds) {
      const takenOver = await takeOverExpired(owner, now, leaseMs, kinds);
      if (takenOver) return takenOver;
      const doc = await jobs.findOneAndUpdate({ status: 'pending', runAt: { $lte: now }, ...ofKinds(kinds) }, { $set: lease(owner, now, leaseMs) }, { sort: { runAt: 1, _id: 1 }, returnDocument: 'after' });
      return read(doc);
    },

    async claimMany(owner, now, leaseMs, limit, kinds) {
      const claimed: Job[] = [];
      // Expired leases are rare (a worker died): one at a time, as claim() takes them.
      while (claimed.length < limit) {
        const takenOver = await takeOverExpired(owner, now, leaseMs, kinds);
        if (!takenOver) break;
        claimed.push(takenOver);
      }
      const due: Filter<StringIdDocument> = { status: 'pending', runAt: { $lte: now }, ...ofKinds(kinds) };
      const leased = lease(owner, now, leaseMs);
      while (claimed.length < limit) {
        const ids = (await jobs.find(due, { projection: { _id: 1 }, sort: { runAt: 1, _id: 1 }, limit: limit - claimed.length }).toArray()).map((d) => d._id);
        if (ids.length === 0) break;
        // The update re-checks that each is still pending and due, so a job another process
        // claimed in between is simply not ours. Ours are then told apart by owner and by this
        // claim's exact lease end: a runner never claims twice at once, and these were pending.
        const { modifiedCount } = await jobs.updateMany({ ...due, _id: { $in: ids } }, { $set: leased });
        if (modifiedCount > 0) {
          const mine = await jobs.find({ _id: { $in: ids }, status: 'running', leaseOwner: owner, leaseUntil: leased.leaseUntil }).sort({ runAt: 1, _id: 1 }).toArray();
          claimed.push(...mine.map((doc) => read(doc)!));
        }
        // Every one taken by another process first: look again (they hold those now, so the
        // next look sees others). Some taken: good enough for this batch.
        if (modifiedCount > 0) break;
      }
      return claimed;
    },

    async complete(id, owner) {
      // A done job keeps the moment it was claimed, not the moment it ended: how long a job ran
      // can tell what it did (the reminder of someone who had finished sends nothing and ends at
      // once; one that sends waits for its turn first), and the job names its person.
      const result = await jobs.updateOne(leased(id, owner), { $set: { status: 'done' }, $unset: dropLease });
      return result.matchedCount === 1;
    },

    async release(id, owner, runAt, error, now, countAttempt) {
      const update: Document = { $set: { status: 'pending', runAt, updatedAt: now, ...(error === undefined ? {} : { lastError: error }) }, $unset: dropLease };
      if (countAttempt) update.$inc = { attempts: 1 };
      return (await jobs.updateOne(leased(id, owner), update)).matchedCount === 1;
    },

    async fail(id, owner, error, now) {
      const result = await jobs.updateOne(leased(id, owner), { $set: { status: 'failed', lastError: error, updatedAt: now }, $unset: dropLease, $inc: { attempts: 1 } });
      return result.matchedCount === 1;
    },

    async extendLease(id, owner, leaseUntil) {
      return (await jobs.updateOne(leased(id, owner), { $set: { leaseUntil } })).matchedCount === 1;
    },

    async cancelPending(filter, now) {
      // JobStatus has no "cancelled"; a cancelled job is a failed one that says so. It stays
      // stored so its key keeps a late duplicate enqueue from bringing the work back.
      const match: Filter<StringIdDocument> = { 'payload.roundId': filter.roundId, status: 'pending' };
      if (filter.kinds) match.kind = { $in: filter.kinds };
      const result = await jobs.updateMany(match, { $set: { status: 'failed', lastError: CANCELLED, updatedAt: now } });
      return result.modifiedCount;
    },

    async countByStatus(filter = {}) {
      const match: Document = filter.roundId ? { 'payload.roundId': filter.roundId } : {};
      const rows = await jobs.aggregate<{ _id: JobStatus; n: number }>([{ $match: match }, { $group: { _id: '$status', n: { $sum: 1 } } }]).toArray();
      return Object.fromEntries(rows.map((r) => [r._id, r.n]));
    },
  };
}
