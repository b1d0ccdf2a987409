/**
 * Index specifications: validation of what `createIndexes` receives, and the keys a document
 * produces for an index (what unique constraints are checked on).
 *
 * Only ascending/descending B-tree indexes exist here. Indexes are used for constraints (unique,
 * sparse, partial, TTL), not for query planning: every query is a collection scan, which is fine
 * at development scale and cannot change results.
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
  /** `{ field: value }`, for `keyValue` and the E11000 message. */
  value: Document;
}

/** A created index plus what it needs at runtime. */
export class Index {
  readonly spec: IndexSpec;
  readonly fields: string[];
  private readonly partial?: CompiledFilter;
  /** For unique indexes: key id → canonical `_id` key of the document that holds it. */
  readonly owners?: Map<string, string>;

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    if (spec.partialFilterExpression) this.partial = compileFilter(spec.partialFilterExpression);
    if (spec.unique) this.owners = new Map();
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
      const id = JSON.stringify(combo.map((v) => (v === undefined ? 'u[]' : canonicalKey(v))));
      if (seen.has(id)) continue;
      seen.add(id);
      const value: Document = {};
      this.fields.forEach((f, i) => {
        value[f] = combo[i] === undefined ? [] : combo[i];
      });
      out.push({ id, value });
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
