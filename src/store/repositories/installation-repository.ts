import type { Db, Document } from 'mongodb';
import type { InstallationRepository } from '../../core/ports';
import { collection } from '../collections';
import { isDuplicateKeyError } from '../errors';
import { upgradeDocument, SCHEMA_VERSION } from '../schema-version';

/** One document per (platform, key); the platform's installation object is kept under `data`. */
export function createInstallationRepository(db: Db): InstallationRepository {
  const installations = collection(db, 'installations');
  const dataOf = (doc: Document) => upgradeDocument('installations', doc).data as Record<string, unknown>;

  return {
    async save(platform, key, data, now) {
      const upsert = () =>
        installations.updateOne(
          { platform, key },
          { $set: { data, updatedAt: now }, $setOnInsert: { createdAt: now, schemaVersion: SCHEMA_VERSION.installations } },
          { upsert: true },
        );
      try {
        await upsert();
      } catch (e) {
        // Two installs of the same workspace at once: the retry matches and overwrites.
        if (!isDuplicateKeyError(e)) throw e;
        await upsert();
      }
    },

    async get(platform, key) {
      const doc = await installations.findOne({ platform, key });
      return doc ? dataOf(doc) : null;
    },

    async delete(platform, key) {
      await installations.deleteOne({ platform, key });
    },

    async list(platform, filter = {}) {
      const query: Document = { platform };
      for (const [field, value] of Object.entries(filter)) {
        // The filter names fields of the stored data; it is never a query language.
        if (field.startsWith('$')) throw new Error(`installation filter field "${field}" is not a field name`);
        query[`data.${field}`] = value;
      }
      return (await installations.find(query).sort({ key: 1 }).toArray()).map(dataOf);
    },
  };
}
