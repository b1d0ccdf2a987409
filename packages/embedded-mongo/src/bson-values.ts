/**
 * How BSON values are represented in memory, copied, compared and printed.
 *
 * In-memory representation (fixed by DESERIALIZE_OPTIONS, used for the wire AND the disk):
 *  - int32 and double become JS numbers, so mingo's operators work on them. On the way out the
 *    bson serializer writes integers in int32 range as int32 and everything else as double.
 *    Consequence (documented limitation): a double with an integral value (e.g. `new Double(2)`)
 *    comes back as int32 2. The driver hands both to callers as the JS number 2 by default.
 *  - int64 stays a `Long`, ObjectId/Binary/Timestamp/Decimal128/MinKey/MaxKey stay bson classes,
 *    dates stay `Date`: these round-trip exactly.
 *  - BSON regular expressions become JS `RegExp` so `$regex`/`$in` matching works.
 */
import {
  BSON,
  type Binary,
  type Document,
  type Long,
  type ObjectId,
  type Timestamp,
  type DeserializeOptions,
  type SerializeOptions,
} from 'bson';

export const DESERIALIZE_OPTIONS: DeserializeOptions = {
  promoteLongs: false,
  promoteValues: true,
  promoteBuffers: false,
  bsonRegExp: false,
  useBigInt64: false,
};

/** `ignoreUndefined`: projections may leave `undefined` holes; real servers have no such value. */
export const SERIALIZE_OPTIONS: SerializeOptions = {
  checkKeys: false,
  serializeFunctions: false,
  ignoreUndefined: true,
};

export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;

export function serialize(doc: Document): Uint8Array {
  return BSON.serialize(doc, SERIALIZE_OPTIONS);
}

export function deserialize(bytes: Uint8Array): Document {
  return BSON.deserialize(bytes, DESERIALIZE_OPTIONS);
}

export function bsonSize(doc: Document): number {
  return BSON.calculateObjectSize(doc, SERIALIZE_OPTIONS);
}

/** The bson library tags its classes with `_bsontype`; plain values have none. */
export function bsonTypeTag(v: unknown): string | undefined {
  if (v !== null && typeof v === 'object') {
    const tag = (v as { _bsontype?: unknown })._bsontype;
    return typeof tag === 'string' ? tag : undefined;
  }
  return undefined;
}

/** A BSON embedded document: a plain object, not an array, Date, RegExp or bson class. */
export function isPlainObject(v: unknown): v is Document {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Deep copy for documents going into or out of the store, so no caller ever shares a mutable
 * object with stored data. bson class instances are treated as immutable values and shared,
 * except Binary, whose byte buffer is mutable.
 */
export function deepClone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => deepClone(x)) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as T;
  const tag = bsonTypeTag(v);
  if (tag === 'Binary') {
    const b = v as unknown as Binary;
    const BinaryCtor = b.constructor as new (buf: Uint8Array, sub: number) => Binary;
    return new BinaryCtor(Uint8Array.from(b.buffer.subarray(0, b.position)), b.sub_type) as T;
  }
  if (tag !== undefined) return v;
  const out: Document = {};
  for (const key of Object.keys(v as Document)) out[key] = deepClone((v as Document)[key]);
  return out as T;
}

/** MongoDB's `$type` alias of a value, used in error messages and the `$type` query operator. */
export function bsonTypeName(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 && !Object.is(v, -0) ? 'int' : 'double';
    case 'bigint':
      return 'long';
    default:
      break;
  }
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  switch (bsonTypeTag(v)) {
    case 'ObjectId':
      return 'objectId';
    case 'Long':
      return 'long';
    case 'Int32':
      return 'int';
    case 'Double':
      return 'double';
    case 'Decimal128':
      return 'decimal';
    case 'Binary':
      return 'binData';
    case 'Timestamp':
      return 'timestamp';
    case 'MinKey':
      return 'minKey';
    case 'MaxKey':
      return 'maxKey';
    case 'BSONRegExp':
      return 'regex';
    case 'Code':
      return 'javascript';
    case 'BSONSymbol':
      return 'symbol';
    case 'DBRef':
      return 'object';
    case undefined:
      return 'object';
    default:
      return 'unknown';
  }
}

export function isNumeric(v: unknown): boolean {
  if (typeof v === 'number') return true;
  const tag = bsonTypeTag(v);
  return tag === 'Long' || tag === 'Decimal128' || tag === 'Int32' || tag === 'Double';
}

/**
 * MongoDB's canonical type order for comparisons and sorting:
 * MinKey < null < numbers < string/symbol < object < array < binData < objectId < bool < date
 * < timestamp < regex < MaxKey. `undefined` here means "missing", which sorts like null.
 */
export function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 2;
  if (v === EMPTY_ARRAY_SORT_KEY) return 1.5;
  switch (typeof v) {
    case 'number':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
    default:
      break;
  }
  if (Array.isArray(v)) return 6;
  if (v instanceof Date) return 10;
  if (v instanceof RegExp) return 12;
  switch (bsonTypeTag(v)) {
    case 'MinKey':
      return 1;
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return 3;
    case 'BSONSymbol':
      return 4;
    case 'Binary':
      return 7;
    case 'ObjectId':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
    case 'MaxKey':
      return 13;
    default:
      return 5;
  }
}

/**
 * Sort key used for an empty array: real servers sort `[]` before null/missing.
 * Exported so sort-key extraction can produce it.
 */
export const EMPTY_ARRAY_SORT_KEY: unique symbol = Symbol('emptyArray');

function cmp(a: number | bigint | string, b: number | bigint | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function numericValue(v: unknown): { big?: bigint; num: number } {
  if (typeof v === 'number') {
    return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? { big: BigInt(v), num: v } : { num: v };
  }
  const tag = bsonTypeTag(v);
  if (tag === 'Long') {
    const l = v as Long;
    return { big: BigInt(l.toString()), num: l.toNumber() };
  }
  // Int32/Double wrappers and Decimal128 (approximated through its decimal string).
  const n = Number(String((v as { valueOf(): unknown }).valueOf?.() ?? v));
  return { num: n };
}

function compareNumbers(a: unknown, b: unknown): number {
  const x = numericValue(a);
  const y = numericValue(b);
  if (x.big !== undefined && y.big !== undefined) return cmp(x.big, y.big);
  // NaN sorts below every other number in MongoDB.
  if (Number.isNaN(x.num)) return Number.isNaN(y.num) ? 0 : -1;
  if (Number.isNaN(y.num)) return 1;
  return cmp(x.num, y.num);
}

/** Strings compare by UTF-8 bytes on a real server (no collation), not by UTF-16 units. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Total order over BSON values, following MongoDB's comparison rules. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return cmp(ra, rb);
  switch (ra) {
    case 1:
    case 1.5:
    case 2:
    case 13:
      return 0;
    case 3:
      return compareNumbers(a, b);
    case 4:
      return compareStrings(String(a), String(b));
    case 5:
      return compareObjects(a as Document, b as Document);
    case 6:
      return compareArrays(a as unknown[], b as unknown[]);
    case 7: {
      const x = a as Binary;
      const y = b as Binary;
      return (
        cmp(x.position, y.position) ||
        cmp(x.sub_type, y.sub_type) ||
        compareBytes(x.buffer.subarray(0, x.position), y.buffer.subarray(0, y.position))
      );
    }
    case 8:
      return compareBytes((a as ObjectId).id, (b as ObjectId).id);
    case 9:
      return cmp(Number(a), Number(b));
    case 10:
      return cmp((a as Date).getTime(), (b as Date).getTime());
    case 11: {
      const x = a as Timestamp;
      const y = b as Timestamp;
      return cmp(x.t, y.t) || cmp(x.i, y.i);
    }
    case 12: {
      const x = a as RegExp;
      const y = b as RegExp;
      return compareStrings(x.source, y.source) || compareStrings(x.flags, y.flags);
    }
    default:
      return 0;
  }
}

function compareObjects(a: Document, b: Document): number {
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const va = a[ka[i]];
    const vb = b[kb[i]];
    const byType = cmp(typeRank(va), typeRank(vb));
    if (byType) return byType;
    const byName = compareStrings(ka[i], kb[i]);
    if (byName) return byName;
    const byValue = compareValues(va, vb);
    if (byValue) return byValue;
  }
  return cmp(ka.length, kb.length);
}

function compareArrays(a: unknown[], b: unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i], b[i]);
    if (c) return c;
  }
  return cmp(a.length, b.length);
}

/**
 * A string that is equal for two values exactly when MongoDB considers them equal
 * (1, 1.0 and Long(1) are the same key; embedded documents compare field order-sensitively).
 * Used for `_id` lookup, unique indexes, `$addToSet`, `$pullAll` and `distinct`.
 */
export function canonicalKey(v: unknown): string {
  if (v === undefined || v === null) return 'n';
  switch (typeof v) {
    case 'number': {
      if (Number.isNaN(v)) return 'N:NaN';
      if (Number.isInteger(v) && Math.abs(v) < 1e21) return `N:${BigInt(v).toString()}`;
      return `N:${String(v)}`;
    }
    case 'string':
      return `S:${JSON.stringify(v)}`;
    case 'boolean':
      return v ? 'B:1' : 'B:0';
    default:
      break;
  }
  if (Array.isArray(v)) return `A[${v.map(canonicalKey).join(',')}]`;
  if (v instanceof Date) return `D:${v.getTime()}`;
  if (v instanceof RegExp) return `R:${JSON.stringify(v.source)}/${v.flags}`;
  const tag = bsonTypeTag(v);
  switch (tag) {
    case undefined: {
      const o = v as Document;
      return `O{${Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${canonicalKey(o[k])}`)
        .join(',')}}`;
    }
    case 'ObjectId':
      return `I:${(v as ObjectId).toHexString()}`;
    case 'Long':
      return `N:${(v as Long).toString()}`;
    case 'Int32':
    case 'Double':
      return canonicalKey(Number((v as { valueOf(): number }).valueOf()));
    case 'Decimal128': {
      const n = Number(String(v));
      return Number.isFinite(n) && String(n) === String(v) ? canonicalKey(n) : `N:dec:${String(v)}`;
    }
    case 'Binary': {
      const b = v as Binary;
      return `X:${b.sub_type}:${Buffer.from(b.buffer.subarray(0, b.position)).toString('base64')}`;
    }
    case 'Timestamp':
      return `T:${(v as Timestamp).t}:${(v as Timestamp).i}`;
    case 'MinKey':
      return 'm';
    case 'MaxKey':
      return 'M';
    default:
      return `${tag}:${JSON.stringify(BSON.EJSON.serialize(v as Document, { relaxed: false }))}`;
  }
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  return canonicalKey(a) === canonicalKey(b);
}

/**
 * Renders a value the way server error messages do, e.g. the `dup key: { email: "a@b" }` part of
 * an E11000 message, or `{_id: ObjectId('…')}` in update errors.
 */
export function formatValue(v: unknown, spaced = true): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isInteger(v) || !Number.isFinite(v) ? String(v) : String(v);
    case 'boolean':
      return String(v);
    default:
      break;
  }
  if (Array.isArray(v)) return `[ ${v.map((x) => formatValue(x, spaced)).join(', ')} ]`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v instanceof RegExp) return `/${v.source}/${v.flags}`;
  const tag = bsonTypeTag(v);
  switch (tag) {
    case undefined:
      return formatDocument(v as Document, spaced);
    case 'ObjectId':
      return `ObjectId('${(v as ObjectId).toHexString()}')`;
    case 'Long':
      return (v as Long).toString();
    case 'Decimal128':
      return `NumberDecimal("${String(v)}")`;
    case 'Binary': {
      const b = v as Binary;
      return `BinData(${b.sub_type}, ${Buffer.from(b.buffer.subarray(0, b.position)).toString('hex').toUpperCase()})`;
    }
    case 'Timestamp':
      return `Timestamp(${(v as Timestamp).t}, ${(v as Timestamp).i})`;
    case 'MinKey':
      return 'MinKey';
    case 'MaxKey':
      return 'MaxKey';
    default:
      return String(v);
  }
}

export function formatDocument(doc: Document, spaced = true): string {
  const parts = Object.keys(doc)
    .filter((k) => doc[k] !== undefined)
    .map((k) => `${k}: ${formatValue(doc[k], spaced)}`);
  if (parts.length === 0) return '{}';
  return spaced ? `{ ${parts.join(', ')} }` : `{${parts.join(', ')}}`;
}
