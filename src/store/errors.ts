import {
  MongoError,
  MongoNetworkError,
  MongoOperationTimeoutError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import { SurveyError } from '../core/errors';

/**
 * The database could not be reached, so nothing was (or may have been) saved. It *is* the core's
 * `store_unavailable` SurveyError, so adapters render "could not save, please try again" from the
 * locale files like any other refusal, and never claim an answer was saved when it was not.
 */
export class StoreUnavailableError extends SurveyError {
  constructor(cause?: unknown) {
    super('store_unavailable');
    this.name = 'StoreUnavailableError';
    this.cause = cause;
  }
}

/**
 * Server error codes that mean "this server cannot serve you right now" rather than "your request
 * is wrong": the driver's own retryable set (host unreachable, shutting down, stepped down, …).
 */
const UNAVAILABLE_CODES = new Set([6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);

/** True for errors that come from losing the server, not from what was asked of it. */
export function isUnavailableError(e: unknown): boolean {
  if (e instanceof StoreUnavailableError) return true;
  if (
    e instanceof MongoNetworkError || // includes timeouts and a cleared connection pool
    e instanceof MongoServerSelectionError ||
    e instanceof MongoOperationTimeoutError ||
    e instanceof MongoTopologyClosedError
  ) {
    return true;
  }
  if (e instanceof MongoError) {
    // The driver's wait-queue timeout has no class of its own in the public API.
    if (e.name === 'MongoWaitQueueTimeoutError') return true;
    return typeof e.code === 'number' && UNAVAILABLE_CODES.has(e.code);
  }
  return false;
}

/** MongoDB's duplicate-key error (E11000), on single writes and bulk writes alike. */
export function isDuplicateKeyError(e: unknown): boolean {
  return e instanceof MongoError && e.code === 11000;
}

/**
 * True when a (bulk) write failed only because some documents already existed: with an unordered
 * insert the others were still written, so "already there" is the idempotent outcome.
 */
export function isOnlyDuplicateKeys(e: unknown): boolean {
  if (!isDuplicateKeyError(e)) return false;
  const writeErrors = (e as { writeErrors?: { code?: number }[] | { code?: number } }).writeErrors;
  const errors = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return errors.every((w) => w.code === 11000);
}

/** Runs one store operation, turning a lost connection into StoreUnavailableError. */
export async function storeCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (e) {
    if (e instanceof StoreUnavailableError) throw e;
    if (isUnavailableError(e)) throw new StoreUnavailableError(e);
    throw e;
  }
}

/**
 * Wraps every method of a repository in `storeCall`, so no method can forget to: a port
 * implementation either answers or throws StoreUnavailableError (or a real bug).
 */
export function withStoreErrors<T extends object>(repository: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(repository)) {
    wrapped[name] = typeof value === 'function' ? (...args: unknown[]) => storeCall(() => value.apply(repository, args)) : value;
  }
  return wrapped as T;
}

/** Thrown at start-up when MONGODB_URI cannot be reached; names the host, never the password. */
export class StoreConnectError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreConnectError';
  }
}
