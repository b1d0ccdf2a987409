/**
 * Index-backed candidate selection: which documents can possibly match a filter, judged from the
 * filter's top-level equality (`{a: v}`, `{a: {$eq: v}}`) and `$in` conditions on a leading prefix
 * of an index's fields.
 *
 * This only ever NARROWS the set the full matcher runs on; it never decides a match. So it must
 * return a superset of the matching documents, and every rule below errs towards "no index"
 * (a collection scan, which is always correct):
 *  - Values that MongoDB's equality does not map to a single index key are not used: null (also
 *    matches missing fields and, through arrays of sub-documents, documents without that key),
 *    arrays (whole-array equality is not an index key), regexes (pattern match), and embedded
 *    documents with `$`-prefixed keys.
 *  - Paths with a numeric segment (`a.0`) are not used: the matcher treats them as both an array
 *    position and a field name.
 *  - Only top-level conditions (and those inside a top-level `$and`) count: they are ANDed with
 *    everything else, so each is necessary for a match. `$or`/`$nor`/`$expr` are left to the matcher.
 *  - Sparse and partial indexes keep no postings (see index-spec.ts), so they are never used; nor
 *    is an index while a document holds nested arrays at its paths (`Index.usable`).
 */
import type { Document } from 'bson';
import { bsonTypeTag, canonicalKey, isPlainObject } from './bson-values';
import type { Index } from './index-spec';

/** Field → canonical keys of the values it must equal (one for equality, several for `$in`). */
export type EqualityConditions = Map<string, string[]>;

/** Beyond this many key lookups (the product of `$in` list sizes) a shorter prefix is used. */
const MAX_LOOKUPS = 256;

function indexableValue(v: unknown): boolean {
  if (v === undefined || v === null || Array.isArray(v) || v instanceof RegExp) return false;
  if (bsonTypeTag(v) === 'BSONRegExp') return false;
  if (isPlainObject(v) && Object.keys(v).some((k) => k.startsWith('$'))) return false;
  return true;
}

function indexablePath(path: string): boolean {
  return path !== '' && path.split('.').every((seg) => seg !== '' && !/^\d+$/.test(seg));
}

/** The canonical keys a condition pins the field to, or undefined when it cannot use an index. */
function pinnedKeys(condition: unknown): string[] | undefined {
  if (isPlainObject(condition)) {
    const ops = Object.keys(condition);
    if (ops.length > 0 && ops.every((k) => k.startsWith('$'))) {
      if ('$eq' in condition) return indexableValue(condition.$eq) ? [canonicalKey(condition.$eq)] : undefined;
      const list = condition.$in;
      if (Array.isArray(list) && list.every(indexableValue)) return Array.from(new Set(list.map(canonicalKey)));
      return undefined;
    }
  }
  return indexableValue(condition) ? [canonicalKey(condition)] : undefined;
}

/** The filter's index-usable conditions; a field pinned twice keeps the shorter list (both hold). */
export function equalityConditions(filter: Document, into: EqualityConditions = new Map()): EqualityConditions {
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const clause of condition) if (isPlainObject(clause)) equalityConditions(clause, into);
      continue;
    }
    if (key.startsWith('$') || !indexablePath(key)) continue;
    const keys = pinnedKeys(condition);
    if (!keys) continue;
    const known = into.get(key);
    if (!known || keys.length < known.length) into.set(key, keys);
  }
  return into;
}

/** Every combination of one key per field: the index key prefixes to look up. */
function combinations(lists: string[][]): string[][] {
  let out: string[][] = [[]];
  for (const list of lists) out = out.flatMap((prefix) => list.map((k) => [...prefix, k]));
  return out;
}

/**
 * The posting sets (of canonical `_id` keys) whose union holds every document that can match, from
 * the index that yields the fewest candidates; undefined when no index applies.
 */
export function indexCandidateSets(conditions: EqualityConditions, indexes: readonly Index[]): Array<ReadonlySet<string>> | undefined {
  let best: { sets: Array<ReadonlySet<string>>; total: number } | undefined;
  for (const index of indexes) {
    if (!index.usable) continue;
    const lists: string[][] = [];
    let lookups = 1;
    for (const field of index.fields) {
      const keys = conditions.get(field);
      if (!keys || lookups * keys.length > MAX_LOOKUPS) break;
      lists.push(keys);
      lookups *= keys.length;
    }
    if (lists.length === 0) continue;
    const sets: Array<ReadonlySet<string>> = [];
    let total = 0;
    for (const parts of combinations(lists)) {
      const ids = index.lookup(parts);
      if (ids) {
        sets.push(ids);
        total += ids.size;
      }
    }
    if (!best || total < best.total) best = { sets, total };
  }
  return best?.sets;
}
