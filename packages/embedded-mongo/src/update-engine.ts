/**
 * Applies MongoDB update documents (operators, replacement documents, pipelines) to one document.
 *
 * Why not mingo's updater: it silently does nothing where a real server fails (`$inc` on a string,
 * `$push` onto a scalar, `$set` through a scalar), has no `$setOnInsert`, and cannot do arithmetic
 * on `Long`. Callers of a stand-in must see the same errors they would see in production, so this
 * module implements the operators itself and uses mingo only for matching (`$pull` conditions,
 * array filters, the positional `$`) and for pipeline-style updates.
 *
 * Pure function of its inputs: the stored document is never mutated; a modified deep copy is
 * returned. That copy-on-write is what lets open cursors keep consistent references to old
 * versions of a document.
 */
import { Long, Timestamp, type Document } from 'bson';
import {
  bsonTypeName,
  bsonTypeTag,
  canonicalKey,
  compareValues,
  deepClone,
  formatDocument,
  formatValue,
  isNumeric,
  isPlainObject,
} from './bson-values';
import { ErrorCode, MongoCommandError, badValue, failedToParse, notImplemented, typeMismatch } from './errors';
import { compileFilter, positionalMatchIndex, runPipeline, type CompiledFilter } from './query';

const UPDATE_OPERATORS = new Set([
  '$set', '$unset', '$setOnInsert', '$inc', '$mul', '$min', '$max', '$currentDate', '$push',
  '$addToSet', '$pull', '$pullAll', '$pop', '$rename', '$bit',
]);

const PIPELINE_UPDATE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

interface OperatorEntry {
  op: string;
  path: string;
  arg: unknown;
}

export type ParsedUpdate =
  | { kind: 'replacement'; doc: Document }
  | { kind: 'operators'; entries: OperatorEntry[]; arrayFilters: Map<string, CompiledFilter>; source: Document }
  | { kind: 'pipeline'; stages: Document[] };

export interface UpdateContext {
  /** The statement's filter, for the positional `$` operator. */
  filter: Document;
  /** True when the update builds a new document for an upsert (`$setOnInsert` applies). */
  isUpsertInsert: boolean;
  /** `let` variables for pipeline updates. */
  variables?: Document;
}

function splitPath(path: string): string[] {
  return path.split('.');
}

function validatePath(path: string): void {
  if (path === '') throw new MongoCommandError(ErrorCode.EmptyFieldName, 'An empty update path is not valid.');
  for (const seg of splitPath(path)) {
    if (seg === '') {
      throw new MongoCommandError(
        ErrorCode.EmptyFieldName,
        `The update path '${path}' contains an empty field name, which is not allowed.`,
      );
    }
    if (seg.startsWith('$') && seg !== '$' && !/^\$\[\w*\]$/.test(seg)) {
      throw new MongoCommandError(
        ErrorCode.DollarPrefixedFieldName,
        `The dollar ($) prefixed field '${seg}' in '${path}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
      );
    }
  }
}

function isPrefixPath(a: string, b: string): boolean {
  return b.startsWith(`${a}.`);
}

/** Lexicographic order, with numeric field names compared numerically (MongoDB 5.0+ behaviour). */
function comparePaths(a: string, b: string): number {
  const sa = splitPath(a);
  const sb = splitPath(b);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i] === sb[i]) continue;
    const na = /^\d+$/.test(sa[i]);
    const nb = /^\d+$/.test(sb[i]);
    if (na && nb) return Number(sa[i]) - Number(sb[i]);
    return sa[i] < sb[i] ? -1 : 1;
  }
  return sa.length - sb.length;
}

function parseArrayFilters(arrayFilters: unknown): Map<string, CompiledFilter> {
  const out = new Map<string, CompiledFilter>();
  if (arrayFilters === undefined || arrayFilters === null) return out;
  if (!Array.isArray(arrayFilters)) throw typeMismatch('arrayFilters must be an array');
  for (const f of arrayFilters) {
    if (!isPlainObject(f)) throw typeMismatch('Each array filter must be an object');
    let id: string | undefined;
    for (const key of Object.keys(f)) {
      const top = key.startsWith('$') ? undefined : splitPath(key)[0];
      if (top === undefined) continue; // $and/$or/$nor clauses: identifiers are inside
      if (id !== undefined && id !== top) {
        throw failedToParse(`Error parsing array filter :: caused by :: Expected a single top-level field name, found '${id}' and '${top}'`);
      }
      id = top;
    }
    if (id === undefined) {
      throw failedToParse('Error parsing array filter :: caused by :: Cannot use an expression without a top-level field name in arrayFilters');
    }
    if (!/^[a-z][a-zA-Z0-9]*$/.test(id)) {
      throw badValue(`Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${id}'`);
    }
    if (out.has(id)) throw failedToParse(`Found multiple array filters with the same top-level field name ${id}`);
    out.set(id, compileFilter(f));
  }
  return out;
}

/** Validates an update document (`u` of an update statement or findAndModify's `update`). */
export function parseUpdate(update: unknown, arrayFilters?: unknown): ParsedUpdate {
  if (Array.isArray(update)) {
    if (arrayFilters !== undefined && arrayFilters !== null) {
      throw failedToParse('arrayFilters may not be specified for pipeline-style updates');
    }
    for (const stage of update) {
      if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
        throw failedToParse('A pipeline stage specification object must contain exactly one field.');
      }
      const name = Object.keys(stage)[0];
      if (!PIPELINE_UPDATE_STAGES.has(name)) {
        throw new MongoCommandError(ErrorCode.InvalidOptions, `${name} is not allowed to be used within an update`);
      }
    }
    return { kind: 'pipeline', stages: update as Document[] };
  }
  if (!isPlainObject(update)) throw failedToParse('Update argument must be either an object or an array');
  const keys = Object.keys(update);
  if (keys.length === 0 || !keys[0].startsWith('$')) {
    for (const key of keys) {
      if (key.startsWith('$')) {
        throw new MongoCommandError(
          ErrorCode.DollarPrefixedFieldName,
          `The dollar ($) prefixed field '${key}' in '${key}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
        );
      }
    }
    if (arrayFilters !== undefined && arrayFilters !== null && (arrayFilters as unknown[]).length) {
      throw failedToParse('arrayFilters may not be specified for replacement-style updates');
    }
    return { kind: 'replacement', doc: update };
  }

  const entries: OperatorEntry[] = [];
  for (const op of keys) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw failedToParse(`Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    const fields = update[op];
    if (!isPlainObject(fields)) {
      throw failedToParse(
        `Modifiers operate on fields but we found type ${bsonTypeName(fields)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${formatValue(fields, false)}}`,
      );
    }
    for (const [path, arg] of Object.entries(fields)) {
      validatePath(path);
      if (op === '$rename') {
        if (typeof arg !== 'string') {
          throw badValue(`The 'to' field for $rename must be a string: ${path}: ${formatValue(arg, false)}`);
        }
        validatePath(arg);
        if (path === arg) throw badValue(`The source and target field for $rename must differ: ${path}: "${arg}"`);
        if (isPrefixPath(path, arg) || isPrefixPath(arg, path)) {
          throw badValue(`The source and target field for $rename must not be on the same path: ${path}: "${arg}"`);
        }
        if (splitPath(path).some((s) => s.startsWith('$'))) throw badValue(`The source field for $rename may not be dynamic: ${path}`);
        if (splitPath(arg).some((s) => s.startsWith('$'))) throw badValue(`The destination field for $rename may not be dynamic: ${arg}`);
      }
      entries.push({ op, path, arg });
    }
  }

  // Two operators touching the same path (or a path and its prefix) is an error on a real server.
  const targets: string[] = [];
  for (const e of entries) {
    targets.push(e.path);
    if (e.op === '$rename') targets.push(e.arg as string);
  }
  for (let i = 0; i < targets.length; i++) {
    for (let j = 0; j < targets.length; j++) {
      if (i === j) continue;
      if (targets[i] === targets[j] || isPrefixPath(targets[i], targets[j])) {
        throw new MongoCommandError(
          ErrorCode.ConflictingUpdateOperators,
          `Updating the path '${targets[j]}' would create a conflict at '${targets[i]}'`,
        );
      }
    }
  }

  const filters = parseArrayFilters(arrayFilters);
  const used = new Set<string>();
  for (const e of entries) {
    for (const seg of splitPath(e.path)) {
      const m = /^\$\[(\w+)\]$/.exec(seg);
      if (!m) continue;
      if (!filters.has(m[1])) throw badValue(`No array filter found for identifier '${m[1]}' in path '${e.path}'`);
      used.add(m[1]);
    }
  }
  for (const id of filters.keys()) {
    if (!used.has(id)) {
      throw failedToParse(`The array filter for identifier '${id}' was not used in the update ${formatDocument(update, true)}`);
    }
  }

  entries.sort((a, b) => comparePaths(a.path, b.path));
  return { kind: 'operators', entries, arrayFilters: filters, source: update };
}

// ---------------------------------------------------------------------------------------------
// Applying

type Container = Document | unknown[];
type Leaf = (container: Container, key: string, exists: boolean) => void;

interface ApplyState {
  original: Document;
  filter: Document;
  arrayFilters: Map<string, CompiledFilter>;
  idForMessages: unknown;
}

function getIn(container: Container, key: string): unknown {
  return Array.isArray(container) ? container[Number(key)] : container[key];
}

function hasIn(container: Container, key: string): boolean {
  return Array.isArray(container) ? Number(key) < container.length : Object.prototype.hasOwnProperty.call(container, key);
}

function setIn(container: Container, key: string, value: unknown): void {
  if (Array.isArray(container)) {
    const idx = Number(key);
    while (container.length < idx) container.push(null);
    container[idx] = value;
  } else {
    container[key] = value;
  }
}

function isContainer(v: unknown): v is Container {
  return Array.isArray(v) || isPlainObject(v);
}

function describeElement(key: string, value: unknown): string {
  return `{${key}: ${formatValue(value, false)}}`;
}

/**
 * Walks `path` inside `node` and calls `leaf` on the container holding the last segment.
 * `create` ops ($set, $inc, $push, …) build missing intermediate documents; the others
 * ($unset, $pull, $pop, …) treat a missing path as a no-op, as on a real server.
 */
function walk(
  node: Container,
  segs: string[],
  i: number,
  create: boolean,
  leaf: Leaf,
  st: ApplyState,
): void {
  let seg = segs[i];
  const last = i === segs.length - 1;
  const prefix = segs.slice(0, i).join('.');

  if (seg === '$') {
    if (!Array.isArray(node)) {
      throw badValue('The positional operator did not find the match needed from the query.');
    }
    const idx = positionalMatchIndex(st.original, st.filter, prefix);
    if (idx < 0) throw badValue('The positional operator did not find the match needed from the query.');
    seg = String(idx);
  }

  const all = seg === '$[]';
  const filtered = /^\$\[(\w+)\]$/.exec(seg);
  if (all || filtered) {
    if (!Array.isArray(node)) {
      throw badValue(`Cannot apply array updates to non-array element ${prefix}: ${formatValue(node, false)}`);
    }
    const f = filtered ? st.arrayFilters.get(filtered[1]) : undefined;
    for (let j = 0; j < node.length; j++) {
      if (f && !f.test({ [filtered![1]]: node[j] })) continue;
      if (last) {
        leaf(node, String(j), true);
      } else {
        const child = node[j];
        if (isContainer(child)) walk(child, segs, i + 1, create, leaf, st);
        else if (create) {
          throw new MongoCommandError(
            ErrorCode.PathNotViable,
            `Cannot create field '${segs[i + 1]}' in element ${describeElement(String(j), child)}`,
          );
        }
      }
    }
    return;
  }

  if (Array.isArray(node) && !/^\d+$/.test(seg)) {
    if (!create) return;
    throw new MongoCommandError(
      ErrorCode.PathNotViable,
      `Cannot create field '${seg}' in element {${segs[i - 1] ?? ''}: ${formatValue(node, false)}}`,
    );
  }

  const exists = hasIn(node, seg);
  if (last) {
    leaf(node, seg, exists);
    return;
  }
  const child = exists ? getIn(node, seg) : undefined;
  if (isContainer(child)) {
    walk(child, segs, i + 1, create, leaf, st);
    return;
  }
  if (!create) return;
  if (exists) {
    throw new MongoCommandError(
      ErrorCode.PathNotViable,
      `Cannot create field '${segs[i + 1]}' in element ${describeElement(seg, child)}`,
    );
  }
  if (segs.slice(i + 1).some((s) => s === '$' || /^\$\[\w*\]$/.test(s))) {
    throw badValue(`The path '${segs.slice(0, i + 1).join('.')}' must exist in the document in order to apply array updates.`);
  }
  const created: Document = {};
  setIn(node, seg, created);
  walk(created, segs, i + 1, create, leaf, st);
}

function applyAt(doc: Document, path: string, create: boolean, st: ApplyState, leaf: Leaf): void {
  walk(doc, splitPath(path), 0, create, leaf, st);
}

function idDescription(st: ApplyState): string {
  return `{_id: ${formatValue(st.idForMessages, false)}}`;
}

function arith(op: '$inc' | '$mul', current: unknown, arg: unknown, st: ApplyState): unknown {
  if (bsonTypeTag(current) === 'Decimal128' || bsonTypeTag(arg) === 'Decimal128') throw notImplemented(`${op} on Decimal128 values`);
  const isLong = (v: unknown) => bsonTypeTag(v) === 'Long';
  if (typeof current === 'number' && typeof arg === 'number') return op === '$inc' ? current + arg : current * arg;
  const toBig = (v: unknown): bigint | undefined => {
    if (isLong(v)) return BigInt((v as Long).toString());
    if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
    return undefined;
  };
  const a = toBig(current);
  const b = toBig(arg);
  if ((isLong(current) || isLong(arg)) && a !== undefined && b !== undefined) {
    const r = op === '$inc' ? a + b : a * b;
    if (r > 9223372036854775807n || r < -9223372036854775808n) {
      throw badValue(
        `Failed to apply ${op} operations to current value (${formatValue(current)}) for document ${idDescription(st)}`,
      );
    }
    return Long.fromString(r.toString());
  }
  const x = isLong(current) ? (current as Long).toNumber() : Number(current);
  const y = isLong(arg) ? (arg as Long).toNumber() : Number(arg);
  return op === '$inc' ? x + y : x * y;
}

function zeroLike(v: unknown): unknown {
  return bsonTypeTag(v) === 'Long' ? Long.fromNumber(0) : 0;
}

function parseEach(op: string, arg: unknown): { values: unknown[]; modifiers: Document } {
  if (isPlainObject(arg) && '$each' in arg) {
    const allowed = op === '$push' ? ['$each', '$slice', '$sort', '$position'] : ['$each'];
    for (const k of Object.keys(arg)) {
      if (!allowed.includes(k)) {
        if (op === '$push') throw badValue(`Unrecognized clause in $push: ${k}`);
        throw badValue(`Found unexpected fields after $each in $addToSet: ${formatDocument(arg)}`);
      }
    }
    if (!Array.isArray(arg.$each)) {
      throw badValue(`The argument to $each in ${op} must be an array but it was of type: ${bsonTypeName(arg.$each)}`);
    }
    return { values: arg.$each as unknown[], modifiers: arg };
  }
  return { values: [arg], modifiers: {} };
}

function toInt(v: unknown, what: string): number {
  const n = bsonTypeTag(v) === 'Long' ? (v as Long).toNumber() : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw badValue(`The value for ${what} must be an integer value but was given type: ${bsonTypeName(v)}`);
  return n;
}

function pushSort(values: unknown[], spec: unknown): unknown[] {
  if (typeof spec === 'number' || bsonTypeTag(spec) === 'Long') {
    const dir = Number(String(spec));
    if (dir !== 1 && dir !== -1) throw badValue('The $sort element value must be either 1 or -1');
    return [...values].sort((a, b) => compareValues(a, b) * dir);
  }
  if (!isPlainObject(spec) || Object.keys(spec).length === 0) {
    throw badValue('The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields');
  }
  const fields = Object.entries(spec).map(([p, d]) => {
    const dir = Number(String(d));
    if (dir !== 1 && dir !== -1) throw badValue('The $sort element value must be either 1 or -1');
    return [p, dir] as const;
  });
  const get = (v: unknown, p: string): unknown => {
    let cur = v;
    for (const s of splitPath(p)) cur = isPlainObject(cur) ? cur[s] : undefined;
    return cur;
  };
  return values
    .map((v, i) => ({ v, i }))
    .sort((a, b) => {
      for (const [p, dir] of fields) {
        const c = compareValues(get(a.v, p), get(b.v, p));
        if (c) return c * dir;
      }
      return a.i - b.i;
    })
    .map((x) => x.v);
}

function pullMatcher(arg: unknown): (el: unknown) => boolean {
  if (isPlainObject(arg)) {
    const keys = Object.keys(arg);
    if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) {
      // Operator condition on the element itself, e.g. {$gte: 6} or {$in: [...]}.
      const q = compileFilter({ v: arg });
      return (el) => q.test({ v: el });
    }
    // A document condition: matched as a query against each (document) element.
    const q = compileFilter(arg);
    return (el) => isPlainObject(el) && q.test(el);
  }
  const key = canonicalKey(arg);
  return (el) => canonicalKey(el) === key;
}

function applyOperator(doc: Document, e: OperatorEntry, st: ApplyState, isUpsertInsert: boolean): void {
  const { op, path, arg } = e;
  switch (op) {
    case '$setOnInsert':
      if (!isUpsertInsert) return;
      applyAt(doc, path, true, st, (c, k) => setIn(c, k, deepClone(arg)));
      return;
    case '$set':
      applyAt(doc, path, true, st, (c, k) => setIn(c, k, deepClone(arg)));
      return;
    case '$unset':
      applyAt(doc, path, false, st, (c, k, exists) => {
        if (!exists) return;
        if (Array.isArray(c)) c[Number(k)] = null;
        else delete c[k];
      });
      return;
    case '$inc':
    case '$mul': {
      if (!isNumeric(arg)) {
        throw typeMismatch(
          `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${formatValue(arg, false)}}`,
        );
      }
      applyAt(doc, path, true, st, (c, k, exists) => {
        const current = exists ? getIn(c, k) : undefined;
        if (current === undefined) {
          setIn(c, k, op === '$inc' ? deepClone(arg) : zeroLike(arg));
          return;
        }
        if (!isNumeric(current)) {
          throw typeMismatch(
            `Cannot apply ${op} to a value of non-numeric type. ${idDescription(st)} has the field '${k}' of non-numeric type ${bsonTypeName(current)}`,
          );
        }
        setIn(c, k, arith(op, current, arg, st));
      });
      return;
    }
    case '$min':
    case '$max':
      applyAt(doc, path, true, st, (c, k, exists) => {
        if (!exists) {
          setIn(c, k, deepClone(arg));
          return;
        }
        const cmp = compareValues(arg, getIn(c, k));
        if ((op === '$min' && cmp < 0) || (op === '$max' && cmp > 0)) setIn(c, k, deepClone(arg));
      });
      return;
    case '$currentDate': {
      let make: () => unknown;
      if (typeof arg === 'boolean') make = () => new Date();
      else if (isPlainObject(arg) && Object.keys(arg).length === 1 && arg.$type === 'date') make = () => new Date();
      else if (isPlainObject(arg) && Object.keys(arg).length === 1 && arg.$type === 'timestamp') {
        make = () => new Timestamp({ t: Math.floor(Date.now() / 1000), i: 1 });
      } else {
        throw badValue(
          `${formatValue(arg, false)} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`,
        );
      }
      applyAt(doc, path, true, st, (c, k) => setIn(c, k, make()));
      return;
    }
    case '$push':
    case '$addToSet': {
      const { values, modifiers } = parseEach(op, arg);
      applyAt(doc, path, true, st, (c, k, exists) => {
        const current = exists ? getIn(c, k) : undefined;
        if (current !== undefined && !Array.isArray(current)) {
          if (op === '$push') {
            throw badValue(
              `The field '${k}' must be an array but is of type ${bsonTypeName(current)} in document ${idDescription(st)}`,
            );
          }
          throw badValue(`Cannot apply $addToSet to non-array field. Field named '${k}' has non-array type ${bsonTypeName(current)}`);
        }
        let arr = current === undefined ? [] : [...current];
        if (op === '$addToSet') {
          const seen = new Set(arr.map(canonicalKey));
          for (const v of values) {
            const key = canonicalKey(v);
            if (!seen.has(key)) {
              seen.add(key);
              arr.push(deepClone(v));
            }
          }
        } else {
          const items = values.map((v) => deepClone(v));
          if (modifiers.$position !== undefined) {
            let pos = toInt(modifiers.$position, '$position');
            if (pos < 0) pos = Math.max(0, arr.length + pos);
            arr.splice(Math.min(pos, arr.length), 0, ...items);
          } else {
            arr.push(...items);
          }
          if (modifiers.$sort !== undefined) arr = pushSort(arr, modifiers.$sort);
          if (modifiers.$slice !== undefined) {
            const n = toInt(modifiers.$slice, '$slice');
            arr = n >= 0 ? arr.slice(0, n) : arr.slice(Math.max(0, arr.length + n));
          }
        }
        setIn(c, k, arr);
      });
      return;
    }
    case '$pull':
    case '$pullAll': {
      let matches: (el: unknown) => boolean;
      if (op === '$pullAll') {
        if (!Array.isArray(arg)) throw badValue(`$pullAll requires an array argument but was given a ${bsonTypeName(arg)}`);
        const keys = new Set(arg.map(canonicalKey));
        matches = (el) => keys.has(canonicalKey(el));
      } else {
        matches = pullMatcher(arg);
      }
      applyAt(doc, path, false, st, (c, k, exists) => {
        if (!exists) return;
        const current = getIn(c, k);
        if (!Array.isArray(current)) throw badValue('Cannot apply $pull to a non-array value');
        setIn(c, k, current.filter((el) => !matches(el)));
      });
      return;
    }
    case '$pop': {
      const n = typeof arg === 'number' ? arg : bsonTypeTag(arg) === 'Long' ? (arg as Long).toNumber() : NaN;
      if (n !== 1 && n !== -1) throw failedToParse(`Expected a number in: ${path}: ${formatValue(arg, false)}`);
      applyAt(doc, path, false, st, (c, k, exists) => {
        if (!exists) return;
        const current = getIn(c, k);
        if (!Array.isArray(current)) {
          throw typeMismatch(`Path '${path}' contains an element of non-array type '${bsonTypeName(current)}'`);
        }
        setIn(c, k, n === 1 ? current.slice(0, -1) : current.slice(1));
      });
      return;
    }
    case '$bit': {
      if (!isPlainObject(arg) || Object.keys(arg).length === 0) {
        throw badValue(`The $bit modifier is not compatible with a ${bsonTypeName(arg)}. You must pass in an embedded document: {$bit: {field: {and/or/xor: #}}`);
      }
      for (const [bop, operand] of Object.entries(arg)) {
        if (!['and', 'or', 'xor'].includes(bop)) {
          throw badValue(`The $bit modifier only supports 'and', 'or', and 'xor', not '${bop}' which is an unknown operator: {${bop}: ${formatValue(operand, false)}}`);
        }
        if (!(typeof operand === 'number' && Number.isInteger(operand)) && bsonTypeTag(operand) !== 'Long') {
          throw badValue(`The $bit modifier field must be an Integer(32/64 bit); a '${bsonTypeName(operand)}' is not supported here: {${bop}: ${formatValue(operand, false)}}`);
        }
      }
      applyAt(doc, path, true, st, (c, k, exists) => {
        const current = exists ? getIn(c, k) : 0;
        const currentIsLong = bsonTypeTag(current) === 'Long';
        if (!(typeof current === 'number' && Number.isInteger(current)) && !currentIsLong) {
          throw badValue(`Cannot apply $bit to a value of non-integral type.${idDescription(st)} has the field ${k} of non-integer type ${bsonTypeName(current)}`);
        }
        let acc = BigInt(String(current));
        let anyLong = currentIsLong;
        for (const [bop, operand] of Object.entries(arg as Document)) {
          anyLong = anyLong || bsonTypeTag(operand) === 'Long';
          const o = BigInt(String(operand));
          acc = bop === 'and' ? acc & o : bop === 'or' ? acc | o : acc ^ o;
        }
        setIn(c, k, anyLong ? Long.fromString(BigInt.asIntN(64, acc).toString()) : Number(BigInt.asIntN(32, acc)));
      });
      return;
    }
    case '$rename': {
      const to = arg as string;
      const fromSegs = splitPath(path);
      // Renames may not traverse arrays, on either side.
      let cur: unknown = doc;
      for (let i = 0; i < fromSegs.length; i++) {
        if (Array.isArray(cur)) {
          throw badValue(
            `The source field cannot be an array element, '${path}' in doc with _id: ${formatValue(st.idForMessages, false)} has an array field called '${fromSegs[i - 1]}'`,
          );
        }
        if (!isPlainObject(cur) || !Object.prototype.hasOwnProperty.call(cur, fromSegs[i])) return; // missing: no-op
        cur = cur[fromSegs[i]];
      }
      const value = cur;
      let dest: unknown = doc;
      for (const s of splitPath(to).slice(0, -1)) {
        if (!isPlainObject(dest)) break;
        dest = dest[s];
        if (Array.isArray(dest)) {
          throw badValue(
            `The destination field cannot be an array element, '${to}' in doc with _id: ${formatValue(st.idForMessages, false)} has an array field called '${s}'`,
          );
        }
      }
      applyAt(doc, path, false, st, (c, k) => {
        delete (c as Document)[k];
      });
      applyAt(doc, to, true, st, (c, k) => setIn(c, k, value));
      return;
    }
    default:
      throw failedToParse(`Unknown modifier: ${op}`);
  }
}

function withIdFirst(doc: Document): Document {
  if (!Object.prototype.hasOwnProperty.call(doc, '_id')) return doc;
  const keys = Object.keys(doc);
  if (keys[0] === '_id') return doc;
  const out: Document = { _id: doc._id };
  for (const k of keys) if (k !== '_id') out[k] = doc[k];
  return out;
}

function assertIdUnchanged(before: Document, after: Document): void {
  const had = Object.prototype.hasOwnProperty.call(before, '_id');
  const has = Object.prototype.hasOwnProperty.call(after, '_id');
  if (had && (!has || canonicalKey(before._id) !== canonicalKey(after._id))) {
    throw new MongoCommandError(
      ErrorCode.ImmutableField,
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
}

/**
 * Returns the updated copy of `doc`. For upsert inserts `doc` is the seed built from the filter
 * (it may lack `_id`; the caller generates one afterwards).
 */
export function applyUpdate(doc: Document, parsed: ParsedUpdate, ctx: UpdateContext): Document {
  switch (parsed.kind) {
    case 'replacement': {
      const replacement = deepClone(parsed.doc);
      if (Object.prototype.hasOwnProperty.call(doc, '_id')) {
        if (
          Object.prototype.hasOwnProperty.call(replacement, '_id') &&
          canonicalKey(replacement._id) !== canonicalKey(doc._id)
        ) {
          throw new MongoCommandError(
            ErrorCode.ImmutableField,
            `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(replacement._id)}`,
          );
        }
        return withIdFirst({ ...replacement, _id: doc._id });
      }
      return withIdFirst(replacement);
    }
    case 'pipeline': {
      const results = runPipeline([deepClone(doc)], parsed.stages, { variables: ctx.variables });
      if (results.length !== 1 || !isPlainObject(results[0])) {
        throw new MongoCommandError(ErrorCode.InternalError, 'pipeline update did not produce exactly one document');
      }
      const out = results[0];
      if (Object.prototype.hasOwnProperty.call(doc, '_id') && !Object.prototype.hasOwnProperty.call(out, '_id')) {
        out._id = doc._id;
      }
      assertIdUnchanged(doc, out);
      return withIdFirst(out);
    }
    case 'operators': {
      const out = deepClone(doc);
      const st: ApplyState = {
        original: doc,
        filter: ctx.filter,
        arrayFilters: parsed.arrayFilters,
        idForMessages: doc._id,
      };
      for (const entry of parsed.entries) applyOperator(out, entry, st, ctx.isUpsertInsert);
      assertIdUnchanged(doc, out);
      return withIdFirst(out);
    }
    default:
      throw new MongoCommandError(ErrorCode.InternalError, 'unknown update kind');
  }
}

/** Builds the starting document of an upsert from the filter's equality fields. */
export function upsertSeed(equalities: Array<[string, unknown]>): Document {
  const seed: Document = {};
  for (const [path, value] of equalities) {
    const segs = splitPath(path);
    let cur: Document = seed;
    let viable = true;
    for (let i = 0; i < segs.length - 1; i++) {
      const next = cur[segs[i]];
      if (next === undefined) {
        const created: Document = {};
        cur[segs[i]] = created;
        cur = created;
      } else if (isPlainObject(next)) {
        cur = next;
      } else {
        viable = false;
        break;
      }
    }
    if (!viable) {
      throw new MongoCommandError(ErrorCode.PathNotViable, `cannot infer query fields to set, path '${path}' is matched twice`);
    }
    const leaf = segs[segs.length - 1];
    if (Object.prototype.hasOwnProperty.call(cur, leaf)) {
      throw new MongoCommandError(ErrorCode.NotSingleValueField, `cannot infer query fields to set, path '${path}' is matched twice`);
    }
    cur[leaf] = deepClone(value);
  }
  return withIdFirst(seed);
}
