/**
 * Index specifications: validation of what `createIndexes` receives, and the keys a document
 * produces for an index (what unique constraints are checked on).
 *
 * Only ascending/descending B-tree indexes exist here. Indexes enforce constraints (unique,
 * sparse, partial, TTL) and, when they are neither sparse nor partial, also keep postings (which
 * documents hold which key prefix) so equality conditions can narrow a query's candidates
 * (see query-plan.ts). Postings never decide a result: every candidate is still matched in full.
 */
import type { Document } from 'bson';
import { bsonTypeTag, canonicalKey, compareValues, formatDocument, isPlainObject, EMPTY_ARRAY_SORT_KEY } from './bson-values';
import { ErrorCode, MongoCommandError, notImplemented } from './errors';
import { compileFilter, valuesAtPath, type CompiledFilter } from './query';

export interface IndexSpec {
  v: 2;
  key: Document;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
}

export const ID_INDEX_SPEC: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

const SPEC_FIELDS = new Set(['v', 'key', 'name', 'unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'background', 'ns', 'hidden', 'collation']);
const UNSUPPORTED_SPEC_FIELDS = new Set([
  'weights', 'default_language', 'language_override', 'textIndexVersion', '2dsphereIndexVersion', 'bits', 'min', 'max',
  'bucketSize', 'wildcardProjection', 'storageEngine', 'clustered', 'prepareUnique',
]);

function invalidSpec(message: string): MongoCommandError {
  return new MongoCommandError(ErrorCode.CannotCreateIndex, message);
}

/** Default index name, as drivers and servers generate it: `a_1_b_-1`. */
export function defaultIndexName(key: Document): string {
  return Object.entries(key)
    .map(([k, v]) => `${k}_${String(v)}`)
    .join('_');
}

function keyDirection(field: string, value: unknown): 1 | -1 {
  const n = typeof value === 'number' ? value : bsonTypeTag(value) === 'Long' ? Number(String(value)) : NaN;
  if (typeof value === 'string') throw notImplemented(`'${value}' indexes (field '${field}')`);
  if (Number.isNaN(n)) {
    throw invalidSpec(`Values in v:2 index key pattern cannot be of type ${typeof value}. Only numbers > 0, numbers < 0, and strings are allowed.`);
  }
  if (n === 0) throw invalidSpec("Values in the index key pattern can't be 0.");
  return n > 0 ? 1 : -1;
}

/** Validates and normalises one element of `createIndexes.indexes`. */
export function normalizeIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw)) throw new MongoCommandError(ErrorCode.TypeMismatch, 'Each index specification must be an object');
  for (const field of Object.keys(raw)) {
    if (UNSUPPORTED_SPEC_FIELDS.has(field)) throw notImplemented(`the index option '${field}'`);
    if (!SPEC_FIELDS.has(field)) {
      throw new MongoCommandError(
        ErrorCode.InvalidIndexSpecificationOption,
        `The field '${field}' is not valid for an index specification. Specification: ${formatDocument(raw)}`,
      );
    }
  }
  const key = raw.key;
  if (!isPlainObject(key) || Object.keys(key).length === 0) {
    throw invalidSpec('Index keys cannot be an empty field.');
  }
  const normalizedKey: Document = {};
  for (const [field, dir] of Object.entries(key)) {
    if (field === '' || field.split('.').some((s) => s === '')) throw invalidSpec(`Index keys cannot contain an empty field: ${field}`);
    if (field.startsWith('$')) throw notImplemented(`index key '${field}'`);
    keyDirection(field, dir);
    normalizedKey[field] = dir;
  }
  const name = raw.name === undefined ? defaultIndexName(normalizedKey) : raw.name;
  if (typeof name !== 'string' || name === '') throw invalidSpec('The index name cannot be empty');
  if (raw.hidden === true) throw notImplemented('hidden indexes');
  if (raw.collation !== undefined && !(isPlainObject(raw.collation) && raw.collation.locale === 'simple')) {
    throw notImplemented('index collations');
  }
  const spec: IndexSpec = { v: 2, key: normalizedKey, name };
  const isIdIndex = Object.keys(normalizedKey).length === 1 && '_id' in normalizedKey;
  if (raw.unique !== undefined && raw.unique !== false && raw.unique !== 0) {
    if (isIdIndex) throw new MongoCommandError(ErrorCode.InvalidIndexSpecificationOption, "The field 'unique' is not valid for an _id index specification.");
    spec.unique = true;
  }
  if (raw.sparse !== undefined && raw.sparse !== false && raw.sparse !== 0) spec.sparse = true;
  if (raw.partialFilterExpression !== undefined) {
    if (!isPlainObject(raw.partialFilterExpression)) {
      throw new MongoCommandError(ErrorCode.TypeMismatch, 'The field \'partialFilterExpression\' must be an object');
    }
    if (spec.sparse) throw invalidSpec('cannot mix "partialFilterExpression" and "sparse" options');
    compileFilter(raw.partialFilterExpression); // validate now, not at the first insert
    spec.partialFilterExpression = raw.partialFilterExpression;
  }
  if (raw.expireAfterSeconds !== undefined) {
    const secs = Number(String(raw.expireAfterSeconds));
    if (!Number.isFinite(secs) || secs < 0) {
      throw invalidSpec(`TTL index 'expireAfterSeconds' option must be a non-negative number`);
    }
    if (Object.keys(normalizedKey).length !== 1) {
      throw invalidSpec('TTL indexes are single-field indexes, compound indexes do not support TTL.');
    }
    if (isIdIndex) throw invalidSpec('The field \'expireAfterSeconds\' is not valid for an _id index specification.');
    spec.expireAfterSeconds = secs;
  }
  return spec;
}

/** Two specs describe the same index (name aside). */
export function sameIndexDefinition(a: IndexSpec, b: IndexSpec): boolean {
  return (
    canonicalKey(a.key) === canonicalKey(b.key) &&
    !!a.unique === !!b.unique &&
    !!a.sparse === !!b.sparse &&
    canonicalKey(a.partialFilterExpression ?? null) === canonicalKey(b.partialFilterExpression ?? null) &&
    (a.expireAfterSeconds ?? null) === (b.expireAfterSeconds ?? null)
  );
}

/** Same key pattern and partial filter: a real server treats these as the same index. */
export function sameIndexShape(a: IndexSpec, b: IndexSpec): boolean {
  return (
    canonicalKey(a.key) === canonicalKey(b.key) &&
    canonicalKey(a.partialFilterExpression ?? null) === canonicalKey(b.partialFilterExpression ?? null)
  );
}

export interface IndexKey {
  /** Canonical string identifying the key (what uniqueness is checked on). */
  id: string;
  /** `canonicalKey` of each field's value ('u[]' for an empty array); `id` is their JSON. */
  parts: string[];
  /** `{ field: value }`, for `keyValue` and the E11000 message. */
  value: Document;
}

/**
 * The encoding of a key's first `length` fields: the same JSON-of-canonical-keys the unique check
 * uses, so for the whole key it is exactly `IndexKey.id`.
 */
export function prefixId(parts: string[], length: number): string {
  return JSON.stringify(length === parts.length ? parts : parts.slice(0, length));
}

function hasNestedArray(keys: IndexKey[]): boolean {
  return keys.some((k) => k.parts.some((p) => p.startsWith('A[')));
}

/** A created index plus what it needs at runtime. */
export class Index {
  readonly spec: IndexSpec;
  readonly fields: string[];
  private readonly partial?: CompiledFilter;
  /** For unique indexes: key id → canonical `_id` key of the document that holds it. */
  readonly owners?: Map<string, string>;
  /**
   * For indexes usable in queries: `postings[j]` maps the encoded key prefix of the first j + 1
   * fields (`prefixId`) to the canonical `_id` keys of the documents holding it. One map per prefix
   * length, because a query may pin only the leading fields of a compound index (e.g. `status`
   * of `{status, runAt}`). Sparse and partial indexes get none: they leave documents out, so they
   * cannot answer a query that does not imply their condition, and proving that implication is
   * not worth the risk here. The `_id_` index needs none either: the collection's document map
   * is keyed by the canonical `_id` already.
   */
  readonly postings?: Array<Map<string, Set<string>>>;
  /**
   * How many documents have an array inside an array at an indexed path (a key part that is
   * itself an array). The matcher (mingo) flattens such nesting more deeply than index keys do, so
   * it may match those documents on a value no index key holds: while any exist, the postings
   * are not trusted for queries (`usable`).
   */
  private nestedArrayDocs = 0;

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    if (spec.partialFilterExpression) this.partial = compileFilter(spec.partialFilterExpression);
    if (spec.unique) this.owners = new Map();
    if (!spec.sparse && !spec.partialFilterExpression && spec.name !== ID_INDEX_SPEC.name) this.postings = this.fields.map(() => new Map());
  }

  /** Records that document `idKey` holds `keys` (its keys from `keysOf`). */
  addPostings(idKey: string, keys: IndexKey[]): void {
    if (!this.postings) return;
    if (hasNestedArray(keys)) this.nestedArrayDocs++;
    for (const key of keys) {
      this.postings.forEach((map, j) => {
        const prefix = prefixId(key.parts, j + 1);
        let ids = map.get(prefix);
        if (!ids) map.set(prefix, (ids = new Set()));
        ids.add(idKey);
      });
    }
  }

  /** Forgets document `idKey`'s `keys` (computed from the stored version being replaced or deleted). */
  removePostings(idKey: string, keys: IndexKey[]): void {
    if (!this.postings) return;
    if (hasNestedArray(keys)) this.nestedArrayDocs--;
    for (const key of keys) {
      this.postings.forEach((map, j) => {
        const prefix = prefixId(key.parts, j + 1);
        const ids = map.get(prefix);
        if (!ids) return;
        ids.delete(idKey);
        if (ids.size === 0) map.delete(prefix);
      });
    }
  }

  /** Whether `lookup` may narrow a query's candidates (see `postings` and `nestedArrayDocs`). */
  get usable(): boolean {
    return this.postings !== undefined && this.nestedArrayDocs === 0;
  }

  /** `_id` keys of the documents whose first `parts.length` fields hold exactly `parts`. */
  lookup(parts: string[]): ReadonlySet<string> | undefined {
    return this.postings?.[parts.length - 1]?.get(prefixId(parts, parts.length));
  }

  get name(): string {
    return this.spec.name;
  }

  /**
   * Keys of `doc` in this index; empty when a sparse/partial index skips the document.
   * Arrays produce one key per element (multikey); two array fields in one compound key is the
   * real server's "cannot index parallel arrays" error.
   */
  keysOf(doc: Document): IndexKey[] {
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.fields.map((f) => valuesAtPath(doc, f));
    if (this.spec.sparse && perField.every((vals) => vals.length === 0)) return [];
    const multi = perField.map((vals, i) => ({ vals, i })).filter((x) => x.vals.length > 1);
    if (multi.length > 1) {
      throw new MongoCommandError(
        ErrorCode.CannotIndexParallelArrays,
        `cannot index parallel arrays [${this.fields[multi[1].i]}] [${this.fields[multi[0].i]}]`,
      );
    }
    const normalized = perField.map((vals) =>
      vals.length === 0 ? [null] : vals.map((v) => (v === EMPTY_ARRAY_SORT_KEY ? undefined : v)),
    );
    let combos: unknown[][] = [[]];
    for (const vals of normalized) combos = combos.flatMap((c) => vals.map((v) => [...c, v]));
    const seen = new Set<string>();
    const out: IndexKey[] = [];
    for (const combo of combos) {
      const parts = combo.map((v) => (v === undefined ? 'u[]' : canonicalKey(v)));
      const id = prefixId(parts, parts.length);
      if (seen.has(id)) continue;
      seen.add(id);
      const value: Document = {};
      this.fields.forEach((f, i) => {
        value[f] = combo[i] === undefined ? [] : combo[i];
      });
      out.push({ id, parts, value });
    }
    return out;
  }

  /** For TTL: the earliest date in the indexed field, if any. */
  expiryBase(doc: Document): Date | undefined {
    let earliest: Date | undefined;
    for (const v of valuesAtPath(doc, this.fields[0])) {
      if (v instanceof Date && (!earliest || compareValues(v, earliest) < 0)) earliest = v;
    }
    return earliest;
  }
}
