import { randomFillSync } from 'node:crypto';

/** Ids drawn from one fill of the system's generator (a close makes one per quote: ~80,000). */
const IDS_PER_FILL = 256;
const ID_BYTES = 16;
const pool = Buffer.alloc(IDS_PER_FILL * ID_BYTES);
let next = pool.length;

/**
 * A random document id (128 bits, base64url). Used instead of ObjectIds wherever an id must not
 * tell when the document was made or in which order: an ObjectId starts with its creation second
 * and ends with a counter, so sorting by it replays the order people answered in.
 *
 * The bytes come from the same cryptographic generator as `randomBytes`, fetched 4 KB at a time
 * (as the uuid package does): one system call per 256 ids instead of one per id, which on the
 * build machine was a seventh of a 10,000-person close. Each byte is used once.
 */
export function randomId(): string {
  if (next + ID_BYTES > pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const id = pool.toString('base64url', next, next + ID_BYTES);
  next += ID_BYTES;
  return id;
}
