import type { Db, Document, Filter } from 'mongodb';
import type { RoundRepository } from '../../core/ports';
import { assertTransition, type Round } from '../../core/round';
import { collection, type StringIdDocument } from '../collections';
import { isDuplicateKeyError } from '../errors';
import { fromDocument, toDocument } from '../schema-version';

/** Rounds use their id as `_id`; the questionnaire is stored frozen inside the round. */
export function createRoundRepository(db: Db): RoundRepository {
  const rounds = collection<StringIdDocument>(db, 'rounds');
  const read = (doc: Document | null) => (doc ? fromDocument<Round>('rounds', doc, 'id') : null);

  return {
    async insert(round) {
      try {
        await rounds.insertOne(toDocument('rounds', round, 'id') as StringIdDocument);
      } catch (e) {
        // The same round inserted twice (a retried request) is the same round.
        if (!isDuplicateKeyError(e)) throw e;
      }
    },

    async get(id) {
      return read(await rounds.findOne({ _id: id }));
    },

    async listByTenant(tenantId, opts = {}) {
      const filter: Filter<StringIdDocument> = { tenantId };
      if (opts.states) filter.state = { $in: opts.states };
      const cursor = rounds.find(filter).sort({ createdAt: -1, _id: 1 });
      if (opts.limit) cursor.limit(opts.limit);
      return (await cursor.toArray()).map((doc) => read(doc)!);
    },

    async transition(id, from, to, patch) {
      assertTransition(from, to);
      // The id and the state are this method's to set; a patch cannot smuggle either in.
      const { id: _id, state: _state, ...fields } = patch;
      const doc = await rounds.findOneAndUpdate({ _id: id, state: from }, { $set: { ...fields, state: to } }, { returnDocument: 'after' });
      return read(doc);
    },

    async claimQuoteBatch(id, batch) {
      const claimed = await rounds.findOneAndUpdate({ _id: id, quoteBatch: { $exists: false } }, { $set: { quoteBatch: batch } }, { returnDocument: 'after' });
      const winner = (claimed ?? (await rounds.findOne({ _id: id })))?.quoteBatch;
      if (typeof winner !== 'string') throw new Error(`round ${id} not found while claiming its quotes`);
      return winner;
    },

    async listWithAnswersKept() {
      const docs = await rounds.find({ state: { $in: ['published', 'cancelled'] }, answersPurgedAt: { $exists: false } }).sort({ _id: 1 }).toArray();
      return docs.map((doc) => read(doc)!);
    },

    async markAnswersPurged(id, now) {
      await rounds.updateOne({ _id: id, answersPurgedAt: { $exists: false } }, { $set: { answersPurgedAt: now } });
    },

    async previousPublished(tenantId, before, comparable) {
      const filter: Filter<StringIdDocument> = { tenantId, state: 'published', publishedAt: { $lt: before } };
      // The same set of dimensions: all of them, and no others.
      if (comparable) filter.dimensionIds = { $size: comparable.dimensionIds.length, $all: [...comparable.dimensionIds] };
      const doc = await rounds.find(filter).sort({ publishedAt: -1, _id: 1 }).limit(1).next();
      return read(doc);
    },
  };
}
