/**
 * listCollections / listDatabases / create / drop / dropDatabase.
 */
import type { Document } from 'bson';
import { bsonSize, deepClone } from '../bson-values';
import { ErrorCode, MongoCommandError } from '../errors';
import { compileFilter } from '../query';
import { collectionArg, namespace, optionalBool, optionalDoc, refuseCollation, refuseIfSet } from './args';
import type { CommandContext, CommandDefinition } from './context';
import { cursorBatchSize, cursorReply } from './read-commands';

const listCollections: CommandDefinition = {
  fields: ['filter', 'nameOnly', 'authorizedCollections', 'cursor', 'includePendingDrops'],
  handler(cmd: Document, ctx: CommandContext) {
    const filter = compileFilter(optionalDoc(cmd, 'filter', 'listCollections.filter') ?? {});
    const nameOnly = optionalBool(cmd, 'nameOnly', 'listCollections.nameOnly') ?? false;
    const entries = ctx.catalog
      .collections(ctx.db)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((c) => ({
        name: c.name,
        type: 'collection',
        options: deepClone(c.options),
        info: { readOnly: false, uuid: c.uuid },
        idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
      }))
      .filter((e) => filter.test(e))
      .map((e) => (nameOnly ? { name: e.name, type: e.type } : e));
    const ns = `${ctx.db}.$cmd.listCollections`;
    const { firstBatch, id } = ctx.cursors.open(ns, entries, {
      batchSize: cursorBatchSize(cmd, 'listCollections'),
      connectionId: ctx.connection.id,
      lsidKey: ctx.lsidKey,
    });
    return cursorReply(ns, 'firstBatch', firstBatch, id);
  },
};

const listDatabases: CommandDefinition = {
  fields: ['filter', 'nameOnly', 'authorizedDatabases'],
  handler(cmd: Document, ctx: CommandContext) {
    if (ctx.db !== 'admin') {
      throw new MongoCommandError(ErrorCode.Unauthorized, 'listDatabases may only be run against the admin database.');
    }
    const filter = compileFilter(optionalDoc(cmd, 'filter', 'listDatabases.filter') ?? {});
    const nameOnly = optionalBool(cmd, 'nameOnly', 'listDatabases.nameOnly') ?? false;
    const all = ctx.catalog.databaseNames().map((name) => {
      let sizeOnDisk = 0;
      for (const c of ctx.catalog.collections(name)) for (const d of c.documents()) sizeOnDisk += bsonSize(d);
      return { name, sizeOnDisk, empty: false };
    });
    const selected = all.filter((d) => filter.test(d));
    if (nameOnly) return { databases: selected.map((d) => ({ name: d.name })), ok: 1 };
    const totalSize = selected.reduce((sum, d) => sum + d.sizeOnDisk, 0);
    return { databases: selected, totalSize, totalSizeMb: Math.floor(totalSize / (1024 * 1024)), ok: 1 };
  },
};

const CREATE_UNSUPPORTED = [
  'capped', 'size', 'max', 'autoIndexId', 'validator', 'validationLevel', 'validationAction', 'indexOptionDefaults',
  'viewOn', 'pipeline', 'storageEngine', 'timeseries', 'expireAfterSeconds', 'clusteredIndex',
  'changeStreamPreAndPostImages', 'encryptedFields', 'idIndex', 'flags', 'recordPreImages',
];

const create: CommandDefinition = {
  fields: [...CREATE_UNSUPPORTED, 'collation'],
  handler(cmd: Document, ctx: CommandContext) {
    const collName = collectionArg(cmd, 'create', ctx);
    refuseIfSet(cmd, 'create', CREATE_UNSUPPORTED);
    refuseCollation(cmd.collation, 'create.collation');
    // Since MongoDB 7.0, creating an existing collection with identical options succeeds; every
    // collection here has the same (empty) options.
    if (!ctx.catalog.get(ctx.db, collName)) ctx.catalog.createCollection(ctx.db, collName, {});
    return { ok: 1 };
  },
};

const drop: CommandDefinition = {
  fields: [],
  handler(cmd: Document, ctx: CommandContext) {
    const collName = collectionArg(cmd, 'drop', ctx);
    const ns = namespace(ctx, collName);
    const dropped = ctx.catalog.dropCollection(ctx.db, collName);
    ctx.cursors.killForNamespace((n) => n === ns);
    // MongoDB 7.0 reports success for a collection that does not exist.
    return dropped ? { nIndexesWas: dropped.indexSpecs().length, ns, ok: 1 } : { ok: 1 };
  },
};

const dropDatabase: CommandDefinition = {
  fields: [],
  handler(_cmd: Document, ctx: CommandContext) {
    ctx.catalog.dropDatabase(ctx.db);
    ctx.cursors.killForNamespace((n) => n.startsWith(`${ctx.db}.`));
    return { dropped: ctx.db, ok: 1 };
  },
};

export const CATALOG_COMMANDS: Record<string, CommandDefinition> = {
  listCollections,
  listDatabases,
  create,
  drop,
  dropDatabase,
};
