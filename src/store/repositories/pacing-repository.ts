import type { Db, Document } from 'mongodb';
import { claimSlots, EMPTY_PACING_STATE, pauseState, toleranceMs, type PacingState } from '../../core/pacing-slots';
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
  const keys = collection<StringIdDocument>(db, 'pacing');
  const tat = { $ifNull: ['$tat', 0] };
  const pausedUntil = { $ifNull: ['$pausedUntil', 0] };
  const generation = { $ifNull: ['$generation', 0] };
  const expiry = { $toDate: { $add: [{ $max: ['$tat', '$pausedUntil'] }, PACING_IDLE_MS] } };

  const read = (doc: Document | null): PacingState =>
    doc ? { tat: Number(doc.tat ?? 0), pausedUntil: Number(doc.pausedUntil ?? 0), generation: Number(doc.generation ?? 0) } : EMPTY_PACING_STATE;

  /** Two processes creating the same key at once: the loser's upsert meets the unique `_id`; once more finds it. */
  async function upsertBefore(key: string, pipeline: Document[]): Promise<Document | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await keys.findOneAndUpdate({ _id: key }, pipeline, { upsert: true, returnDocument: 'before' });
      } catch (e) {
        if (attempt === 0 && isDuplicateKeyError(e)) continue;
        throw e;
      }
    }
  }

  return {
    async claim(key, request) {
      const tolerance = toleranceMs(request.intervalMs, request.burst);
      // claimSlots, as an update: first = max(now, tat − tolerance, pausedUntil); within the
      // horizon, tat = max(tat, first) + count × interval.
      const pipeline = [
        { $set: { _first: { $max: [request.now, { $subtract: [tat, tolerance] }, pausedUntil] } } },
        {
          $set: {
            tat: { $cond: [{ $lte: ['$_first', request.now + request.horizonMs] }, { $add: [{ $max: [tat, '$_first'] }, request.count * request.intervalMs] }, tat] },
            pausedUntil,
            generation,
            schemaVersion: SCHEMA_VERSION.pacing,
          },
        },
        { $set: { expiresAt: expiry } },
        { $unset: '_first' },
      ];
      return claimSlots(read(await upsertBefore(key, pipeline)), request).window;
    },

    async pause(key, until, now) {
      // pauseState, as an update: only a later end moves the pause (and voids booked slots).
      const later = { $gt: [until, pausedUntil] };
      const pipeline = [
        {
          $set: {
            tat: { $cond: [later, now, tat] },
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
