/**
 * Durability for `dataDir`: a snapshot plus an append-only journal, both made of BSON records.
 *
 * Why this shape:
 *  - Every acknowledged write must survive a crash, so each command's changes are appended to
 *    the journal and fsync'ed BEFORE the reply is sent. This is done synchronously, which also
 *    guarantees no other command can interleave with a write half-way through.
 *  - Replaying a growing journal forever would be slow, so at start-up, at shutdown and when the
 *    journal passes JOURNAL_COMPACT_BYTES, the whole state is written to a new snapshot
 *    (write temp file, fsync, rename, fsync directory) and a fresh journal is started.
 *  - The snapshot names the journal generation that continues it. A crash between writing a
 *    snapshot and deleting the old journal therefore cannot replay stale records onto a newer
 *    snapshot (replaying out of order could even trip unique indexes created later).
 *  - BSON, read back with the same options as the wire, round-trips every type exactly.
 *    Extended JSON was considered but its canonical form writes JS integers beyond int32 as
 *    `$numberLong`, which would come back as `Long`, and it refuses some binary subtypes.
 *
 * Record format (both files): uint32 LE CRC-32C of the BSON bytes, then the BSON document.
 * A torn record at the end of the journal (crash during append) was never acknowledged and is
 * dropped with a warning; a damaged record anywhere else stops start-up loudly.
 *
 * Trade-off: compaction rewrites everything and blocks the server while it runs. That is fine
 * for development data sets (thousands of documents), not for large ones.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Document } from 'bson';
import { deserialize, serialize } from './bson-values';
import type { Catalog } from './catalog';
import type { JournalOp } from './journal-ops';
import type { Logger } from './logger';
import { crc32c } from './wire-protocol';

const SNAPSHOT_FILE = 'embedded-mongo.snapshot';
const JOURNAL_PREFIX = 'embedded-mongo.journal.';
const LOCK_FILE = 'embedded-mongo.lock';
const FORMAT = 'zorgspiegel-embedded-mongo';
const FORMAT_VERSION = 1;
const JOURNAL_COMPACT_BYTES = 64 * 1024 * 1024;

/** Data directories in use by servers of this process (the lock file cannot tell them apart). */
const DIRS_IN_USE = new Set<string>();

function frame(doc: Document): Buffer {
  const bytes = serialize(doc);
  const out = Buffer.allocUnsafe(4 + bytes.length);
  out.writeUInt32LE(crc32c(bytes), 0);
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).copy(out, 4);
  return out;
}

interface ReadResult {
  docs: Document[];
  /** Bytes of a torn/damaged final record that were ignored. */
  tornTailBytes: number;
}

function readRecords(file: string, allowTornTail: boolean): ReadResult {
  const buf = fs.readFileSync(file);
  const docs: Document[] = [];
  let offset = 0;
  while (offset < buf.length) {
    const remaining = buf.length - offset;
    const size = remaining >= 8 ? buf.readInt32LE(offset + 4) : -1;
    const complete = size >= 5 && 4 + size <= remaining;
    const bytes = complete ? buf.subarray(offset + 4, offset + 4 + size) : undefined;
    const intact = bytes !== undefined && crc32c(bytes) === buf.readUInt32LE(offset);
    if (!intact) {
      const isLast = !complete || offset + 4 + size === buf.length;
      if (allowTornTail && isLast) return { docs, tornTailBytes: remaining };
      throw new Error(`embedded-mongo: damaged record at byte ${offset} of ${file}; refusing to start with partial data`);
    }
    docs.push(deserialize(bytes!));
    offset += 4 + size;
  }
  return { docs, tornTailBytes: 0 };
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function writeAll(fd: number, buf: Buffer): void {
  let written = 0;
  while (written < buf.length) written += fs.writeSync(fd, buf, written, buf.length - written);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class Persistence {
  private readonly dir: string;
  private readonly logger: Logger;
  private generation = 0;
  private journalFd: number | undefined;
  private journalBytes = 0;
  private closed = false;

  private constructor(dir: string, logger: Logger) {
    this.dir = dir;
    this.logger = logger;
  }

  /** Locks `dir`, loads its data into `catalog` and starts a fresh journal. */
  static open(dir: string, catalog: Catalog, logger: Logger): Persistence {
    fs.mkdirSync(dir, { recursive: true });
    const real = fs.realpathSync(dir);
    if (DIRS_IN_USE.has(real)) throw new Error(`embedded-mongo: data directory ${real} is already used by another server in this process`);
    const p = new Persistence(real, logger);
    p.acquireLock();
    DIRS_IN_USE.add(real);
    try {
      p.load(catalog);
      p.compact(catalog);
    } catch (err) {
      p.releaseLock();
      DIRS_IN_USE.delete(real);
      throw err;
    }
    return p;
  }

  private file(name: string): string {
    return path.join(this.dir, name);
  }

  private journalFile(generation: number): string {
    return this.file(`${JOURNAL_PREFIX}${generation}`);
  }

  private acquireLock(): void {
    const lock = this.file(LOCK_FILE);
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = Number(fs.readFileSync(lock, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isProcessAlive(pid)) {
      throw new Error(`embedded-mongo: data directory ${this.dir} is in use by process ${pid} (${lock})`);
    }
    // Stale lock from a process that died: take it over.
    fs.writeFileSync(lock, String(process.pid));
  }

  private releaseLock(): void {
    try {
      fs.unlinkSync(this.file(LOCK_FILE));
    } catch {
      // already gone
    }
  }

  private load(catalog: Catalog): void {
    const snapshotPath = this.file(SNAPSHOT_FILE);
    let collections = 0;
    let documents = 0;
    if (fs.existsSync(snapshotPath)) {
      const { docs } = readRecords(snapshotPath, false);
      const [head, ...rest] = docs;
      if (!head || head.format !== FORMAT || head.version !== FORMAT_VERSION) {
        throw new Error(`embedded-mongo: ${snapshotPath} is not a snapshot this version understands`);
      }
      const end = rest.pop();
      if (!end || end.end !== true || end.documents !== rest.filter((r) => r.doc).length) {
        throw new Error(`embedded-mongo: ${snapshotPath} is incomplete`);
      }
      this.generation = Number(head.journalGeneration);
      let current: { db: string; name: string } | undefined;
      for (const rec of rest) {
        if (rec.collection) {
          const c = rec.collection as Document;
          current = { db: c.db, name: c.name };
          catalog.replay({ op: 'createCollection', db: c.db, coll: c.name, options: c.options ?? {}, uuid: c.uuid });
          for (const spec of c.indexes as Document[]) {
            if (spec.name !== '_id_') catalog.replay({ op: 'createIndex', db: c.db, coll: c.name, spec });
          }
          collections++;
        } else if (rec.doc && current) {
          catalog.replay({ op: 'put', db: current.db, coll: current.name, doc: rec.doc as Document });
          documents++;
        }
      }
    }
    let replayed = 0;
    const journal = this.journalFile(this.generation);
    if (fs.existsSync(journal)) {
      const { docs, tornTailBytes } = readRecords(journal, true);
      if (tornTailBytes) {
        this.logger.warn({ file: journal, bytes: tornTailBytes }, 'embedded-mongo: ignoring torn record at the end of the journal (a write that was never acknowledged)');
      }
      for (const rec of docs) {
        try {
          catalog.replay(rec as JournalOp);
        } catch (err) {
          throw new Error(`embedded-mongo: cannot replay ${journal}: ${(err as Error).message}`);
        }
        replayed++;
      }
    }
    this.logger.info({ dataDir: this.dir, collections, documents, replayedOps: replayed }, 'embedded-mongo: data loaded');
  }

  /** Appends one command's changes and waits for them to reach the disk. */
  append(ops: JournalOp[]): void {
    if (ops.length === 0) return;
    if (this.closed || this.journalFd === undefined) throw new Error('embedded-mongo: persistence is closed');
    const buf = Buffer.concat(ops.map((op) => frame(op as unknown as Document)));
    writeAll(this.journalFd, buf);
    fs.fdatasyncSync(this.journalFd);
    this.journalBytes += buf.length;
  }

  needsCompaction(): boolean {
    return this.journalBytes > JOURNAL_COMPACT_BYTES;
  }

  /** Writes the full state as a new snapshot and switches to an empty journal. */
  compact(catalog: Catalog): void {
    const next = this.generation + 1;
    const tmp = this.file(`${SNAPSHOT_FILE}.tmp`);
    const fd = fs.openSync(tmp, 'w');
    let documents = 0;
    try {
      writeAll(fd, frame({ format: FORMAT, version: FORMAT_VERSION, journalGeneration: next, createdAt: new Date() }));
      for (const db of catalog.databaseNames()) {
        for (const coll of catalog.collections(db)) {
          writeAll(fd, frame({ collection: { db, name: coll.name, options: coll.options, uuid: coll.uuid, indexes: coll.indexSpecs() } }));
          const chunk: Buffer[] = [];
          for (const doc of coll.documents()) {
            chunk.push(frame({ doc }));
            documents++;
            if (chunk.length >= 1000) writeAll(fd, Buffer.concat(chunk.splice(0)));
          }
          if (chunk.length) writeAll(fd, Buffer.concat(chunk));
        }
      }
      writeAll(fd, frame({ end: true, documents }));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // Create the next journal before the snapshot that points at it becomes visible.
    const nextJournalFd = fs.openSync(this.journalFile(next), 'w');
    fs.fsyncSync(nextJournalFd);
    fs.renameSync(tmp, this.file(SNAPSHOT_FILE));
    fsyncDir(this.dir);
    if (this.journalFd !== undefined) fs.closeSync(this.journalFd);
    this.journalFd = nextJournalFd;
    this.journalBytes = 0;
    this.generation = next;
    for (const name of fs.readdirSync(this.dir)) {
      if (name.startsWith(JOURNAL_PREFIX) && name !== `${JOURNAL_PREFIX}${next}`) fs.unlinkSync(this.file(name));
    }
  }

  /** Final compaction (so the next start is fast), then releases the directory. */
  close(catalog: Catalog): void {
    if (this.closed) return;
    try {
      this.compact(catalog);
    } finally {
      this.closed = true;
      if (this.journalFd !== undefined) fs.closeSync(this.journalFd);
      this.journalFd = undefined;
      this.releaseLock();
      DIRS_IN_USE.delete(this.dir);
    }
  }
}
