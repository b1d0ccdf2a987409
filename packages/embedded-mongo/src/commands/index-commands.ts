/**
 * createIndexes / listIndexes / dropIndexes.
 */
import type { Document } from 'bson';
import { deepClone, isPlainObject } from '../bson-values';
import { ErrorCode, MongoCommandError, badValue } from '../errors';
import { normalizeIndexSpec, type IndexSpec } from '../index-spec';
import { collectionArg, namespace, requiredArray } from './args';
import type { CommandContext, CommandDefinition } from './context';
import { cursorBatchSize, cursorReply } from './read-commands';

const createIndexes: CommandDefinition = {
  fields: ['indexes', 'commitQuorum', 'ignoreUnknownIndexOptions'],
  handler(cmd: Document, ctx: CommandContext) {
    const collName = collectionArg(cmd, 'createIndexes', ctx);
    const raw = requiredArray(cmd, 'indexes', 'createIndexes.indexes');
    if (raw.length === 0) throw badValue('Must specify at least one index to create');
    const specs = raw.map(normalizeIndexSpec);
    const names = new Set<string>();
    for (const s of specs) {
      if (names.has(s.name)) {
        throw new MongoCommandError(ErrorCode.IndexKeySpecsConflict, `Index with name: ${s.name} already exists with a different definition`);
      }
      names.add(s.name);
    }
    const existed = ctx.catalog.get(ctx.db, collName) !== undefined;
    const coll = ctx.catalog.getOrCreate(ctx.db, collName);
    const before = coll.indexSpecs().length;
    // All or nothing, like the server's single index build for the whole command.
    const created: IndexSpec[] = [];
    try {
      for (const spec of specs) if (coll.createIndex(spec)) created.push(spec);
    } catch (err) {
      for (const spec of created) coll.dropIndex(spec.name);
      throw err;
    }
    const reply: Document = {
      numIndexesBefore: before,
      numIndexesAfter: coll.indexSpecs().length,
      createdCollectionAutomatically: !existed,
    };
    if (created.length === 0) reply.note = 'all indexes already exist';
    reply.ok = 1;
    return reply;
  },
};

const listIndexes: CommandDefinition = {
  fields: ['cursor', 'includeIndexBuildInfo', 'includeBuildUUIDs'],
  handler(cmd: Document, ctx: CommandContext) {
    const collName = collectionArg(cmd, 'listIndexes', ctx);
    const ns = namespace(ctx, collName);
    const coll = ctx.catalog.get(ctx.db, collName);
    if (!coll) throw new MongoCommandError(ErrorCode.NamespaceNotFound, `ns does not exist: ${ns}`);
    const docs = coll.indexSpecs().map((s) => deepClone(s as unknown as Document));
    const { firstBatch, id } = ctx.cursors.open(ns, docs, {
      batchSize: cursorBatchSize(cmd, 'listIndexes'),
      connectionId: ctx.connection.id,
      lsidKey: ctx.lsidKey,
    });
    return cursorReply(ns, 'firstBatch', firstBatch, id);
  },
};

const dropIndexes: CommandDefinition = {
  fields: ['index'],
  handler(cmd: Document, ctx: CommandContext) {
    const collName = collectionArg(cmd, 'dropIndexes', ctx);
    const ns = namespace(ctx, collName);
    const coll = ctx.catalog.get(ctx.db, collName);
    if (!coll) throw new MongoCommandError(ErrorCode.NamespaceNotFound, `ns not found ${ns}`);
    const nIndexesWas = coll.indexSpecs().length;
    const index = cmd.index;
    let names: string[];
    if (index === '*') {
      names = coll.indexSpecs().map((s) => s.name).filter((n) => n !== '_id_');
    } else if (typeof index === 'string') {
      names = [index];
    } else if (Array.isArray(index) && index.every((n) => typeof n === 'string')) {
      names = index as string[];
      if (names.includes('*')) throw badValue("'*' is not allowed in an index name array");
    } else if (isPlainObject(index)) {
      const matches = coll.findIndexByKey(index);
      if (matches.length === 0) {
        throw new MongoCommandError(ErrorCode.IndexNotFound, `can't find index with key: ${JSON.stringify(index)}`);
      }
      if (matches.length > 1) {
        throw new MongoCommandError(ErrorCode.BadValue, `${matches.length} indexes found for key: ${JSON.stringify(index)}, identify by name instead.`);
      }
      names = [matches[0].name];
    } else {
      throw new MongoCommandError(ErrorCode.TypeMismatch, "BSON field 'dropIndexes.index' is the wrong type, expected types '[string, object, array]'");
    }
    // Validate every name before dropping any.
    for (const name of names) {
      if (name === '_id_') throw new MongoCommandError(ErrorCode.InvalidOptions, 'cannot drop _id index');
      if (!coll.indexSpecs().some((s) => s.name === name)) {
        throw new MongoCommandError(ErrorCode.IndexNotFound, `index not found with name [${name}]`);
      }
    }
    for (const name of names) coll.dropIndex(name);
    return { nIndexesWas, ok: 1 };
  },
};

export const INDEX_COMMANDS: Record<string, CommandDefinition> = { createIndexes, listIndexes, dropIndexes };
