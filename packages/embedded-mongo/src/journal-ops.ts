/**
 * The units of change the store reports after each successful mutation. The persistence layer
 * journals them (one record per command) and replays them at start-up; they are deliberately
 * "physical" (the resulting document, not the update that produced it) so replay needs no query
 * or update logic and is idempotent.
 */
import type { Document } from 'bson';

export type JournalOp =
  | { op: 'put'; db: string; coll: string; doc: Document }
  | { op: 'delete'; db: string; coll: string; id: unknown }
  | { op: 'createCollection'; db: string; coll: string; options: Document; uuid: unknown }
  | { op: 'dropCollection'; db: string; coll: string }
  | { op: 'createIndex'; db: string; coll: string; spec: Document }
  | { op: 'dropIndex'; db: string; coll: string; name: string }
  | { op: 'dropDatabase'; db: string };
