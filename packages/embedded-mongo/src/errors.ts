/**
 * MongoDB-shaped errors.
 *
 * The official driver turns `{ ok: 0, errmsg, code, codeName }` into a `MongoServerError` whose
 * `code`/`codeName` callers branch on (11000 for duplicates, 59 for unknown commands, …). Using
 * the real numbers and names here is what makes the stand-in indistinguishable to that code.
 */
import type { Document } from 'bson';

/** The subset of MongoDB's error codes (src/mongo/base/error_codes.yml) this server emits. */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  InvalidLength: 16,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  NotSingleValueField: 54,
  EmptyFieldName: 56,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CannotIndexParallelArrays: 171,
  InvalidIndexSpecificationOption: 197,
  NotImplemented: 238,
  UnsupportedOpQueryCommand: 352,
  BSONObjectTooLarge: 10334,
  DuplicateKey: 11000,
} as const;

const CODE_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(ErrorCode).map(([name, code]) => [code, name]),
);

/** MongoDB names assertion codes without a symbolic name `Location<code>`. */
export function codeNameFor(code: number): string {
  return CODE_NAMES[code] ?? `Location${code}`;
}

/**
 * An error that becomes a MongoDB error reply. `extra` carries fields real servers attach,
 * e.g. `keyPattern`/`keyValue` on duplicate-key errors (the driver exposes them on the error).
 */
export class MongoCommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Document;

  constructor(code: number, message: string, extra: Document = {}) {
    super(message);
    this.name = 'MongoCommandError';
    this.code = code;
    this.codeName = codeNameFor(code);
    this.extra = extra;
  }

  /** Top-level command failure reply. */
  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  /** Entry for a write command's `writeErrors` array (which carries no codeName on real servers). */
  toWriteError(index: number): Document {
    return { index, code: this.code, ...this.extra, errmsg: this.message };
  }
}

export function badValue(message: string): MongoCommandError {
  return new MongoCommandError(ErrorCode.BadValue, message);
}

export function failedToParse(message: string): MongoCommandError {
  return new MongoCommandError(ErrorCode.FailedToParse, message);
}

export function typeMismatch(message: string): MongoCommandError {
  return new MongoCommandError(ErrorCode.TypeMismatch, message);
}

/** For features a real server has but this stand-in deliberately does not implement. */
export function notImplemented(what: string): MongoCommandError {
  return new MongoCommandError(
    ErrorCode.NotImplemented,
    `embedded-mongo (development/test stand-in) does not support ${what}`,
  );
}
