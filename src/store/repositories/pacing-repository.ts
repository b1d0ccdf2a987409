import type { Db, Document } from 'mongodb';
import { claimSlots, EMPTY_PACING_STATE, pauseState, toleranceMs, type PacingState, type SlotRequest } from '../../core/pacing-slots';
import type { PacingRepository } from '../../core/ports';
import { collection, type StringIdDocument } from '../collections';
import { isDuplicateKeyError } from '../errors';
import { SCHEMA_VERSION } from '../schema-version';

/** A key is kept this long after its last slot or pause, then the TTL index deletes it. */
export const PACING_IDLE_MS = 60_000;

/**
 * One document per pacing key (the key is the `_id`): `{ tat, pausedUntil, generation }` in epoch
 * milliseconds. A claim is one `findOneAndUpdate` with an aggregation-pipeline update (MongoDB
 * 4.2+, Atlas, Cosmos DB for MongoDB) that applies `claimSlots` atomically on the server and
 * returns the state before it; `claimSlots` on that state then tells the claimer its slots, the
 * same numbers the server computed. Times come from the claimer's clock, not `$$NOW`, so a
 * process's pacing and its clock agree (the job leases assume NTP-close clocks already).
 */
export function createPacingRepository(db: Db): PacingRepository {
  const pacing = collection<StringIdDocument>(db, 'pacing');
  const tat = { $ifNull: ['$tat', 0] };
  const pausedUntil = { $ifNull: ['$pausedUntil', 0] };
  const generation = { $ifNull: ['$generation', 0] };
  const nextLater = { $ifNull: ['$nextLater', 0] };
  const expiry = { $toDate: { $add: [{ $max: ['$tat', '$pausedUntil'] }, PACING_IDLE_MS] } };

  const read = (doc: Document | null): PacingState =>
    doc ? { tat: Number(doc.tat ?? 0), pausedUntil: Number(doc.pausedUntil ?? 0), generation: Number(doc.generation ?? 0), nextLater: Number(doc.nextLater ?? 0) } : EMPTY_PACING_STATE;

  /** Two processes creating the same key at once: the loser's upsert meets the unique `_id`; once more finds it. */
  async function upsertBefore(key: string, pipeline: Document[]): Promise<Document | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await pacing.findOneAndUpdate({ _id: key }, pipeline, { upsert: true, returnDocument: 'before' });
      } catch (e) {
        if (attempt === 0 && isDuplicateKeyError(e)) continue;
        throw e;
      }
    }
  }

  /**
   * claimSlots, as an update: first = max(now, tat − tolerance, pausedUntil); within the horizon,
   * tat = max(tat, first) + count × interval; beyond it, nextLater = max(nextLater, first) + count × interval.
   */
  function claimPipeline(request: SlotRequest): Document[] {
    const tolerance = toleranceMs(request.intervalMs, request.burst);
    const span = request.count * request.intervalMs;
    const laterSpan = (request.waiting ?? request.count) * request.intervalMs;
    const granted = { $lte: ['$_first', request.now + request.horizonMs] };
    return [
        { $set: { _first: { $max: [request.now, { $subtract: [tat, tolerance] }, pausedUntil] } } },
        {
          $set: {
            tat: { $cond: [granted, { $add: [{ $max: [tat, '$_first'] }, span] }, tat] },
            nextLater: { $cond: [granted, nextLater, { $add: [{ $max: [nextLater, '$_first'] }, laterSpan] }] },
            pausedUntil,
            generation,
            schemaVersion: SCHEMA_VERSION.pacing,
          },
        },
        { $set: { expiresAt: expiry } },
        { $unset: '_first' },
      ];
  }

  return {
    async claim(key, request) {
      return claimSlots(read(await upsertBefore(key, claimPipeline(request))), request).window;
    },

    async claimIfFree(ids, request) {
      if (ids.length === 0) return [];
      const tolerance = toleranceMs(request.intervalMs, request.burst);
      // Free right now: the update applies only where the first slot is `now` (claimSlots'
      // first = now). A busy key does not match, so its upsert meets the existing `_id`: a
      // duplicate-key error for that statement alone (the batch is unordered).
      const free = { tat: { $lte: request.now + tolerance }, pausedUntil: { $not: { $gt: request.now } } };
      // With no burst (a conversation) the slot is `now` and the next is now + interval: a plain
      // update, cheaper for the server than a pipeline. With a burst, tat may be ahead of now.
      const next = request.now + request.intervalMs;
      const update =
        tolerance === 0
          ? { $set: { tat: next, expiresAt: new Date(next + PACING_IDLE_MS), schemaVersion: SCHEMA_VERSION.pacing }, $setOnInsert: { pausedUntil: 0, generation: 0 } }
          : claimPipeline({ ...request, count: 1, horizonMs: 0 });
      const booked = ids.map(() => true);
      try {
        await pacing.bulkWrite(
          ids.map((id) => ({ updateOne: { filter: { _id: id, ...free }, update, upsert: true } })),
          { ordered: false },
        );
      } catch (e) {
        const errors = (e as { writeErrors?: Array<{ index: number; code?: number }> | { index: number; code?: number } }).writeErrors;
        const list = Array.isArray(errors) ? errors : errors ? [errors] : [];
        if (list.length === 0 || list.some((w) => w.code !== 11000)) throw e;
        for (const w of list) booked[w.index] = false;
      }
      return booked;
    },

    async pause(key, until, now) {
      // pauseState, as an update: only a later end moves the pause (and voids booked slots).
      const later = { $gt: [until, pausedUntil] };
      const pipeline = [
        {
          $set: {
            tat: { $cond: [later, now, tat] },
            nextLater: { $cond: [later, 0, nextLater] },
            generation: { $cond: [later, { $add: [generation, 1] }, generation] },
            pausedUntil: { $max: [pausedUntil, until] },
            schemaVersion: SCHEMA_VERSION.pacing,
          },
        },
        { $set: { expiresAt: expiry } },
      ];
      return pauseState(read(await upsertBefore(key, pipeline)), until, now).generation;
    },
  };
}
