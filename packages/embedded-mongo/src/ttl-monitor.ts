/**
 * TTL indexes (`expireAfterSeconds`): like mongod's TTL monitor, a background pass every
 * 60 seconds deletes documents whose indexed date (the earliest, for arrays) is older than the
 * limit. Documents without a date in the field never expire. As on a real server, expired
 * documents may therefore remain visible for up to a minute; code must not rely on exact timing.
 */
import type { Catalog } from './catalog';

export const TTL_MONITOR_INTERVAL_MS = 60_000;

/** Deletes expired documents; returns how many. Runs synchronously like any other write. */
export function expireDocuments(catalog: Catalog, now: number): number {
  let removed = 0;
  for (const db of catalog.databaseNames()) {
    for (const coll of catalog.collections(db)) {
      for (const index of coll.ttlIndexes()) {
        const limitMs = (index.spec.expireAfterSeconds ?? 0) * 1000;
        for (const doc of coll.documents()) {
          const base = index.expiryBase(doc);
          if (base && base.getTime() + limitMs <= now) {
            coll.delete(doc);
            removed++;
          }
        }
      }
    }
  }
  return removed;
}
