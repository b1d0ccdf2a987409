import type { Db, Document } from 'mongodb';
import type { ResponseRepository } from '../../core/ports';
import type { ResponseRecord } from '../../core/response';
import { collection } from '../collections';
import { isDuplicateKeyError } from '../errors';
import { fromDocument, SCHEMA_VERSION, upgradeDocument, versionOf } from '../schema-version';

const CURRENT = SCHEMA_VERSION.responses;

/**
 * One document per (roundId, respondentKey) with the answers embedded as `answers.<itemId>`.
 * Every write is a single-document atomic update keyed by that pair, so concurrent answers from
 * one person each touch only their own field and a repeated request changes nothing.
 */
export function createResponseRepository(db: Db): ResponseRepository {
  const responses = collection(db, 'responses');
  const read = (doc: Document | null) =>
    doc ? fromDocument<ResponseRecord>('responses', { answers: {}, submittedSections: [], ...doc }) : null;
  const key = (roundId: string, respondentKey: string) => ({ roundId, respondentKey });
  // Writes only match documents already in the current shape: `$set` of `answers.<id>` on a v1
  // document (answers was an array) would fail or corrupt it. An old document therefore makes
  // the upsert collide with the unique index, which `upsertOnce` answers by upgrading it first.
  const writable = (roundId: string, respondentKey: string) => ({ ...key(roundId, respondentKey), schemaVersion: { $gte: CURRENT } });
  const onInsert = (roundId: string, respondentKey: string, now: Date) => ({ roundId, respondentKey, createdAt: now, schemaVersion: CURRENT });

  /** Rewrites one older-version document in the current shape; only if nobody did it first. */
  async function upgradeInPlace(roundId: string, respondentKey: string): Promise<void> {
    const doc = await responses.findOne(key(roundId, respondentKey));
    if (!doc || versionOf(doc) >= CURRENT) return;
    await responses.replaceOne({ _id: doc._id, schemaVersion: doc.schemaVersion ?? { $exists: false } }, upgradeDocument('responses', doc));
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
    async saveAnswers(roundId, respondentKey, answers, now) {
      const set: Document = { updatedAt: now };
      const unset: Document = {};
      for (const [itemId, value] of Object.entries(answers)) {
        if (value === null || value === undefined) unset[`answers.${itemId}`] = '';
        else set[`answers.${itemId}`] = value;
      }
      // On insert `answers` comes from the `$set` of its fields; it is never also in `$setOnInsert`,
      // because MongoDB refuses two operators on overlapping paths (readers default it to {}).
      const update: Document = { $set: set, $setOnInsert: { ...onInsert(roundId, respondentKey, now), submittedSections: [] } };
      if (Object.keys(unset).length) update.$unset = unset;
      await upsertOnce(roundId, respondentKey, () => responses.updateOne(writable(roundId, respondentKey), update, { upsert: true }));
    },

    async markSectionSubmitted(roundId, respondentKey, section, complete, now) {
      let doc = await upsertOnce(roundId, respondentKey, () =>
        responses.findOneAndUpdate(
          writable(roundId, respondentKey),
          { $addToSet: { submittedSections: section }, $set: { updatedAt: now }, $setOnInsert: { ...onInsert(roundId, respondentKey, now), answers: {} } },
          { upsert: true, returnDocument: 'after' },
        ),
      );
      if (complete && doc && doc.completedAt === undefined) {
        // completedAt is set once: the filter only matches while it is still missing.
        doc =
          (await responses.findOneAndUpdate({ _id: doc._id, completedAt: { $exists: false } }, { $set: { completedAt: now } }, { returnDocument: 'after' })) ??
          (await responses.findOne({ _id: doc._id }));
      }
      return read(doc)!;
    },

    async saveSection(roundId, respondentKey, section, answers, group, now) {
      const set: Document = { updatedAt: now };
      const unset: Document = {};
      for (const [itemId, value] of Object.entries(answers)) {
        if (value === null || value === undefined) unset[`answers.${itemId}`] = '';
        else set[`answers.${itemId}`] = value;
      }
      if (typeof group === 'string') set.group = group;
      else if (group === null) unset.group = '';
      // As in saveAnswers: `answers` and `submittedSections` come from their own operators on
      // insert, never also from `$setOnInsert` (overlapping paths are refused).
      const update: Document = { $set: set, $addToSet: { submittedSections: section }, $setOnInsert: onInsert(roundId, respondentKey, now) };
      if (Object.keys(unset).length) update.$unset = unset;
      const doc = await upsertOnce(roundId, respondentKey, () => responses.findOneAndUpdate(writable(roundId, respondentKey), update, { upsert: true, returnDocument: 'after' }));
      return read(doc)!;
    },

    async markCompleted(roundId, respondentKey, now) {
      // completedAt is set once: the filter only matches while it is still missing.
      await responses.updateOne({ ...key(roundId, respondentKey), completedAt: { $exists: false } }, { $set: { completedAt: now } });
    },

    async setGroup(roundId, respondentKey, group, now) {
      const update: Document = {
        $set: { updatedAt: now, ...(group === null ? {} : { group }) },
        $setOnInsert: { ...onInsert(roundId, respondentKey, now), answers: {}, submittedSections: [] },
      };
      if (group === null) update.$unset = { group: '' };
      await upsertOnce(roundId, respondentKey, () => responses.updateOne(writable(roundId, respondentKey), update, { upsert: true }));
    },

    async get(roundId, respondentKey) {
      return read(await responses.findOne(key(roundId, respondentKey)));
    },

    async listByRound(roundId) {
      return (await responses.find({ roundId }).sort({ _id: 1 }).toArray()).map((doc) => read(doc)!);
    },

    async forEachByRound(roundId, visit) {
      let seen = 0;
      // No sort: any order will do for a tally, and the server need not order 10,000 documents.
      for await (const doc of responses.find({ roundId })) {
        seen++;
        const pending = visit(read(doc)!);
        if (pending) await pending;
      }
      return seen;
    },

    async count(roundId) {
      const [started, completed] = await Promise.all([
        responses.countDocuments({ roundId }),
        responses.countDocuments({ roundId, completedAt: { $exists: true } }),
      ]);
      return { started, completed };
    },
  };
}
