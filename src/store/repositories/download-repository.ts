import type { Db } from 'mongodb';
import type { Download, DownloadRepository } from '../../core/ports';
import { collection, type StringIdDocument } from '../collections';
import { fromDocument, toDocument } from '../schema-version';

/** Short-lived download files keyed by their token (`_id`), removed by a TTL index on expiresAt. */
export function createDownloadRepository(db: Db): DownloadRepository {
  const downloads = collection<StringIdDocument>(db, 'downloads');

  return {
    async save(download) {
      await downloads.insertOne(toDocument('downloads', download, 'token') as StringIdDocument);
    },

    async get(token, now) {
      // The TTL monitor runs about once a minute: an expired file may still be there, so the
      // expiry is checked here as well.
      const doc = await downloads.findOne({ _id: token, expiresAt: { $gt: now } });
      if (!doc) return null;
      const stored = fromDocument<Download>('downloads', doc, 'token');
      // The driver hands binary data back as a BSON Binary; the port promises a Buffer.
      const data = stored.data as unknown as Buffer | { buffer: Uint8Array };
      return { ...stored, data: Buffer.isBuffer(data) ? data : Buffer.from(data.buffer) };
    },
  };
}
