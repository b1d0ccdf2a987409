/**
 * One collection: its documents (in natural = insertion order) and its indexes.
 *
 * Invariants that make the rest of the server simple:
 *  - Stored documents are never mutated. Updates build a new object and swap it in, so a cursor
 *    holding an old version keeps seeing a consistent document.
 *  - Every mutation checks ALL unique constraints before changing anything, so a failed write
 *    leaves no trace (no half-indexed document).
 *  - Every successful mutation is reported to `record`, which feeds the durability journal.
 *  - Index postings (see index-spec.ts) change together with the document map, in the same
 *    methods, so `candidates` never sees a document under a key it no longer holds.
 */
import { UUID, type Document } from 'bson';
import { MAX_BSON_OBJECT_SIZE, bsonSize, canonicalKey, formatDocument, formatValue, bsonTypeTag } from './bson-values';
import { ErrorCode, MongoCommandError } from './errors';
import {
  ID_INDEX_SPEC,
  Index,
  sameIndexDefinition,
  sameIndexShape,
  type IndexKey,
  type IndexSpec,
} from './index-spec';
import type { JournalOp } from './journal-ops';
import { equalityConditions, indexCandidateSets } from './query-plan';

export type RecordFn = (op: JournalOp) => void;

export class Collection {
  readonly db: string;
  readonly name: string;
  readonly uuid: UUID;
  readonly options: Document;
  private readonly docs = new Map<string, Document>();
  private readonly indexes: Index[] = [new Index(ID_INDEX_SPEC)];
  /**
   * Position in natural order of each document (by canonical `_id`): the Map above iterates in
   * that order, but documents found through an index come out of posting sets in another order,
   * and results without a sort (and sort ties) must follow natural order, as a scan would.
   */
  private readonly seqs = new Map<string, number>();
  private nextSeq = 0;
  private readonly record: RecordFn;

  constructor(db: string, name: string, options: Document, record: RecordFn, uuid?: UUID) {
    this.db = db;
    this.name = name;
    this.options = options;
    this.record = record;
    this.uuid = uuid ?? new UUID();
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get size(): number {
    return this.docs.size;
  }

  /** Snapshot of the documents in natural order (the array is new; documents are shared, immutable). */
  documents(): Document[] {
    return Array.from(this.docs.values());
  }

  /** Live iteration in natural order; callers must not mutate the collection while iterating. */
  values(): IterableIterator<Document> {
    return this.docs.values();
  }

  findById(id: unknown): Document | undefined {
    return this.docs.get(canonicalKey(id));
  }

  indexSpecs(): IndexSpec[] {
    return this.indexes.map((i) => i.spec);
  }

  ttlIndexes(): Index[] {
    return this.indexes.filter((i) => i.spec.expireAfterSeconds !== undefined);
  }

  private duplicateKeyError(index: Index, key: IndexKey): MongoCommandError {
    return new MongoCommandError(
      ErrorCode.DuplicateKey,
      `E11000 duplicate key error collection: ${this.ns} index: ${index.name} dup key: ${formatDocument(key.value)}`,
      { keyPattern: { ...index.spec.key }, keyValue: key.value },
    );
  }

  private static validateId(doc: Document): void {
    const id = doc._id;
    if (Array.isArray(id)) {
      throw new MongoCommandError(ErrorCode.InvalidIdField, `The '_id' value cannot be of type array`);
    }
    if (id instanceof RegExp || bsonTypeTag(id) === 'BSONRegExp') {
      throw new MongoCommandError(ErrorCode.InvalidIdField, "can't use a regex for _id");
    }
    if (id === undefined) throw new MongoCommandError(ErrorCode.InternalError, 'document without _id reached storage');
  }

  /**
   * Keys of `doc` in every secondary index, after checking none of its unique keys is taken by
   * another document. Computing keys also validates (parallel arrays), as a server would.
   */
  private checkedKeys(doc: Document, selfId: string | undefined): Array<[Index, IndexKey[]]> {
    const result: Array<[Index, IndexKey[]]> = [];
    for (const index of this.indexes) {
      if (index.spec.name === ID_INDEX_SPEC.name) continue;
      const keys = index.keysOf(doc);
      if (index.owners) {
        for (const key of keys) {
          const owner = index.owners.get(key.id);
          if (owner !== undefined && owner !== selfId) throw this.duplicateKeyError(index, key);
        }
      }
      result.push([index, keys]);
    }
    return result;
  }

  /** Enters already checked keys into the unique maps and postings. */
  private static addKeys(idKey: string, indexKeys: Array<[Index, IndexKey[]]>): void {
    for (const [index, keys] of indexKeys) {
      if (index.owners) for (const k of keys) index.owners.set(k.id, idKey);
      index.addPostings(idKey, keys);
    }
  }

  /** Removes the stored version `stored` of document `idKey` from the unique maps and postings. */
  private removeKeys(idKey: string, stored: Document): void {
    for (const index of this.indexes) {
      if (!index.owners && !index.postings) continue;
      const keys = index.keysOf(stored);
      if (index.owners) for (const k of keys) if (index.owners.get(k.id) === idKey) index.owners.delete(k.id);
      index.removePostings(idKey, keys);
    }
  }

  private static checkSize(doc: Document, context: 'insert' | 'update'): void {
    const size = bsonSize(doc);
    if (size > MAX_BSON_OBJECT_SIZE) {
      if (context === 'update') {
        throw new MongoCommandError(17419, `Resulting document after update is larger than ${MAX_BSON_OBJECT_SIZE}`);
      }
      throw new MongoCommandError(
        ErrorCode.BadValue,
        `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`,
      );
    }
  }

  /** Inserts a document that already has its `_id`. Throws E11000 (and changes nothing) on conflict. */
  insert(doc: Document): void {
    Collection.validateId(doc);
    Collection.checkSize(doc, 'insert');
    const idKey = canonicalKey(doc._id);
    if (this.docs.has(idKey)) {
      throw this.duplicateKeyError(this.indexes[0], { id: idKey, parts: [idKey], value: { _id: doc._id } });
    }
    Collection.addKeys(idKey, this.checkedKeys(doc, undefined));
    this.docs.set(idKey, doc);
    this.seqs.set(idKey, this.nextSeq++);
    this.record({ op: 'put', db: this.db, coll: this.name, doc });
  }

  /** Replaces the stored version of a document (same `_id`) with `next`. */
  replace(current: Document, next: Document): void {
    const idKey = canonicalKey(current._id);
    if (this.docs.get(idKey) !== current) {
      throw new MongoCommandError(ErrorCode.InternalError, `stale document for _id ${formatValue(current._id)}`);
    }
    Collection.checkSize(next, 'update');
    const newKeys = this.checkedKeys(next, idKey);
    this.removeKeys(idKey, current);
    Collection.addKeys(idKey, newKeys);
    this.docs.set(idKey, next);
    this.record({ op: 'put', db: this.db, coll: this.name, doc: next });
  }

  delete(doc: Document): void {
    const idKey = canonicalKey(doc._id);
    const stored = this.docs.get(idKey);
    if (!stored) return;
    this.removeKeys(idKey, stored);
    this.docs.delete(idKey);
    this.seqs.delete(idKey);
    this.record({ op: 'delete', db: this.db, coll: this.name, id: stored._id });
  }

  /**
   * Creates an index; returns false when an identical one exists (a no-op, as on a real server).
   * Building a unique index over existing duplicates fails with E11000 and leaves no index.
   */
  createIndex(spec: IndexSpec): boolean {
    for (const existing of this.indexes) {
      if (existing.spec.name === spec.name) {
        if (sameIndexDefinition(existing.spec, spec)) return false;
        throw new MongoCommandError(
          ErrorCode.IndexKeySpecsConflict,
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${formatDocument(spec as unknown as Document)}, existing index: ${formatDocument(existing.spec as unknown as Document)}`,
        );
      }
      if (sameIndexShape(existing.spec, spec)) {
        if (sameIndexDefinition(existing.spec, spec)) {
          throw new MongoCommandError(ErrorCode.IndexOptionsConflict, `Index already exists with a different name: ${existing.spec.name}`);
        }
        throw new MongoCommandError(
          ErrorCode.IndexOptionsConflict,
          `An equivalent index already exists with the same name but different options. Requested index: ${formatDocument(spec as unknown as Document)}, existing index: ${formatDocument(existing.spec as unknown as Document)}`,
        );
      }
    }
    const index = new Index(spec);
    for (const [idKey, doc] of this.docs) {
      const keys = index.keysOf(doc);
      if (index.owners) {
        for (const key of keys) {
          const owner = index.owners.get(key.id);
          if (owner !== undefined && owner !== idKey) throw this.duplicateKeyError(index, key);
          index.owners.set(key.id, idKey);
        }
      }
      index.addPostings(idKey, keys);
    }
    this.indexes.push(index);
    this.record({ op: 'createIndex', db: this.db, coll: this.name, spec: { ...spec } as unknown as Document });
    return true;
  }

  /** Drops a secondary index by name. */
  dropIndex(name: string): void {
    const i = this.indexes.findIndex((x) => x.spec.name === name);
    if (i < 0) throw new MongoCommandError(ErrorCode.IndexNotFound, `index not found with name [${name}]`);
    if (name === '_id_') throw new MongoCommandError(ErrorCode.InvalidOptions, 'cannot drop _id index');
    this.indexes.splice(i, 1);
    this.record({ op: 'dropIndex', db: this.db, coll: this.name, name });
  }

  /**
   * The documents that can match `filter` according to its equality/`$in` conditions on `_id` or
   * on a leading prefix of an index (query-plan.ts), or undefined when nothing narrows the search
   * (then the caller scans `values()`). A superset of the matches: the caller still tests each one.
   * With `naturalOrder` they come in natural order, as a scan would yield them; otherwise in any
   * order (the caller sorts, breaking ties with `naturalRank`).
   */
  candidates(filter: Document, naturalOrder: boolean): Document[] | undefined {
    const conditions = equalityConditions(filter);
    if (conditions.size === 0) return undefined;
    const ids = conditions.get('_id');
    const sets: Array<Iterable<string>> | undefined = ids ? [ids] : indexCandidateSets(conditions, this.indexes);
    if (!sets) return undefined;
    const found: Document[] = [];
    // A multikey document can sit in several of the looked-up sets; `$in` lists are deduplicated.
    const seen = sets.length > 1 ? new Set<string>() : undefined;
    for (const set of sets) {
      for (const idKey of set) {
        if (seen) {
          if (seen.has(idKey)) continue;
          seen.add(idKey);
        }
        const doc = this.docs.get(idKey);
        if (doc) found.push(doc);
      }
    }
    if (!naturalOrder || found.length < 2) return found;
    return found
      .map((doc) => ({ doc, seq: this.naturalRank(doc) }))
      .sort((a, b) => a.seq - b.seq)
      .map((x) => x.doc);
  }

  /** Position of a stored document in natural order (smaller = earlier). */
  naturalRank(doc: Document): number {
    return this.seqs.get(canonicalKey(doc._id)) ?? Number.MAX_SAFE_INTEGER;
  }

  findIndexByKey(key: Document): IndexSpec[] {
    const k = canonicalKey(key);
    return this.indexes.filter((i) => canonicalKey(i.spec.key) === k).map((i) => i.spec);
  }
}
