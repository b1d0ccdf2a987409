import type { Db, Document } from 'mongodb';
import type { SummaryRecord, SummaryRepository } from '../../core/ports';
import { collection } from '../collections';
import { isDuplicateKeyError } from '../errors';
import { fromDocument, toDocument } from '../schema-version';

/** One summary per round (unique roundId), found by its chart token too (unique). */
export function createSummaryRepository(db: Db): SummaryRepository {
  const summaries = collection(db, 'summaries');

  function read(doc: Document | null): SummaryRecord | null {
    if (!doc) return null;
    const record = fromDocument<SummaryRecord>('summaries', doc);
    // The driver hands binary data back as a BSON Binary; the port promises a Buffer.
    const png = doc.chartPng as { buffer?: Uint8Array } | undefined;
    if (png && !Buffer.isBuffer(png) && png.buffer) record.chartPng = Buffer.from(png.buffer);
    return record;
  }

  return {
    async saveOnce(record) {
      try {
        await summaries.insertOne(toDocument('summaries', record));
        return record;
      } catch (e) {
        // Closing twice computes the summary twice; the first snapshot is the one that counts.
        if (!isDuplicateKeyError(e)) throw e;
        const stored = read(await summaries.findOne({ roundId: record.roundId }));
        if (!stored) throw e; // the clash was on the chart token of another round: a real bug
        return stored;
      }
    },

    async get(roundId) {
      return read(await summaries.findOne({ roundId }));
    },

    async getByChartToken(token) {
      return read(await summaries.findOne({ chartToken: token }));
    },

    async update(roundId, patch) {
      const set: Document = {};
      for (const field of ['summary', 'chartPng', 'publishedAt', 'post'] as const) if (patch[field] !== undefined) set[field] = patch[field];
      // Once published the snapshot is what people saw; it never changes after that.
      if (Object.keys(set).length) await summaries.updateOne({ roundId, publishedAt: { $exists: false } }, { $set: set });
    },
  };
}
