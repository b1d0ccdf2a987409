/**
 * Server-side cursors: results that did not fit in the first batch wait here for `getMore`.
 *
 * Results are materialised when the cursor opens (a snapshot); this is simpler than a lazy
 * cursor and, because stored documents are immutable, costs only an array of references.
 *
 * Lifetime, as asked of this stand-in: a cursor disappears when exhausted, on `killCursors`, when
 * its session ends (`endSessions`), when the connection that opened it closes, or after
 * 10 minutes without use (mongod's default `cursorTimeoutMillis`) unless `noCursorTimeout`.
 * Note a real mongod does not kill cursors on connection close; the driver never relies on
 * either behaviour because it always exhausts or kills its cursors.
 */
import { randomBytes } from 'node:crypto';
import { Long, type Document } from 'bson';
import { MAX_BSON_OBJECT_SIZE, bsonSize } from './bson-values';
import { ErrorCode, MongoCommandError } from './errors';

export const DEFAULT_FIRST_BATCH_SIZE = 101;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;
/** Room for the reply envelope around a batch, so the whole reply stays under 16 MiB. */
const BATCH_BYTES_LIMIT = MAX_BSON_OBJECT_SIZE - 16 * 1024;

interface ServerCursor {
  id: Long;
  ns: string;
  docs: Document[];
  pos: number;
  connectionId: number;
  lsidKey?: string;
  lastUsed: number;
  noTimeout: boolean;
}

export interface OpenCursorOptions {
  /** undefined = default (101 for a first batch, unlimited for getMore); 0 = empty first batch. */
  batchSize?: number;
  singleBatch?: boolean;
  connectionId: number;
  lsidKey?: string;
  noTimeout?: boolean;
}

export class CursorRegistry {
  private readonly cursors = new Map<string, ServerCursor>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => this.sweep(Date.now()), 60_000);
    this.sweeper.unref();
  }

  get size(): number {
    return this.cursors.size;
  }

  private newId(): Long {
    for (;;) {
      const bytes = randomBytes(8);
      bytes[7] &= 0x7f; // positive, like real cursor ids
      const id = Long.fromBytesLE(Array.from(bytes));
      if (!id.isZero() && !this.cursors.has(id.toString())) return id;
    }
  }

  private static takeBatch(cursor: { docs: Document[]; pos: number }, batchSize: number | undefined): Document[] {
    const batch: Document[] = [];
    let bytes = 0;
    while (cursor.pos < cursor.docs.length) {
      if (batchSize !== undefined && batchSize > 0 && batch.length >= batchSize) break;
      const size = bsonSize(cursor.docs[cursor.pos]);
      if (batch.length > 0 && bytes + size > BATCH_BYTES_LIMIT) break;
      batch.push(cursor.docs[cursor.pos++]);
      bytes += size;
    }
    return batch;
  }

  /** Returns the first batch, registering a cursor if more documents remain. */
  open(ns: string, docs: Document[], opts: OpenCursorOptions): { firstBatch: Document[]; id: Long } {
    const state = { docs, pos: 0 };
    const batchSize = opts.batchSize ?? DEFAULT_FIRST_BATCH_SIZE;
    const firstBatch = batchSize === 0 ? [] : CursorRegistry.takeBatch(state, batchSize);
    if (opts.singleBatch || state.pos >= docs.length) return { firstBatch, id: Long.ZERO };
    const cursor: ServerCursor = {
      id: this.newId(),
      ns,
      docs,
      pos: state.pos,
      connectionId: opts.connectionId,
      lsidKey: opts.lsidKey,
      lastUsed: Date.now(),
      noTimeout: !!opts.noTimeout,
    };
    this.cursors.set(cursor.id.toString(), cursor);
    return { firstBatch, id: cursor.id };
  }

  getMore(id: Long, ns: string, batchSize: number | undefined): { nextBatch: Document[]; id: Long } {
    const cursor = this.cursors.get(id.toString());
    if (!cursor) throw new MongoCommandError(ErrorCode.CursorNotFound, `cursor id ${id.toString()} not found`);
    if (cursor.ns !== ns) {
      throw new MongoCommandError(
        ErrorCode.Unauthorized,
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`,
      );
    }
    cursor.lastUsed = Date.now();
    const nextBatch = CursorRegistry.takeBatch(cursor, batchSize);
    if (cursor.pos >= cursor.docs.length) {
      this.cursors.delete(cursor.id.toString());
      return { nextBatch, id: Long.ZERO };
    }
    return { nextBatch, id: cursor.id };
  }

  kill(ids: Long[], ns: string): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) {
      const key = id.toString();
      const cursor = this.cursors.get(key);
      if (cursor && cursor.ns === ns) {
        this.cursors.delete(key);
        killed.push(id);
      } else {
        notFound.push(id);
      }
    }
    return { killed, notFound };
  }

  killForConnection(connectionId: number): void {
    for (const [key, c] of this.cursors) if (c.connectionId === connectionId) this.cursors.delete(key);
  }

  killForSessions(lsidKeys: Set<string>): void {
    for (const [key, c] of this.cursors) if (c.lsidKey && lsidKeys.has(c.lsidKey)) this.cursors.delete(key);
  }

  /** Drops cursors of a dropped collection/database, as a real server does. */
  killForNamespace(predicate: (ns: string) => boolean): void {
    for (const [key, c] of this.cursors) if (predicate(c.ns)) this.cursors.delete(key);
  }

  sweep(now: number): void {
    for (const [key, c] of this.cursors) {
      if (!c.noTimeout && now - c.lastUsed > IDLE_TIMEOUT_MS) this.cursors.delete(key);
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    this.cursors.clear();
  }
}
