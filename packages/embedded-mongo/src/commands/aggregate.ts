/**
 * aggregate, executed by mingo's Aggregator over private copies of the collection (mingo may
 * modify its input in place, e.g. `$addFields` on nested paths).
 *
 * Stages that write (`$out`, `$merge`) or need server internals are refused with NotImplemented
 * rather than half-emulated.
 */
import type { Document } from 'bson';
import { deepClone, isPlainObject } from '../bson-values';
import { ErrorCode, MongoCommandError, failedToParse, notImplemented } from '../errors';
import { runPipeline } from '../query';
import { collectionArg, namespace, optionalDoc, refuseCollation, requiredArray } from './args';
import type { CommandContext, CommandDefinition } from './context';
import { checkHint } from './operations';
import { cursorBatchSize, cursorReply } from './read-commands';

/** Real MongoDB stages that mingo does not implement or that need server state. */
const UNSUPPORTED_STAGES = new Set([
  '$out', '$merge', '$collStats', '$indexStats', '$currentOp', '$listSessions', '$listLocalSessions', '$changeStream',
  '$changeStreamSplitLargeEvent', '$geoNear', '$search', '$searchMeta', '$vectorSearch', '$planCacheStats',
  '$listSearchIndexes', '$shardedDataDistribution', '$queryStats', '$listSampledQueries', '$listCatalog',
]);

function checkStages(pipeline: unknown[], topLevel: boolean): void {
  pipeline.forEach((stage, i) => {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
      throw new MongoCommandError(40323, 'A pipeline stage specification object must contain exactly one field.');
    }
    const name = Object.keys(stage)[0];
    if (UNSUPPORTED_STAGES.has(name)) throw notImplemented(`the ${name} aggregation stage`);
    if (name === '$documents' && (!topLevel || i !== 0)) {
      throw new MongoCommandError(40602, '$documents is only valid as the first stage in a pipeline');
    }
    // Sub-pipelines ($lookup, $unionWith, $facet) must obey the same rules.
    const spec = stage[name];
    if (isPlainObject(spec) && Array.isArray(spec.pipeline)) checkStages(spec.pipeline, false);
    if (name === '$facet' && isPlainObject(spec)) {
      for (const sub of Object.values(spec)) if (Array.isArray(sub)) checkStages(sub, false);
    }
  });
}

const aggregate: CommandDefinition = {
  fields: ['pipeline', 'cursor', 'explain', 'allowDiskUse', 'bypassDocumentValidation', 'collation', 'hint', 'let'],
  handler(cmd: Document, ctx: CommandContext) {
    const target = cmd.aggregate;
    const dbLevel = target === 1;
    const collName = dbLevel ? undefined : collectionArg(cmd, 'aggregate', ctx);
    const pipeline = requiredArray(cmd, 'pipeline', 'aggregate.pipeline');
    if (cmd.explain !== undefined && cmd.explain !== false) throw notImplemented('explain');
    if (cmd.cursor === undefined) {
      throw failedToParse("The 'cursor' option is required, except for aggregate with the explain argument");
    }
    const batchSize = cursorBatchSize(cmd, 'aggregate');
    refuseCollation(cmd.collation, 'aggregate.collation');
    const letVars = optionalDoc(cmd, 'let', 'aggregate.let');
    checkStages(pipeline, true);
    if (dbLevel && !(pipeline.length > 0 && isPlainObject(pipeline[0]) && '$documents' in pipeline[0])) {
      throw new MongoCommandError(ErrorCode.InvalidNamespace, "{aggregate: 1} is not valid for '$match'; a collection is required.");
    }
    const coll = collName ? ctx.catalog.get(ctx.db, collName) : undefined;
    checkHint(coll, cmd.hint);
    const input = coll ? deepClone(coll.documents()) : [];
    const results = runPipeline(input, pipeline as Document[], {
      variables: letVars,
      collectionResolver: (name: string) => deepClone(ctx.catalog.get(ctx.db, name)?.documents() ?? []),
    });
    const ns = collName ? namespace(ctx, collName) : `${ctx.db}.$cmd.aggregate`;
    const { firstBatch, id } = ctx.cursors.open(ns, results, {
      batchSize,
      connectionId: ctx.connection.id,
      lsidKey: ctx.lsidKey,
    });
    return cursorReply(ns, 'firstBatch', firstBatch, id);
  },
};

export const AGGREGATE_COMMANDS: Record<string, CommandDefinition> = { aggregate };
