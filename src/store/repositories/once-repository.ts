import type { Db } from 'mongodb';
import type { OnceRepository } from '../../core/ports';
import { collection, type StringIdDocument } from '../collections';
import { isDuplicateKeyError } from '../errors';
import { SCHEMA_VERSION } from '../schema-version';

/** One document per key, the key as `_id`: the unique `_id` index makes the first insert win. */
export function createOnceRepository(db: Db): OnceRepository {
  const keys = collection<StringIdDocument>(db, 'once');
  return {
    async claim(key, expiresAt) {
      try {
        await keys.insertOne({ _id: key, expiresAt, schemaVersion: SCHEMA_VERSION.once });
        return true;
      } catch (e) {
        if (isDuplicateKeyError(e)) return false;
        throw e;
      }
    },
    async lease(key, owner, until, now) {
      try {
        // Taken over only when run out or already ours; a live lease of another owner makes the
        // upsert collide with its `_id`.
        const doc = await keys.findOneAndUpdate(
          { _id: key, $or: [{ expiresAt: { $lte: now } }, { owner }] },
          { $set: { owner, expiresAt: until, schemaVersion: SCHEMA_VERSION.once } },
          { upsert: true, returnDocument: 'after' },
        );
        return doc?.owner === owner;
      } catch (e) {
        if (isDuplicateKeyError(e)) return false;
        throw e;
      }
    },
    async release(key, owner) {
      await keys.deleteOne({ _id: key, owner });
    },
  };
}
