/**
 * find / getMore / killCursors / count / distinct.
 *
 * Matches come from `matching` (index-narrowed candidates or a scan, see operations.ts); the
 * result is sorted with MongoDB's BSON order, skipped, limited, projected and handed to the
 * cursor registry, which serves it in batches.
 */
import type { Document, Long } from 'bson';
import { EMPTY_ARRAY_SORT_KEY, bsonTypeName, bsonTypeTag, canonicalKey, compareValues } from '../bson-values';
import { ErrorCode, MongoCommandError } from '../errors';
import { compileFilter, compileProjection, parseSort, valuesAtPath } from '../query';
import {
  collectionArg,
  namespace,
  optionalBool,
  optionalDoc,
  optionalInt,
  refuseCollation,
  refuseIfSet,
} from './args';
import type { CommandContext, CommandDefinition } from './context';
import { checkHint, matching } from './operations';

function nonNegative(value: number | undefined, field: string): number | undefined {
  if (value !== undefined && value < 0) {
    throw new MongoCommandError(51024, `BSON field '${field}' value must be >= 0, actual value '${value}'`);
  }
  return value;
}

/** The `cursor: { batchSize }` sub-document of aggregate/listIndexes/listCollections. */
export function cursorBatchSize(cmd: Document, commandName: string): number | undefined {
  const cursor = optionalDoc(cmd, 'cursor', `${commandName}.cursor`);
  if (!cursor) return undefined;
  return nonNegative(optionalInt(cursor, 'batchSize', 'batchSize'), 'batchSize');
}

export function cursorReply(ns: string, key: 'firstBatch' | 'nextBatch', batch: Document[], id: Long): Document {
  return { cursor: { [key]: batch, id, ns }, ok: 1 };
}

const find: CommandDefinition = {
  fields: [
    'filter', 'projection', 'sort', 'hint', 'skip', 'limit', 'batchSize', 'singleBatch', 'max', 'min', 'returnKey',
    'showRecordId', 'tailable', 'oplogReplay', 'noCursorTimeout', 'awaitData', 'allowPartialResults', 'collation',
    'allowDiskUse', 'let', 'readOnce', 'term',
  ],
  handler(cmd: Document, ctx: CommandContext) {
    const collName = collectionArg(cmd, 'find', ctx);
    refuseIfSet(cmd, 'find', ['max', 'min', 'returnKey', 'showRecordId', 'tailable', 'oplogReplay', 'awaitData']);
    refuseCollation(cmd.collation, 'find.collation');
    const letVars = optionalDoc(cmd, 'let', 'find.let');
    const filter = compileFilter(optionalDoc(cmd, 'filter', 'find.filter') ?? {}, letVars);
    const sort = parseSort(optionalDoc(cmd, 'sort', 'find.sort'));
    const project = compileProjection(optionalDoc(cmd, 'projection', 'find.projection'), filter.filter, letVars);
    const skip = nonNegative(optionalInt(cmd, 'skip', 'find.skip'), 'skip') ?? 0;
    const limit = nonNegative(optionalInt(cmd, 'limit', 'find.limit'), 'limit') ?? 0;
    const batchSize = nonNegative(optionalInt(cmd, 'batchSize', 'find.batchSize'), 'batchSize');
    const singleBatch = optionalBool(cmd, 'singleBatch', 'find.singleBatch') ?? false;
    const coll = ctx.catalog.get(ctx.db, collName);
    checkHint(coll, cmd.hint);

    let docs = matching(coll, filter, { sort, limit: limit > 0 ? skip + limit : 0, hint: cmd.hint }).slice(skip);
    if (limit > 0) docs = docs.slice(0, limit);
    docs = docs.map(project);
    const ns = namespace(ctx, collName);
    const { firstBatch, id } = ctx.cursors.open(ns, docs, {
      batchSize,
      singleBatch,
      connectionId: ctx.connection.id,
      lsidKey: ctx.lsidKey,
      noTimeout: optionalBool(cmd, 'noCursorTimeout', 'find.noCursorTimeout'),
    });
    return cursorReply(ns, 'firstBatch', firstBatch, id);
  },
};

const getMore: CommandDefinition = {
  fields: ['collection', 'batchSize', 'term', 'lastKnownCommittedOpTime'],
  handler(cmd: Document, ctx: CommandContext) {
    const id = cmd.getMore;
    if (bsonTypeTag(id) !== 'Long') {
      throw new MongoCommandError(
        ErrorCode.TypeMismatch,
        `BSON field 'getMore.getMore' is the wrong type '${bsonTypeName(id)}', expected type 'long'`,
      );
    }
    if (typeof cmd.collection !== 'string') {
      throw new MongoCommandError(ErrorCode.TypeMismatch, "BSON field 'getMore.collection' is the wrong type, expected type 'string'");
    }
    const batchSize = nonNegative(optionalInt(cmd, 'batchSize', 'getMore.batchSize'), 'batchSize');
    const ns = namespace(ctx, cmd.collection);
    const { nextBatch, id: nextId } = ctx.cursors.getMore(id as Long, ns, batchSize);
    return cursorReply(ns, 'nextBatch', nextBatch, nextId);
  },
};

const killCursors: CommandDefinition = {
  fields: ['cursors'],
  handler(cmd: Document, ctx: CommandContext) {
    const collName = collectionArg(cmd, 'killCursors', ctx);
    const ids = cmd.cursors;
    if (!Array.isArray(ids) || ids.some((v) => bsonTypeTag(v) !== 'Long')) {
      throw new MongoCommandError(ErrorCode.TypeMismatch, "BSON field 'killCursors.cursors' must be an array of longs");
    }
    const { killed, notFound } = ctx.cursors.kill(ids as Long[], namespace(ctx, collName));
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  },
};

const count: CommandDefinition = {
  fields: ['query', 'limit', 'skip', 'hint', 'collation', 'fields'],
  handler(cmd: Document, ctx: CommandContext) {
    const collName = collectionArg(cmd, 'count', ctx);
    refuseCollation(cmd.collation, 'count.collation');
    const filter = compileFilter(optionalDoc(cmd, 'query', 'count.query') ?? {});
    const skip = nonNegative(optionalInt(cmd, 'skip', 'count.skip'), 'skip') ?? 0;
    // A negative limit means the same as its absolute value for count.
    const limit = Math.abs(optionalInt(cmd, 'limit', 'count.limit') ?? 0);
    const coll = ctx.catalog.get(ctx.db, collName);
    checkHint(coll, cmd.hint);
    let n = Math.max(0, matching(coll, filter, { limit: limit > 0 ? skip + limit : 0, hint: cmd.hint }).length - skip);
    if (limit > 0) n = Math.min(n, limit);
    return { n, ok: 1 };
  },
};

const distinct: CommandDefinition = {
  fields: ['key', 'query', 'collation', 'hint'],
  handler(cmd: Document, ctx: CommandContext) {
    const collName = collectionArg(cmd, 'distinct', ctx);
    refuseCollation(cmd.collation, 'distinct.collation');
    if (typeof cmd.key !== 'string') {
      throw new MongoCommandError(ErrorCode.TypeMismatch, `BSON field 'distinct.key' is the wrong type '${bsonTypeName(cmd.key)}', expected type 'string'`);
    }
    const key = cmd.key;
    const filter = compileFilter(optionalDoc(cmd, 'query', 'distinct.query') ?? {});
    const coll = ctx.catalog.get(ctx.db, collName);
    checkHint(coll, cmd.hint);
    const seen = new Map<string, unknown>();
    for (const doc of matching(coll, filter, { hint: cmd.hint })) {
      for (const v of valuesAtPath(doc, key)) {
        if (v === undefined || v === EMPTY_ARRAY_SORT_KEY) continue;
        const k = canonicalKey(v);
        if (!seen.has(k)) seen.set(k, v);
      }
    }
    const values = Array.from(seen.values()).sort(compareValues);
    return { values, ok: 1 };
  },
};

export const READ_COMMANDS: Record<string, CommandDefinition> = { find, getMore, killCursors, count, distinct };
