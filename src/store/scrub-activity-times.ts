import type { Db } from 'mongodb';
import { COLLECTIONS } from './collections';

/**
 * Removes the activity times that earlier releases stored and that could name a respondent
 * (response created/updated/completed stamps, participation delivered/started/completed/updated
 * stamps), and the per-person "started" and "completed" statuses, from every document at once rather than waiting for each document's next write: a
 * published round's documents are never written again. Runs at every start; once done, its
 * filters match nothing. A response's `completedAt` becomes `complete: true` first.
 *
 * What it cannot change: the ObjectId `_id` of a response an earlier release created (an `_id` is
 * immutable); those go with the round's raw answers at the end of the retention period.
 */
export async function scrubActivityTimes(db: Db): Promise<void> {
  const responses = db.collection(COLLECTIONS.responses);
  await responses.updateMany({ completedAt: { $exists: true } }, { $set: { complete: true }, $unset: { completedAt: '' } });
  await responses.updateMany({ $or: [{ createdAt: { $exists: true } }, { updatedAt: { $exists: true } }] }, { $unset: { createdAt: '', updatedAt: '' } });
  const stamps = ['deliveredAt', 'startedAt', 'completedAt', 'updatedAt'];
  const participations = db.collection(COLLECTIONS.participations);
  await participations.updateMany({ $or: stamps.map((field) => ({ [field]: { $exists: true } })) }, { $unset: Object.fromEntries(stamps.map((field) => [field, ''])) });
  // Who started or finished, per person, paired people with their responses' states: every
  // such invitation is "delivered" now (participations v3); the responses keep how far they got.
  // A round whose raw answers are gone already keeps only the counts, for the coordinator's overview.
  const legacy = await participations.find({ status: { $in: ['started', 'completed'] } }, { projection: { _id: 0, roundId: 1, status: 1 } }).toArray();
  const counts = new Map<string, { started: number; completed: number }>();
  for (const { roundId, status } of legacy) {
    const c = counts.get(String(roundId)) ?? { started: 0, completed: 0 };
    c.started++;
    if (status === 'completed') c.completed++;
    counts.set(String(roundId), c);
  }
  const rounds = db.collection<{ _id: string }>(COLLECTIONS.rounds);
  for (const [roundId, responseCounts] of counts) {
    await rounds.updateOne({ _id: roundId, answersPurgedAt: { $exists: true }, responseCounts: { $exists: false } }, { $set: { responseCounts } });
  }
  await participations.updateMany({ status: { $in: ['started', 'completed'] } }, { $set: { status: 'delivered' } });
}
