/**
 * Building blocks shared by the write commands (update, findAndModify) and readers (find, count):
 * matching, hint checks, single-document updates and upserts.
 */
import { ObjectId, type Document } from 'bson';
import { deepClone, isPlainObject, serialize } from '../bson-values';
import type { Catalog } from '../catalog';
import type { Collection } from '../collection';
import { ErrorCode, MongoCommandError, badValue } from '../errors';
import { equalityFieldsOf, sortDocuments, type CompiledFilter, type SortSpec } from '../query';
import { topMatches } from '../top-matches';
import { applyUpdate, upsertSeed, type ParsedUpdate } from '../update-engine';

export interface MatchOptions {
  sort?: SortSpec;
  /** Only the first `limit` matches (in sort order, else natural order) are needed; 0 = all. */
  limit?: number;
  /** `{ $natural: ±1 }` forces a collection scan, as on a real server (and lets tests compare). */
  hint?: unknown;
}

function forcesScan(hint: unknown): boolean {
  return isPlainObject(hint) && '$natural' in hint;
}

/**
 * The matching documents, sorted by `sort` (ties and unsorted results in natural order).
 * Candidates come from an index when the filter pins a `_id` or index prefix (Collection.candidates),
 * else from a scan; each is tested against the full filter either way, so the index only affects
 * speed. With a sort and a limit, only the top `limit` are selected (top-matches.ts).
 */
export function matching(coll: Collection | undefined, filter: CompiledFilter, options: MatchOptions = {}): Document[] {
  if (!coll) return [];
  const { sort, limit = 0 } = options;
  const topOnly = sort !== undefined && limit > 0;
  const candidates = (forcesScan(options.hint) ? undefined : coll.candidates(filter.filter, !topOnly)) ?? coll.values();
  if (topOnly) return topMatches(candidates, filter, sort, limit, (doc) => coll.naturalRank(doc));
  const docs: Document[] = [];
  for (const d of candidates) {
    if (!filter.test(d)) continue;
    docs.push(d);
    if (!sort && docs.length === limit) break;
  }
  return sortDocuments(docs, sort);
}

/** A real server fails when the hinted index does not exist; so does this one. */
export function checkHint(coll: Collection | undefined, hint: unknown): void {
  if (hint === undefined || hint === null || !coll) return;
  if (typeof hint === 'string') {
    if (!coll.indexSpecs().some((s) => s.name === hint)) throw badValue('hint provided does not correspond to an existing index');
    return;
  }
  if (isPlainObject(hint)) {
    if (Object.keys(hint).length === 0) return;
    if ('$natural' in hint) return;
    if (coll.findIndexByKey(hint).length === 0) throw badValue('hint provided does not correspond to an existing index');
    return;
  }
  throw new MongoCommandError(ErrorCode.FailedToParse, 'hint must be a string or an object');
}

function sameBson(a: Document, b: Document): boolean {
  return Buffer.from(serialize(a)).equals(Buffer.from(serialize(b)));
}

/**
 * Applies `parsed` to one stored document. Returns the new version, or the old one when the update
 * changed nothing (a real server then reports nModified: 0 and writes nothing).
 */
export function updateDocument(
  coll: Collection,
  doc: Document,
  parsed: ParsedUpdate,
  filter: Document,
  variables: Document | undefined,
): { doc: Document; modified: boolean } {
  const next = applyUpdate(doc, parsed, { filter, isUpsertInsert: false, variables });
  if (sameBson(doc, next)) return { doc, modified: false };
  coll.replace(doc, next);
  return { doc: next, modified: true };
}

/**
 * The upsert insert: the filter's equality fields plus the update (replacement documents keep
 * only the filter's `_id`), then a generated ObjectId if there is still no `_id`.
 * A unique index conflict surfaces as E11000, exactly as on a real server.
 */
export function upsertDocument(
  catalog: Catalog,
  db: string,
  collName: string,
  filter: Document,
  parsed: ParsedUpdate,
  variables: Document | undefined,
): Document {
  const seed = upsertSeed(equalityFieldsOf(filter));
  let doc = applyUpdate(seed, parsed, { filter, isUpsertInsert: true, variables });
  if (doc._id === undefined) doc = { _id: new ObjectId(), ...doc };
  catalog.getOrCreate(db, collName).insert(doc);
  return doc;
}

/** Insert preparation: a private copy with `_id` first, generating an ObjectId when missing. */
export function prepareInsert(raw: Document): Document {
  const doc = deepClone(raw);
  if (doc._id === undefined) return { _id: new ObjectId(), ...doc };
  if (Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}
