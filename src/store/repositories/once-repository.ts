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
  };
}
