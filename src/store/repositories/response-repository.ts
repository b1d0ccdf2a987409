import { randomInt } from 'node:crypto';
import { MongoBulkWriteError, type Db, type Document } from 'mongodb';
import type { ResponseRepository } from '../../core/ports';
import { randomId } from '../../core/random-id';
import type { ResponseRecord } from '../../core/response';
import { readTogether } from '../batched-reads';
import { collection, type StringIdDocument } from '../collections';
import { isDuplicateKeyError, isOnlyDuplicateKeys } from '../errors';
import { fromDocument, SCHEMA_VERSION, upgradeDocument, versionOf } from '../schema-version';

const CURRENT = SCHEMA_VERSION.responses;

/** Fisher–Yates with the crypto generator: the order documents are written in carries nothing. */
function shuffled<T>(list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(0, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * One document per (roundId, respondentKey) with the answers embedded as `answers.<itemId>`.
 * Every write is a single-document atomic update keyed by that pair, so concurrent answers from
 * one person each touch only their own field and a repeated request changes nothing.
 *
 * Anonymity towards whoever reads the database (see README, "Anonymity"): a response has a
 * random `_id` (never an ObjectId, whose first bytes are its creation time), stores no time at
 * all (the `now` the port passes in is deliberately not written), and is normally created empty
 * at round opening, for every invitee at once in random order (`prepare`), so neither the
 * insertion order nor the document's existence says who answered first or at all.
 */
export function createResponseRepository(db: Db): ResponseRepository {
  const responses = collection<StringIdDocument>(db, 'responses');
  const read = (doc: Document | null) =>
    doc ? fromDocument<ResponseRecord>('responses', { answers: {}, submittedSections: [], complete: false, ...doc }) : null;
  const key = (roundId: string, respondentKey: string) => ({ roundId, respondentKey });
  // Responses read at the same moment (colleagues answering at once) come in one query.
  const readResponse = readTogether((roundId, keys) => responses.find({ roundId, respondentKey: { $in: keys } }).toArray(), (doc) => String(doc.respondentKey));
  // Writes only match documents already in the current shape: `$set` of `answers.<id>` on a v1
  // document (answers was an array) would fail or corrupt it, and a v2 document still carries
  // time stamps. An old document therefore makes the upsert collide with the unique index, which
  // `upsertOnce` answers by upgrading it first.
  const writable = (roundId: string, respondentKey: string) => ({ ...key(roundId, respondentKey), schemaVersion: { $gte: CURRENT } });
  const onInsert = (roundId: string, respondentKey: string) => ({ _id: randomId(), roundId, respondentKey, complete: false, schemaVersion: CURRENT });

  const withoutComplete = ({ complete: _c, ...rest }: ReturnType<typeof onInsert>) => rest;

  /** Rewrites one older-version document in the current shape; only if nobody did it first. */
  async function upgradeInPlace(roundId: string, respondentKey: string): Promise<void> {
    const doc = await responses.findOne(key(roundId, respondentKey));
    if (!doc || versionOf(doc) >= CURRENT) return;
    await responses.replaceOne({ _id: doc._id, schemaVersion: doc.schemaVersion ?? { $exists: false } }, upgradeDocument('responses', doc) as StringIdDocument);
  }

  /**
   * Runs an upsert; on a duplicate-key error (another request inserted the same respondent's
   * document between our match and our insert, or the document is an older version) it makes
   * sure the stored document is current and runs the upsert once more, which then matches.
   */
  async function upsertOnce<T>(roundId: string, respondentKey: string, upsert: () => Promise<T>): Promise<T> {
    try {
      return await upsert();
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
      await upgradeInPlace(roundId, respondentKey);
      return upsert();
    }
  }

  return {
    async prepare(roundId, respondentKeys) {
      const docs = shuffled([...new Set(respondentKeys)]).map(
        (respondentKey) => ({ ...onInsert(roundId, respondentKey), answers: {}, submittedSections: [] }) as StringIdDocument,
      );
      if (docs.length === 0) return;
      try {
        await responses.insertMany(docs, { ordered: false });
      } catch (e) {
        // Prepared before (a retried opening) or already answered: the stored document stays.
        if (!(e instanceof MongoBulkWriteError && isOnlyDuplicateKeys(e))) throw e;
      }
    },

    async saveAnswers(roundId, respondentKey, answers) {
      const set: Document = {};
      const unset: Document = {};
      for (const [itemId, value] of Object.entries(answers)) {
        if (value === null || value === undefined) unset[`answers.${itemId}`] = '';
        else set[`answers.${itemId}`] = value;
      }
      // On insert `answers` comes from the `$set` of its fields; it is never also in `$setOnInsert`,
      // because MongoDB refuses two operators on overlapping paths (readers default it to {}).
      const update: Document = { $setOnInsert: { ...onInsert(roundId, respondentKey), submittedSections: [] } };
      if (Object.keys(set).length) update.$set = set;
      if (Object.keys(unset).length) update.$unset = unset;
      await upsertOnce(roundId, respondentKey, () => responses.updateOne(writable(roundId, respondentKey), update, { upsert: true }));
    },

    async markSectionSubmitted(roundId, respondentKey, section, complete) {
      // `complete` only ever goes from false to true; a later resubmission cannot undo it.
      const doc = await upsertOnce(roundId, respondentKey, () =>
        responses.findOneAndUpdate(
          writable(roundId, respondentKey),
          {
            $addToSet: { submittedSections: section },
            ...(complete ? { $set: { complete: true } } : {}),
            // `complete` must not be in both `$set` and `$setOnInsert` (MongoDB refuses overlapping paths).
            $setOnInsert: complete ? { ...withoutComplete(onInsert(roundId, respondentKey)), answers: {} } : { ...onInsert(roundId, respondentKey), answers: {} },
          },
          { upsert: true, returnDocument: 'after' },
        ),
      );
      return read(doc)!;
    },

    async saveSection(roundId, respondentKey, section, answers, group) {
      // Like every write here, no time is stored (the port's `now` is deliberately not written).
      const set: Document = {};
      const unset: Document = {};
      for (const [itemId, value] of Object.entries(answers)) {
        if (value === null || value === undefined) unset[`answers.${itemId}`] = '';
        else set[`answers.${itemId}`] = value;
      }
      if (typeof group === 'string') set.group = group;
      else if (group === null) unset.group = '';
      // As in saveAnswers: `answers` and `submittedSections` come from their own operators on
      // insert, never also from `$setOnInsert` (overlapping paths are refused).
      const update: Document = { $addToSet: { submittedSections: section }, $setOnInsert: onInsert(roundId, respondentKey) };
      if (Object.keys(set).length) update.$set = set;
      if (Object.keys(unset).length) update.$unset = unset;
      const doc = await upsertOnce(roundId, respondentKey, () => responses.findOneAndUpdate(writable(roundId, respondentKey), update, { upsert: true, returnDocument: 'after' }));
      return read(doc)!;
    },

    async markCompleted(roundId, respondentKey) {
      // A resubmission never undoes `complete` (only a switch of group does, markIncomplete); no time goes with it.
      const result = await responses.updateOne({ ...writable(roundId, respondentKey), complete: { $ne: true } }, { $set: { complete: true } });
      if (result.matchedCount === 0) {
        // An older-version document (or none, or already complete): upgrade it, then try once more.
        await upgradeInPlace(roundId, respondentKey);
        await responses.updateOne({ ...writable(roundId, respondentKey), complete: { $ne: true } }, { $set: { complete: true } });
      }
    },

    async markIncomplete(roundId, respondentKey, group) {
      // Only while the group that made it incomplete is still the stored one: should a later
      // switch have come in between, that switch decides.
      await responses.updateOne({ ...writable(roundId, respondentKey), complete: true, group: group ?? { $exists: false } }, { $set: { complete: false } });
    },

    async setGroup(roundId, respondentKey, group) {
      const update: Document = { $setOnInsert: { ...onInsert(roundId, respondentKey), answers: {}, submittedSections: [] } };
      if (group === null) update.$unset = { group: '' };
      else update.$set = { group };
      await upsertOnce(roundId, respondentKey, () => responses.updateOne(writable(roundId, respondentKey), update, { upsert: true }));
    },

    async get(roundId, respondentKey) {
      return read((await readResponse(roundId, respondentKey))[0] ?? null);
    },

    async erase(roundId, respondentKey) {
      // In place, never a delete: the document count and order stay as they were; and, like
      // every write here, it stores no time (older versions' stamps go too).
      await responses.updateOne(key(roundId, respondentKey), {
        $set: { answers: {}, submittedSections: [], complete: false },
        $unset: { group: '', completedAt: '', createdAt: '', updatedAt: '' },
      });
    },

    async listByRound(roundId) {
      // Sorted by the pseudonym: a stable order that follows neither time nor person.
      return (await responses.find({ roundId }).sort({ respondentKey: 1 }).toArray()).map((doc) => read(doc)!);
    },

    async dropAnswers(roundId, itemIds) {
      if (itemIds.length === 0) return;
      await responses.updateMany({ roundId }, { $unset: Object.fromEntries(itemIds.map((id) => [`answers.${id}`, ''])) });
    },

    async deleteByRound(roundId) {
      return (await responses.deleteMany({ roundId })).deletedCount;
    },

    async forEachByRound(roundId, visit) {
      let seen = 0;
      // The same order as listByRound (the pseudonym, served by the unique (roundId, respondentKey)
      // index): it follows neither time nor person, so whatever is copied in this order (quotes) neither.
      for await (const doc of responses.find({ roundId }).sort({ respondentKey: 1 })) {
        seen++;
        const pending = visit(read(doc)!);
        if (pending) await pending;
      }
      return seen;
    },

    async count(roundId) {
      // Prepared documents are empty until someone submits a section; old (v2) documents may
      // still say `completedAt` instead of `complete`.
      const [started, completed] = await Promise.all([
        responses.countDocuments({ roundId, 'submittedSections.0': { $exists: true } }),
        responses.countDocuments({ roundId, $or: [{ complete: true }, { completedAt: { $exists: true } }] }),
      ]);
      return { started, completed };
    },
  };
}
