/**
 * findAndModify: find the first match in `sort` order, then update or remove it, in one step.
 *
 * Atomicity comes from the server executing one command at a time (see commands/context.ts):
 * two clients racing for the same `{ status: 'pending' }` lease can never both get it.
 * Unlike write commands, failures here (e.g. E11000) are top-level errors, as on a real server.
 */
import type { Document } from 'bson';
import { failedToParse } from '../errors';
import { compileFilter, compileProjection, parseSort } from '../query';
import { parseUpdate } from '../update-engine';
import { collectionArg, optionalBool, optionalDoc, refuseCollation } from './args';
import type { CommandContext, CommandDefinition } from './context';
import { checkHint, matching, updateDocument, upsertDocument } from './operations';

function handler(cmd: Document, ctx: CommandContext, commandName: string): Document {
  const collName = collectionArg(cmd, commandName, ctx);
  const remove = optionalBool(cmd, 'remove', `${commandName}.remove`) ?? false;
  const returnNew = optionalBool(cmd, 'new', `${commandName}.new`) ?? false;
  const upsert = optionalBool(cmd, 'upsert', `${commandName}.upsert`) ?? false;
  const hasUpdate = cmd.update !== undefined && cmd.update !== null;
  if (remove && hasUpdate) throw failedToParse('Cannot specify both an update and remove=true');
  if (!remove && !hasUpdate) throw failedToParse('Either an update or remove=true must be specified');
  if (remove && upsert) throw failedToParse('Cannot specify both upsert=true and remove=true ');
  if (remove && returnNew) {
    throw failedToParse("Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
  }
  refuseCollation(cmd.collation, `${commandName}.collation`);
  const letVars = optionalDoc(cmd, 'let', `${commandName}.let`);
  const query = optionalDoc(cmd, 'query', `${commandName}.query`) ?? {};
  const filter = compileFilter(query, letVars);
  const sort = parseSort(optionalDoc(cmd, 'sort', `${commandName}.sort`));
  const project = compileProjection(optionalDoc(cmd, 'fields', `${commandName}.fields`), query, letVars);
  const parsed = hasUpdate ? parseUpdate(cmd.update, cmd.arrayFilters) : undefined;

  const coll = ctx.catalog.get(ctx.db, collName);
  checkHint(coll, cmd.hint);
  const target = matching(coll, filter, { sort, limit: 1, hint: cmd.hint })[0];

  if (remove) {
    if (!target) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
    coll!.delete(target);
    return { lastErrorObject: { n: 1 }, value: project(target), ok: 1 };
  }
  if (target) {
    const { doc } = updateDocument(coll!, target, parsed!, query, letVars);
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: project(returnNew ? doc : target),
      ok: 1,
    };
  }
  if (upsert) {
    const doc = upsertDocument(ctx.catalog, ctx.db, collName, query, parsed!, letVars);
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
      value: returnNew ? project(doc) : null,
      ok: 1,
    };
  }
  return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
}

const FIELDS = [
  'query', 'sort', 'remove', 'update', 'new', 'fields', 'upsert', 'bypassDocumentValidation', 'collation',
  'arrayFilters', 'hint', 'let',
];

export const FIND_AND_MODIFY_COMMANDS: Record<string, CommandDefinition> = {
  findAndModify: { fields: FIELDS, handler: (cmd, ctx) => handler(cmd, ctx, 'findAndModify') },
  findandmodify: { fields: FIELDS, handler: (cmd, ctx) => handler(cmd, ctx, 'findandmodify') },
};
