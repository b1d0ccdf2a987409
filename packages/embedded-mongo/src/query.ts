/**
 * Filters, sorting and projection.
 *
 * Matching and projection are delegated to mingo, through one operator context built here from
 * mingo's public operator modules. Building our own context (instead of using mingo's default
 * entry point, whose operators cannot be overridden) lets us replace the comparison operators
 * and `$type` with MongoDB-exact versions (see query-operators.ts).
 *
 * Sorting is NOT delegated: mingo's comparator orders mixed types and bson classes differently
 * from MongoDB, so find/findAndModify sort with `compareValues` (MongoDB's BSON order, with the
 * min/max-of-array rule for array fields).
 */
import type { Document } from 'bson';
import { Context, ProcessingMode } from 'mingo/core';
import { Query } from 'mingo/query';
import { Aggregator } from 'mingo/aggregator';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import type { Options } from 'mingo/types/types';
import { EMPTY_ARRAY_SORT_KEY, bsonTypeTag, compareValues, isPlainObject } from './bson-values';
import { ErrorCode, MongoCommandError, badValue } from './errors';
import { QUERY_OPERATOR_OVERRIDES } from './query-operators';

const CONTEXT = Context.init({
  accumulator: { ...accumulatorOperators },
  expression: { ...expressionOperators },
  pipeline: { ...pipelineOperators },
  projection: { ...projectionOperators },
  query: { ...queryOperators, ...QUERY_OPERATOR_OVERRIDES },
  window: { ...windowOperators },
} as never);

export function mingoOptions(variables?: Document, extra: Partial<Options> = {}): Partial<Options> {
  return {
    context: CONTEXT,
    // Inputs handed to mingo are already private copies (see callers); no need to clone again.
    processingMode: ProcessingMode.CLONE_OFF,
    useStrictMode: true,
    scriptEnabled: false,
    ...(variables ? { variables } : {}),
    ...extra,
  };
}

/** Turns a mingo failure into the MongoDB error a real server would give, as far as we can tell. */
export function translateMingoError(err: unknown): MongoCommandError {
  if (err instanceof MongoCommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const unknownOp = /^unknown query operator (\$\S+)/.exec(message);
  if (unknownOp) return badValue(`unknown operator: ${unknownOp[1]}`);
  if (message.startsWith('unknown top level operator')) return badValue(message);
  if (/exclusion and inclusion/.test(message)) {
    return new MongoCommandError(31254, 'Cannot do exclusion on field in inclusion projection');
  }
  const stage = /unregistered pipeline operator (\$\w+)/.exec(message);
  if (stage) return new MongoCommandError(40324, `Unrecognized pipeline stage name: '${stage[1]}'`);
  if (/\$where/.test(message)) return badValue('$where is not allowed in this context');
  return badValue(`embedded-mongo (mingo): ${message}`);
}

export interface CompiledFilter {
  readonly filter: Document;
  test(doc: Document): boolean;
}

export function compileFilter(filter: unknown, variables?: Document): CompiledFilter {
  if (filter === undefined || filter === null) filter = {};
  if (!isPlainObject(filter)) throw badValue('filter must be an object');
  const f = filter;
  if (Object.keys(f).length === 0) return { filter: f, test: () => true };
  let query: Query;
  try {
    query = new Query(f, mingoOptions(variables));
  } catch (err) {
    throw translateMingoError(err);
  }
  return {
    filter: f,
    test(doc: Document): boolean {
      try {
        return query.test(doc);
      } catch (err) {
        throw translateMingoError(err);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Paths

/** Values reachable by a dotted path, descending into arrays the way index keys and sorts do. */
export function valuesAtPath(doc: unknown, path: string, expandTerminalArrays = true): unknown[] {
  const out: unknown[] = [];
  const segments = path.split('.');
  const walk = (value: unknown, i: number): void => {
    if (i === segments.length) {
      if (Array.isArray(value) && expandTerminalArrays) {
        if (value.length === 0) out.push(EMPTY_ARRAY_SORT_KEY);
        else out.push(...value);
      } else {
        out.push(value);
      }
      return;
    }
    const seg = segments[i];
    if (Array.isArray(value)) {
      if (/^\d+$/.test(seg)) {
        if (Number(seg) < value.length) walk(value[Number(seg)], i + 1);
        return;
      }
      for (const el of value) {
        if (isPlainObject(el) && Object.prototype.hasOwnProperty.call(el, seg)) walk(el[seg], i + 1);
      }
      return;
    }
    if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, seg)) walk(value[seg], i + 1);
  };
  walk(doc, 0);
  return out;
}

/** Plain (non-array-expanding) lookup of a dotted path; `undefined` when missing. */
export function getPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const seg of path.split('.')) {
    if (Array.isArray(value) && /^\d+$/.test(seg)) value = value[Number(seg)];
    else if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, seg)) value = value[seg];
    else return undefined;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Sort

export type SortSpec = Array<[path: string, direction: 1 | -1]>;

export function parseSort(sort: unknown): SortSpec | undefined {
  if (sort === undefined || sort === null) return undefined;
  if (!isPlainObject(sort)) throw badValue('sort must be an object');
  const spec: SortSpec = [];
  for (const [path, dir] of Object.entries(sort)) {
    if (path === '') throw badValue('FieldPath cannot be constructed with empty string');
    if (isPlainObject(dir)) {
      throw new MongoCommandError(ErrorCode.NotImplemented, `embedded-mongo does not support $meta sort on '${path}'`);
    }
    const n = typeof dir === 'number' ? dir : bsonTypeTag(dir) === 'Long' ? Number(String(dir)) : NaN;
    if (n !== 1 && n !== -1) {
      throw badValue(`$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    }
    spec.push([path, n]);
  }
  return spec.length ? spec : undefined;
}

/**
 * Real servers sort an array field by its smallest element ascending and its largest descending;
 * a missing field sorts as null.
 */
function sortKey(doc: Document, path: string, dir: 1 | -1): unknown {
  const values = valuesAtPath(doc, path);
  if (values.length === 0) return null;
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    const c = compareValues(values[i], best);
    if ((dir === 1 && c < 0) || (dir === -1 && c > 0)) best = values[i];
  }
  return best;
}

/** The values `doc` is sorted by, one per sort field. */
export function sortKeysOf(doc: Document, spec: SortSpec): unknown[] {
  return spec.map(([p, d]) => sortKey(doc, p, d));
}

/** Compares two documents' `sortKeysOf` in `spec` order; 0 = tie. */
export function compareSortKeys(a: unknown[], b: unknown[], spec: SortSpec): number {
  for (let k = 0; k < spec.length; k++) {
    const c = compareValues(a[k], b[k]);
    if (c) return c * spec[k][1];
  }
  return 0;
}

/** Stable sort (ties keep natural order) in MongoDB's BSON order. */
export function sortDocuments<T extends Document>(docs: T[], spec: SortSpec | undefined): T[] {
  if (!spec) return docs;
  const keyed = docs.map((doc, i) => ({ doc, i, keys: sortKeysOf(doc, spec) }));
  keyed.sort((a, b) => compareSortKeys(a.keys, b.keys, spec) || a.i - b.i);
  return keyed.map((k) => k.doc);
}

// ---------------------------------------------------------------------------------------------
// Projection

export interface Projector {
  (doc: Document): Document;
}

const IDENTITY: Projector = (doc) => doc;

/**
 * mingo computes projections but emits included fields in projection order and `_id` last;
 * a real server keeps the document's own field order. Re-order like the source document,
 * appending computed fields afterwards.
 */
function orderLike(projected: unknown, source: unknown): unknown {
  if (isPlainObject(projected) && isPlainObject(source)) {
    const out: Document = {};
    for (const k of Object.keys(source)) {
      if (Object.prototype.hasOwnProperty.call(projected, k)) out[k] = orderLike(projected[k], source[k]);
    }
    for (const k of Object.keys(projected)) {
      if (!Object.prototype.hasOwnProperty.call(out, k)) out[k] = projected[k];
    }
    return out;
  }
  if (Array.isArray(projected) && Array.isArray(source) && projected.length === source.length) {
    return projected.map((p, i) => orderLike(p, source[i]));
  }
  return projected;
}

/**
 * mingo only projects through a query cursor, which re-tests the filter. The filter must still be
 * known (the positional `field.$` projection reads it), but a findAndModify post-image may no
 * longer match it, so this query accepts every document it is given.
 */
class ProjectionOnlyQuery extends Query {
  override test(): boolean {
    return true;
  }
}

export function compileProjection(projection: unknown, filter: Document, variables?: Document): Projector {
  if (projection === undefined || projection === null) return IDENTITY;
  if (!isPlainObject(projection)) throw badValue('projection must be an object');
  if (Object.keys(projection).length === 0) return IDENTITY;
  for (const [key, spec] of Object.entries(projection)) {
    if (isPlainObject(spec) && '$meta' in spec) {
      throw new MongoCommandError(ErrorCode.NotImplemented, `embedded-mongo does not support $meta projection on '${key}'`);
    }
  }
  let query: Query;
  try {
    query = new ProjectionOnlyQuery(filter, mingoOptions(variables));
  } catch (err) {
    throw translateMingoError(err);
  }
  return (doc: Document) => {
    try {
      const [result] = query.find([doc], projection).all() as Document[];
      return orderLike(result, doc) as Document;
    } catch (err) {
      throw translateMingoError(err);
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Aggregation

export function runPipeline(
  docs: Document[],
  pipeline: Document[],
  options: { variables?: Document; collectionResolver?: (name: string) => Document[] },
): Document[] {
  try {
    const agg = new Aggregator(
      pipeline,
      mingoOptions(options.variables, options.collectionResolver ? { collectionResolver: options.collectionResolver } : {}),
    );
    return agg.run(docs) as Document[];
  } catch (err) {
    throw translateMingoError(err);
  }
}

// ---------------------------------------------------------------------------------------------
// Upsert seed

/**
 * The document an upsert starts from: the filter's equality conditions (`{a: 1}`,
 * `{a: {$eq: 1}}`, `{'x.y': 1}`, and those inside `$and`), as on a real server.
 */
export function equalityFieldsOf(filter: Document): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const clause of value) if (isPlainObject(clause)) out.push(...equalityFieldsOf(clause));
      continue;
    }
    if (key === '$or' && Array.isArray(value) && value.length === 1 && isPlainObject(value[0])) {
      out.push(...equalityFieldsOf(value[0]));
      continue;
    }
    if (key.startsWith('$')) continue;
    if (isPlainObject(value)) {
      const keys = Object.keys(value);
      if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) {
        if ('$eq' in value) out.push([key, value.$eq]);
        else if (Array.isArray(value.$in) && value.$in.length === 1) out.push([key, value.$in[0]]);
        continue;
      }
    }
    if (value instanceof RegExp) continue;
    out.push([key, value]);
  }
  return out;
}

/**
 * Index of the first element of the array at `arrayPath` that satisfies the filter's conditions
 * on that array, for the positional `$` update operator. Each element is tested by presenting the
 * document with the array narrowed to that single element.
 */
export function positionalMatchIndex(doc: Document, filter: Document, arrayPath: string, variables?: Document): number {
  const relevant: Document = {};
  const collect = (f: Document): void => {
    for (const [key, value] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(value)) {
        for (const c of value) if (isPlainObject(c)) collect(c);
      } else if (key === arrayPath || key.startsWith(`${arrayPath}.`)) {
        relevant[key] = value;
      }
    }
  };
  collect(filter);
  const arr = getPath(doc, arrayPath);
  if (Object.keys(relevant).length === 0 || !Array.isArray(arr)) return -1;
  const q = compileFilter(relevant, variables);
  for (let i = 0; i < arr.length; i++) {
    if (q.test(withPathValue(doc, arrayPath, [arr[i]]))) return i;
  }
  return -1;
}

/** Shallow-copies along `path` so the returned document has `value` there; `doc` is untouched. */
function withPathValue(doc: Document, path: string, value: unknown): Document {
  const segs = path.split('.');
  const root: Document = { ...doc };
  let cur: Document | unknown[] = root;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i];
    const next: unknown = Array.isArray(cur) ? cur[Number(seg)] : cur[seg];
    const copy: Document | unknown[] = Array.isArray(next) ? [...next] : { ...(next as Document) };
    if (Array.isArray(cur)) cur[Number(seg)] = copy;
    else cur[seg] = copy;
    cur = copy;
  }
  const last = segs[segs.length - 1];
  if (Array.isArray(cur)) cur[Number(last)] = value;
  else cur[last] = value;
  return root;
}
