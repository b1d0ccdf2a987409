/**
 * Argument readers that fail the way a real server's IDL parser does, so a wrong argument type
 * produces the same `TypeMismatch`/`FailedToParse` error in tests as in production.
 */
import type { Document, Long } from 'bson';
import { bsonTypeName, bsonTypeTag, isPlainObject } from '../bson-values';
import { validateCollectionName } from '../catalog';
import { ErrorCode, MongoCommandError, badValue, notImplemented } from '../errors';
import type { CommandContext } from './context';

/** Fields any command may carry. They are about sessions, routing or durability, not results. */
export const GENERIC_FIELDS = new Set([
  '$db', 'lsid', '$clusterTime', '$readPreference', 'readConcern', 'writeConcern', 'apiVersion', 'apiStrict',
  'apiDeprecationErrors', 'comment', 'maxTimeMS', '$audit', '$client', 'mayBypassWriteBlocking',
]);

export function assertKnownFields(commandName: string, cmd: Document, fields: readonly string[]): void {
  const allowed = new Set(fields);
  for (const key of Object.keys(cmd)) {
    if (key === commandName || GENERIC_FIELDS.has(key) || allowed.has(key)) continue;
    throw new MongoCommandError(40415, `BSON field '${commandName}.${key}' is an unknown field.`);
  }
}

function wrongType(path: string, value: unknown, expected: string): MongoCommandError {
  return new MongoCommandError(
    ErrorCode.TypeMismatch,
    `BSON field '${path}' is the wrong type '${bsonTypeName(value)}', expected type${expected.includes(',') ? 's' : ''} '${expected}'`,
  );
}

export function optionalInt(cmd: Document, field: string, path: string): number | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw badValue(`${path} must be a finite number`);
    return Math.trunc(v);
  }
  if (bsonTypeTag(v) === 'Long') return (v as Long).toNumber();
  throw wrongType(path, v, '[long, int, decimal, double]');
}

export function optionalBool(cmd: Document, field: string, path: string): boolean | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (bsonTypeTag(v) === 'Long') return !(v as Long).isZero();
  throw wrongType(path, v, 'bool');
}

export function optionalDoc(cmd: Document, field: string, path: string): Document | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v)) throw wrongType(path, v, 'object');
  return v;
}

export function requiredArray(cmd: Document, field: string, path: string): unknown[] {
  const v = cmd[field];
  if (v === undefined) throw new MongoCommandError(ErrorCode.FailedToParse, `BSON field '${path}' is missing but a required field`);
  if (!Array.isArray(v)) throw wrongType(path, v, 'array');
  return v;
}

/** The collection a command targets (the value of its first field). */
export function collectionArg(cmd: Document, commandName: string, ctx: CommandContext): string {
  const name = cmd[commandName];
  if (typeof name !== 'string') {
    throw new MongoCommandError(
      ErrorCode.InvalidNamespace,
      `collection name has invalid type ${bsonTypeName(name)}`,
    );
  }
  return validateCollectionName(ctx.db, name);
}

/** Options a real server honours but this stand-in does not: refuse instead of ignoring. */
export function refuseIfSet(cmd: Document, commandName: string, fields: readonly string[]): void {
  for (const f of fields) {
    const v = cmd[f];
    if (v === undefined || v === null || v === false) continue;
    throw notImplemented(`'${commandName}.${f}'`);
  }
}

/** Only the "simple" (binary) collation exists here. */
export function refuseCollation(value: unknown, path: string): void {
  if (value === undefined || value === null) return;
  if (isPlainObject(value) && value.locale === 'simple') return;
  throw notImplemented(`collations ('${path}')`);
}

export function namespace(ctx: CommandContext, coll: string): string {
  return `${ctx.db}.${coll}`;
}
