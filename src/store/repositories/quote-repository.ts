import type { Db, Document, Filter } from 'mongodb';
import type { Quote, QuoteRepository } from '../../core/ports';
import { collection, type StringIdDocument } from '../collections';
import { isOnlyDuplicateKeys } from '../errors';
import { fromDocument, toDocument } from '../schema-version';

/** Quotes use their id as `_id`, so closing a round twice cannot store one twice. */
export function createQuoteRepository(db: Db): QuoteRepository {
  const quotes = collection<StringIdDocument>(db, 'quotes');
  const read = (doc: Document | null) => (doc ? fromDocument<Quote>('quotes', doc, 'id') : null);

  return {
    async insertMany(list) {
      if (list.length === 0) return;
      try {
        await quotes.insertMany(
          list.map((q) => toDocument('quotes', q, 'id') as StringIdDocument),
          { ordered: false },
        );
      } catch (e) {
        // Quotes already stored by an earlier (interrupted) close stay as they were; the rest
        // of the batch is inserted anyway (unordered).
        if (!isOnlyDuplicateKeys(e)) throw e;
      }
    },

    async listByRound(roundId, opts = {}) {
      const filter: Filter<StringIdDocument> = { roundId };
      if (opts.statuses) filter.status = { $in: opts.statuses };
      if (opts.batch !== undefined) filter.batch = opts.batch;
      return (await quotes.find(filter).sort({ order: 1, _id: 1 }).toArray()).map((doc) => read(doc)!);
    },

    async get(id) {
      return read(await quotes.findOne({ _id: id }));
    },

    async settleText(id, text, outcome) {
      await quotes.updateOne({ _id: id }, { $set: { text, [outcome === 'edited' ? 'edited' : 'textDeleted']: true }, $unset: { editedText: '' } });
    },

    async keepOnlySections(roundId, sections) {
      await quotes.deleteMany({ roundId, section: { $nin: [...sections] } });
    },

    async discardOtherBatches(roundId, batch) {
      // `$ne` also matches quotes without a batch: those of a close that an earlier release began.
      await quotes.deleteMany({ roundId, batch: { $ne: batch } });
    },

    async moderate(id, patch, now) {
      const set: Document = { updatedAt: now };
      for (const field of ['status', 'editedText', 'themes'] as const) if (patch[field] !== undefined) set[field] = patch[field];
      return read(await quotes.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' }));
    },

    async approvePending(roundId, ids, now) {
      if (ids.length === 0) return 0;
      // Only pending ones: an answer hidden or edited in the meantime keeps what the coordinator chose.
      const result = await quotes.updateMany({ _id: { $in: [...ids] }, roundId, status: 'pending' }, { $set: { status: 'approved', updatedAt: now } });
      return result.modifiedCount;
    },
  };
}
