/**
 * Query operators that replace mingo's where mingo differs from MongoDB in ways tests would not
 * notice but production would:
 *  - `$eq/$ne/$in/$nin`: mingo compares embedded documents ignoring field order
 *    (`{a: {x: 1, y: 2}}` matches `{a: {y: 2, x: 1}}`, MongoDB does not) and never equates
 *    `Long(5)` with `5` (MongoDB does).
 *  - `$gt/$gte/$lt/$lte`: mingo only compares values of the same JS class, so `Long` vs number
 *    never matches, and it orders `Long`s by their decimal strings ("10" < "9").
 *  - `$type`: mingo knows no BSON types (`objectId`, `long`, `binData`, …) and calls every
 *    integer a `long`.
 * Comparison here uses MongoDB's rules (bson-values.ts): type bracketing by canonical type, numeric
 * comparison across number/Long, binary string comparison.
 *
 * Each operator follows mingo's contract: (selector, value, options) => (doc) => boolean, where
 * the field value is resolved like mingo does (arrays along the path are traversed).
 */
import type { Document } from 'bson';
import { flatten, resolve } from 'mingo/util';
import { bsonTypeName, canonicalKey, compareValues, isPlainObject, typeRank } from './bson-values';
import { badValue } from './errors';

type Predicate = (doc: Document) => boolean;

function fieldValue(doc: Document, selector: string): unknown {
  return resolve(doc, selector, { unwrapArray: true } as never);
}

function depthOf(selector: string): number {
  let depth = 0;
  for (let i = selector.indexOf('.'); i !== -1; i = selector.indexOf('.', i + 1)) depth++;
  return depth;
}

/** MongoDB's array rule: a predicate matches an array field if it matches the array or any element. */
function anyCandidate(a: unknown, depth: number, test: (v: unknown) => boolean): boolean {
  if (test(a)) return true;
  if (!Array.isArray(a)) return false;
  return a.some(test) || (flatten(a, depth) as unknown[]).some(test);
}

/** Equality test against a fixed query value, with fast paths for the common scalar cases. */
function equalsTo(b: unknown): (a: unknown) => boolean {
  if (typeof b === 'string') return (a) => a === b;
  if (typeof b === 'boolean') return (a) => a === b;
  const key = canonicalKey(b);
  if (typeof b === 'number') {
    return (a) => (typeof a === 'number' ? a === b || (Number.isNaN(a) && Number.isNaN(b)) : canonicalKey(a) === key);
  }
  return (a) => canonicalKey(a) === key;
}

function inSet(values: unknown): (a: unknown) => boolean {
  if (!Array.isArray(values)) throw badValue('$in needs an array');
  const regexes = values.filter((v): v is RegExp => v instanceof RegExp);
  for (const v of values) {
    if (isPlainObject(v) && Object.keys(v).some((k) => k.startsWith('$'))) throw badValue('cannot nest $ under $in');
  }
  const keys = new Set(values.filter((v) => !(v instanceof RegExp)).map(canonicalKey));
  return (a) => keys.has(canonicalKey(a)) || (typeof a === 'string' && regexes.some((r) => r.test(a)));
}

function op(make: (value: unknown) => (a: unknown, depth: number) => boolean) {
  return (selector: string, value: unknown): Predicate => {
    const depth = depthOf(selector);
    const pred = make(value);
    return (doc) => pred(fieldValue(doc, selector), depth);
  };
}

const $eq = op((b) => {
  const eq = equalsTo(b);
  return (a, depth) => anyCandidate(a, depth, eq);
});

const $ne = op((b) => {
  const eq = equalsTo(b);
  return (a, depth) => !anyCandidate(a, depth, eq);
});

const $in = op((list) => {
  const has = inSet(list);
  return (a, depth) => anyCandidate(a, depth, has);
});

const $nin = op((list) => {
  const has = inSet(list);
  return (a, depth) => !anyCandidate(a, depth, has);
});

function comparison(accept: (c: number) => boolean) {
  return op((b) => {
    const rank = typeRank(b);
    const test = (v: unknown) => typeRank(v) === rank && accept(compareValues(v, b));
    return (a, depth) => anyCandidate(a, depth, test);
  });
}

const TYPE_NUMBERS: Record<number, string> = {
  1: 'double', 2: 'string', 3: 'object', 4: 'array', 5: 'binData', 6: 'undefined', 7: 'objectId',
  8: 'bool', 9: 'date', 10: 'null', 11: 'regex', 13: 'javascript', 14: 'symbol', 16: 'int',
  17: 'timestamp', 18: 'long', 19: 'decimal', [-1]: 'minKey', 127: 'maxKey',
};
const TYPE_ALIASES = new Set([...Object.values(TYPE_NUMBERS), 'number']);

function typeMatches(v: unknown, alias: string): boolean {
  if (v === undefined) return false;
  const actual = bsonTypeName(v);
  if (alias === 'number') return actual === 'int' || actual === 'double' || actual === 'long' || actual === 'decimal';
  return actual === alias;
}

/**
 * int vs double follows what this server stores: JS integers in int32 range are written as int32,
 * other numbers as double (see bson-values.ts).
 */
function $type(selector: string, value: unknown): Predicate {
  const wanted = (Array.isArray(value) ? value : [value]).map((t) => {
    if (typeof t === 'number') {
      const alias = TYPE_NUMBERS[t];
      if (!alias) throw badValue(`Invalid numerical type code: ${t}`);
      return alias;
    }
    if (typeof t !== 'string' || !TYPE_ALIASES.has(t)) throw badValue(`Unknown type name alias: ${String(t)}`);
    return t;
  });
  return (doc) => {
    const v = fieldValue(doc, selector);
    if (wanted.some((t) => typeMatches(v, t))) return true;
    return Array.isArray(v) && v.some((el) => wanted.some((t) => t !== 'array' && typeMatches(el, t)));
  };
}

export const QUERY_OPERATOR_OVERRIDES = {
  $eq,
  $ne,
  $in,
  $nin,
  $gt: comparison((c) => c > 0),
  $gte: comparison((c) => c >= 0),
  $lt: comparison((c) => c < 0),
  $lte: comparison((c) => c <= 0),
  $type,
};
