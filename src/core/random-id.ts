import { randomBytes } from 'node:crypto';

/**
 * A random document id (128 bits, base64url). Used instead of ObjectIds wherever an id must not
 * tell when the document was made or in which order: an ObjectId starts with its creation second
 * and ends with a counter, so sorting by it replays the order people answered in.
 */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}
