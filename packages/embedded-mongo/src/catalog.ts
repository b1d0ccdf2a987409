/**
 * Databases and their collections, plus the list of changes made by the command being executed
 * (`takePending`), which the server hands to persistence before replying.
 *
 * As on a real server, a database exists exactly while it has at least one collection, and
 * collections are created implicitly by the first write.
 */
import { Binary, UUID, type Document } from 'bson';
import { Collection } from './collection';
import { ErrorCode, MongoCommandError } from './errors';
import type { IndexSpec } from './index-spec';
import type { JournalOp } from './journal-ops';

export function validateDbName(db: unknown): string {
  if (typeof db !== 'string' || db === '' || db.length >= 64 || /[/\\. "$\0]/.test(db)) {
    throw new MongoCommandError(ErrorCode.InvalidNamespace, `Invalid database name: '${String(db)}'`);
  }
  return db;
}

export function validateCollectionName(db: string, name: unknown): string {
  if (typeof name !== 'string') {
    throw new MongoCommandError(
      ErrorCode.InvalidNamespace,
      `collection name has invalid type ${name === null ? 'null' : typeof name}`,
    );
  }
  if (name === '' || name.includes('$') || name.includes('\0') || name.startsWith('.')) {
    throw new MongoCommandError(ErrorCode.InvalidNamespace, `Invalid namespace specified '${db}.${name}'`);
  }
  return name;
}

function assertWritableName(db: string, name: string): void {
  if (name.startsWith('system.')) {
    throw new MongoCommandError(ErrorCode.InvalidNamespace, `Invalid system namespace: ${db}.${name}`);
  }
}

/** Subtype-4 binaries come back from BSON as `Binary`; turn them back into `UUID`. */
function toUUID(v: unknown): UUID | undefined {
  if (v instanceof UUID) return v;
  if (v instanceof Binary && v.sub_type === Binary.SUBTYPE_UUID) return v.toUUID();
  return undefined;
}

export class Catalog {
  private readonly dbs = new Map<string, Map<string, Collection>>();
  private pending: JournalOp[] = [];
  private recording = true;

  private readonly record = (op: JournalOp): void => {
    if (this.recording) this.pending.push(op);
  };

  /** Changes made since the last call (one command's worth). */
  takePending(): JournalOp[] {
    const ops = this.pending;
    this.pending = [];
    return ops;
  }

  databaseNames(): string[] {
    return Array.from(this.dbs.keys()).sort();
  }

  collections(db: string): Collection[] {
    return Array.from(this.dbs.get(db)?.values() ?? []);
  }

  get(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** The implicit creation a write performs on a missing collection. */
  getOrCreate(db: string, name: string): Collection {
    return this.get(db, name) ?? this.createCollection(db, name, {});
  }

  createCollection(db: string, name: string, options: Document, uuid?: UUID): Collection {
    if (this.get(db, name)) {
      throw new MongoCommandError(ErrorCode.NamespaceExists, `Collection ${db}.${name} already exists.`);
    }
    assertWritableName(db, name);
    let colls = this.dbs.get(db);
    if (!colls) {
      colls = new Map();
      this.dbs.set(db, colls);
    }
    const coll = new Collection(db, name, options, this.record, uuid);
    colls.set(name, coll);
    this.record({ op: 'createCollection', db, coll: name, options, uuid: coll.uuid });
    return coll;
  }

  dropCollection(db: string, name: string): Collection | undefined {
    const colls = this.dbs.get(db);
    const coll = colls?.get(name);
    if (!colls || !coll) return undefined;
    colls.delete(name);
    if (colls.size === 0) this.dbs.delete(db);
    this.record({ op: 'dropCollection', db, coll: name });
    return coll;
  }

  dropDatabase(db: string): boolean {
    const existed = this.dbs.delete(db);
    if (existed) this.record({ op: 'dropDatabase', db });
    return existed;
  }

  /** Re-applies a journaled change at start-up (nothing is recorded while replaying). */
  replay(op: JournalOp): void {
    this.recording = false;
    try {
      switch (op.op) {
        case 'put': {
          const coll = this.getOrCreate(op.db, op.coll);
          const existing = coll.findById(op.doc._id);
          if (existing) coll.replace(existing, op.doc);
          else coll.insert(op.doc);
          break;
        }
        case 'delete': {
          const coll = this.get(op.db, op.coll);
          const existing = coll?.findById(op.id);
          if (coll && existing) coll.delete(existing);
          break;
        }
        case 'createCollection':
          if (!this.get(op.db, op.coll)) {
            this.createCollection(op.db, op.coll, op.options, toUUID(op.uuid));
          }
          break;
        case 'dropCollection':
          this.dropCollection(op.db, op.coll);
          break;
        case 'createIndex':
          this.getOrCreate(op.db, op.coll).createIndex(op.spec as IndexSpec);
          break;
        case 'dropIndex':
          this.get(op.db, op.coll)?.dropIndex(op.name);
          break;
        case 'dropDatabase':
          this.dropDatabase(op.db);
          break;
        default:
          throw new Error(`unknown journal op ${JSON.stringify(op)}`);
      }
    } finally {
      this.recording = true;
    }
  }
}
