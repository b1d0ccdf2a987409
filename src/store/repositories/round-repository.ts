import type { Db, Document, Filter } from 'mongodb';
import type { RoundRepository } from '../../core/ports';
import { assertTransition, type Round } from '../../core/round';
import { readTogether } from '../batched-reads';
import { collection, type StringIdDocument } from '../collections';
import { isDuplicateKeyError } from '../errors';
import { fromDocument, toDocument } from '../schema-version';
import { QuestionnaireCache } from './questionnaire-cache';

/** Read without the questionnaire when this process already holds it. */
const WITHOUT_QUESTIONNAIRE = { projection: { questionnaire: 0 } } as const;

/**
 * Rounds use their id as `_id`; the questionnaire is stored frozen inside the round. It is
 * written once, at insert, and never changed (no update touches it), so each process keeps the
 * questionnaires it has read (bounded) and afterwards reads a round without its ~30 KB copy.
 * The state and dates are always read fresh.
 */
export function createRoundRepository(db: Db, cache = new QuestionnaireCache()): RoundRepository {
  const rounds = collection<StringIdDocument>(db, 'rounds');
  const read = (doc: Document | null): Round | null => {
    if (!doc) return null;
    const id = String(doc._id);
    if (doc.questionnaire === undefined) {
      const questionnaire = cache.get(id);
      // Only asked without it when cached; evicted in between (a very busy process): read again.
      if (!questionnaire) return null;
      return fromDocument<Round>('rounds', { ...doc, questionnaire }, 'id');
    }
    const round = fromDocument<Round>('rounds', doc, 'id');
    return { ...round, questionnaire: cache.remember(id, round.questionnaire) };
  };
  // Complete reads in flight, by round id: fifty people answering the moment a process starts (or
  // a round opens) share one read of the ~30 KB questionnaire instead of fifty.
  const loading = new Map<string, Promise<Document | null>>();
  /** One round by a filter on its id: without the questionnaire when cached, complete otherwise. */
  const findRound = async (id: string, query: (options: { projection?: Document }) => Promise<Document | null>, share = false): Promise<Round | null> => {
    if (cache.get(id)) {
      const doc = await query(WITHOUT_QUESTIONNAIRE);
      if (!doc) return null;
      const round = read(doc);
      if (round) return round;
    }
    // Only plain reads are shared; a write (a transition) always runs as its own command.
    if (!share) return read(await query({}));
    let pending = loading.get(id);
    if (!pending) {
      pending = query({}).finally(() => loading.delete(id));
      loading.set(id, pending);
    }
    return read(await pending);
  };

  // The state and dates of a round whose questionnaire is held, for everyone answering it at the
  // same moment, in one query.
  const readState = readTogether((id) => rounds.find({ _id: id }, WITHOUT_QUESTIONNAIRE).toArray(), (doc) => String(doc._id));

  return {
    async insert(round) {
      // Ids are never reused in production; a test that stores a new round under an old id
      // must not get the old questionnaire back.
      cache.forget(round.id);
      try {
        await rounds.insertOne(toDocument('rounds', round, 'id') as StringIdDocument);
      } catch (e) {
        // The same round inserted twice (a retried request) is the same round.
        if (!isDuplicateKeyError(e)) throw e;
      }
    },

    async get(id) {
      return findRound(id, async (options) => (options === WITHOUT_QUESTIONNAIRE ? ((await readState(id, id))[0] ?? null) : rounds.findOne({ _id: id }, options)), true);
    },

    async listByTenant(tenantId, opts = {}) {
      const filter: Filter<StringIdDocument> = { tenantId };
      if (opts.states) filter.state = { $in: opts.states };
      const cursor = rounds.find(filter, WITHOUT_QUESTIONNAIRE).sort({ createdAt: -1, _id: 1 });
      if (opts.limit) cursor.limit(opts.limit);
      const docs = await cursor.toArray();
      // The questionnaires this process does not hold yet, in one more query.
      const missing = docs.map((d) => String(d._id)).filter((id) => !cache.get(id));
      if (missing.length) {
        for (const doc of await rounds.find({ _id: { $in: missing } }, { projection: { questionnaire: 1 } }).toArray()) {
          if (doc.questionnaire) cache.remember(String(doc._id), doc.questionnaire);
        }
      }
      return docs.flatMap((doc) => {
        const questionnaire = cache.get(String(doc._id));
        return questionnaire ? [read({ ...doc, questionnaire })!] : [];
      });
    },

    async transition(id, from, to, patch) {
      assertTransition(from, to);
      // The id and the state are this method's to set; a patch cannot smuggle either in.
      const { id: _id, state: _state, ...fields } = patch;
      return findRound(id, (options) => rounds.findOneAndUpdate({ _id: id, state: from }, { $set: { ...fields, state: to } }, { returnDocument: 'after', ...options }));
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

    async markAnswersPurged(id, now, responseCounts) {
      await rounds.updateOne({ _id: id, answersPurgedAt: { $exists: false } }, { $set: { answersPurgedAt: now, responseCounts } });
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
