import type { Db, Document } from 'mongodb';
import type { DraftRepository } from '../../core/ports';
import { readTogether } from '../batched-reads';
import { collection, type StringIdDocument } from '../collections';
import { isDuplicateKeyError } from '../errors';
import { SCHEMA_VERSION } from '../schema-version';

/**
 * Field ids ("R3.onderwijsloopbaan") contain dots, which MongoDB reads as paths: they are stored
 * with `%`, `.` and a leading `$` escaped, so one page's fields `$set` atomically next to another's.
 */
const encodeField = (id: string) => id.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/^\$/, '%24');
const decodeField = (key: string) => key.replace(/%24/g, '$').replace(/%2E/g, '.').replace(/%25/g, '%');

function decodeFields(raw: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (raw && typeof raw === 'object') for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[decodeField(k)] = v;
  return { ...out };
}

/**
 * One document per (round, respondent key, section). The `_id` is made of those three, so the
 * document has no ObjectId (whose creation time would tell when someone paused) and an upsert
 * of the same draft from two processes lands on one document.
 */
export function createDraftRepository(db: Db): DraftRepository {
  const drafts = collection<StringIdDocument>(db, 'drafts');
  const idOf = (roundId: string, respondentKey: string, section: string) => `${roundId}\u0000${respondentKey}\u0000${section}`;
  // The drafts of several people answering at the same moment come in one query.
  const readDrafts = readTogether((roundId, keys) => drafts.find({ roundId, respondentKey: { $in: keys } }).toArray(), (doc) => String(doc.respondentKey));

  return {
    async save(roundId, respondentKey, section, fields, mode, expiresAt) {
      const _id = idOf(roundId, respondentKey, section);
      const encoded: Document = {};
      for (const [id, value] of Object.entries(fields)) encoded[encodeField(id)] = value;
      const identity = { roundId, respondentKey, section, schemaVersion: SCHEMA_VERSION.drafts };
      const update: Document =
        mode === 'replace'
          ? { $set: { fields: encoded, expiresAt }, $setOnInsert: identity }
          : { $set: { expiresAt, ...Object.fromEntries(Object.entries(encoded).map(([k, v]) => [`fields.${k}`, v])) }, $setOnInsert: identity };
      const run = () => drafts.findOneAndUpdate({ _id }, update, { upsert: true, returnDocument: 'after' });
      let doc: Document | null;
      try {
        doc = await run();
      } catch (e) {
        // Two processes inserting the same new draft at once: the second now matches it.
        if (!isDuplicateKeyError(e)) throw e;
        doc = await run();
      }
      return decodeFields(doc?.fields);
    },

    async get(roundId, respondentKey, section) {
      const doc = await drafts.findOne({ _id: idOf(roundId, respondentKey, section) });
      return doc ? decodeFields(doc.fields) : null;
    },

    async listByRespondent(roundId, respondentKey) {
      const docs = await readDrafts(roundId, respondentKey);
      return new Map(docs.map((doc) => [String(doc.section), decodeFields(doc.fields)]));
    },

    async delete(roundId, respondentKey, section) {
      await drafts.deleteOne({ _id: idOf(roundId, respondentKey, section) });
    },

    async deleteByRound(roundId) {
      return (await drafts.deleteMany({ roundId })).deletedCount;
    },
  };
}
