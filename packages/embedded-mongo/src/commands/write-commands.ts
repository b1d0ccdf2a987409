/**
 * insert / update / delete.
 *
 * Like a real server, per-statement failures are reported in `writeErrors` with `ok: 1`; ordered
 * batches stop at the first failure, unordered ones carry on. Only malformed commands fail as a
 * whole (`ok: 0`).
 */
import type { Document } from 'bson';
import { isPlainObject } from '../bson-values';
import { ErrorCode, MongoCommandError, failedToParse } from '../errors';
import { compileFilter } from '../query';
import { parseUpdate } from '../update-engine';
import {
  collectionArg,
  optionalBool,
  optionalDoc,
  refuseCollation,
  requiredArray,
} from './args';
import type { CommandContext, CommandDefinition } from './context';
import { MAX_WRITE_BATCH_SIZE } from './handshake';
import { checkHint, matching, prepareInsert, updateDocument, upsertDocument } from './operations';

function asWriteError(err: unknown): MongoCommandError {
  if (err instanceof MongoCommandError) return err;
  return new MongoCommandError(ErrorCode.InternalError, `embedded-mongo internal error: ${(err as Error).message ?? String(err)}`);
}

function checkBatchSize(n: number): void {
  if (n < 1 || n > MAX_WRITE_BATCH_SIZE) {
    throw new MongoCommandError(
      ErrorCode.InvalidLength,
      `Write batch sizes must be between 1 and ${MAX_WRITE_BATCH_SIZE}. Got ${n} operations.`,
    );
  }
}

function statement(stmt: unknown, path: string): Document {
  if (!isPlainObject(stmt)) {
    throw new MongoCommandError(ErrorCode.TypeMismatch, `BSON field '${path}' is the wrong type, expected type 'object'`);
  }
  return stmt;
}

function finishWrite(reply: Document, writeErrors: Document[]): Document {
  if (writeErrors.length) reply.writeErrors = writeErrors;
  return reply;
}

const insert: CommandDefinition = {
  fields: ['documents', 'ordered', 'bypassDocumentValidation', 'let'],
  handler(cmd: Document, ctx: CommandContext) {
    const collName = collectionArg(cmd, 'insert', ctx);
    const documents = requiredArray(cmd, 'documents', 'insert.documents');
    checkBatchSize(documents.length);
    const ordered = optionalBool(cmd, 'ordered', 'insert.ordered') ?? true;
    const writeErrors: Document[] = [];
    let n = 0;
    for (let i = 0; i < documents.length; i++) {
      try {
        const raw = documents[i];
        if (!isPlainObject(raw)) throw new MongoCommandError(ErrorCode.TypeMismatch, 'documents to insert must be objects');
        ctx.catalog.getOrCreate(ctx.db, collName).insert(prepareInsert(raw));
        n++;
      } catch (err) {
        writeErrors.push(asWriteError(err).toWriteError(i));
        if (ordered) break;
      }
    }
    return finishWrite({ n, ok: 1 }, writeErrors);
  },
};

const UPDATE_STATEMENT_FIELDS = new Set(['q', 'u', 'c', 'upsert', 'multi', 'arrayFilters', 'hint', 'collation', 'upsertSupplied']);

const update: CommandDefinition = {
  fields: ['updates', 'ordered', 'bypassDocumentValidation', 'let'],
  handler(cmd: Document, ctx: CommandContext) {
    const collName = collectionArg(cmd, 'update', ctx);
    const updates = requiredArray(cmd, 'updates', 'update.updates');
    checkBatchSize(updates.length);
    const ordered = optionalBool(cmd, 'ordered', 'update.ordered') ?? true;
    const letVars = optionalDoc(cmd, 'let', 'update.let');
    // Statement shape errors fail the whole command, as the server's parser does.
    const stmts = updates.map((raw) => {
      const stmt = statement(raw, 'update.updates');
      for (const key of Object.keys(stmt)) {
        if (key === 'sort') throw new MongoCommandError(ErrorCode.NotImplemented, "embedded-mongo reports MongoDB 7.0 and does not support 'update.updates.sort'");
        if (!UPDATE_STATEMENT_FIELDS.has(key)) throw new MongoCommandError(40415, `BSON field 'update.updates.${key}' is an unknown field.`);
      }
      if (!('q' in stmt)) throw new MongoCommandError(40414, "BSON field 'update.updates.q' is missing but a required field");
      if (!('u' in stmt)) throw new MongoCommandError(40414, "BSON field 'update.updates.u' is missing but a required field");
      return stmt;
    });

    const writeErrors: Document[] = [];
    const upserted: Document[] = [];
    let n = 0;
    let nModified = 0;
    for (let i = 0; i < stmts.length; i++) {
      const stmt = stmts[i];
      try {
        refuseCollation(stmt.collation, 'update.updates.collation');
        const multi = optionalBool(stmt, 'multi', 'update.updates.multi') ?? false;
        const upsert = optionalBool(stmt, 'upsert', 'update.updates.upsert') ?? false;
        const parsed = parseUpdate(stmt.u, stmt.arrayFilters);
        if (multi && parsed.kind === 'replacement') throw failedToParse('multi update is not supported for replacement-style update');
        const constants = optionalDoc(stmt, 'c', 'update.updates.c');
        const variables = letVars || constants ? { ...letVars, ...constants } : undefined;
        if (!isPlainObject(stmt.q)) throw new MongoCommandError(ErrorCode.TypeMismatch, "BSON field 'update.updates.q' is the wrong type, expected type 'object'");
        const q = stmt.q;
        const filter = compileFilter(q, variables);
        const coll = ctx.catalog.get(ctx.db, collName);
        checkHint(coll, stmt.hint);
        const targets = matching(coll, filter, { limit: multi ? 0 : 1, hint: stmt.hint });
        if (targets.length === 0) {
          if (upsert) {
            const doc = upsertDocument(ctx.catalog, ctx.db, collName, q, parsed, variables);
            upserted.push({ index: i, _id: doc._id });
            n++;
          }
          continue;
        }
        for (const doc of targets) {
          n++;
          if (updateDocument(coll!, doc, parsed, q, variables).modified) nModified++;
        }
      } catch (err) {
        writeErrors.push(asWriteError(err).toWriteError(i));
        if (ordered) break;
      }
    }
    const reply: Document = { n, nModified };
    if (upserted.length) reply.upserted = upserted;
    reply.ok = 1;
    return finishWrite(reply, writeErrors);
  },
};

const DELETE_STATEMENT_FIELDS = new Set(['q', 'limit', 'hint', 'collation']);

const del: CommandDefinition = {
  fields: ['deletes', 'ordered', 'let'],
  handler(cmd: Document, ctx: CommandContext) {
    const collName = collectionArg(cmd, 'delete', ctx);
    const deletes = requiredArray(cmd, 'deletes', 'delete.deletes');
    checkBatchSize(deletes.length);
    const ordered = optionalBool(cmd, 'ordered', 'delete.ordered') ?? true;
    const letVars = optionalDoc(cmd, 'let', 'delete.let');
    const stmts = deletes.map((raw) => {
      const stmt = statement(raw, 'delete.deletes');
      for (const key of Object.keys(stmt)) {
        if (!DELETE_STATEMENT_FIELDS.has(key)) throw new MongoCommandError(40415, `BSON field 'delete.deletes.${key}' is an unknown field.`);
      }
      if (!('q' in stmt)) throw new MongoCommandError(40414, "BSON field 'delete.deletes.q' is missing but a required field");
      if (!('limit' in stmt)) throw new MongoCommandError(40414, "BSON field 'delete.deletes.limit' is missing but a required field");
      const limit = Number(String(stmt.limit));
      if (limit !== 0 && limit !== 1) throw failedToParse(`The limit field in delete objects must be 0 or 1. Got ${String(stmt.limit)}`);
      return { stmt, limit };
    });

    const writeErrors: Document[] = [];
    let n = 0;
    for (let i = 0; i < stmts.length; i++) {
      const { stmt, limit } = stmts[i];
      try {
        refuseCollation(stmt.collation, 'delete.deletes.collation');
        if (!isPlainObject(stmt.q)) throw new MongoCommandError(ErrorCode.TypeMismatch, "BSON field 'delete.deletes.q' is the wrong type, expected type 'object'");
        const filter = compileFilter(stmt.q, letVars);
        const coll = ctx.catalog.get(ctx.db, collName);
        checkHint(coll, stmt.hint);
        const targets = matching(coll, filter, { limit, hint: stmt.hint });
        for (const doc of targets) {
          coll!.delete(doc);
          n++;
        }
      } catch (err) {
        writeErrors.push(asWriteError(err).toWriteError(i));
        if (ordered) break;
      }
    }
    return finishWrite({ n, ok: 1 }, writeErrors);
  },
};

export const WRITE_COMMANDS: Record<string, CommandDefinition> = {
  insert,
  update,
  delete: del,
};
