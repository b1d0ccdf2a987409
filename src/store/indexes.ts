import type { Db, IndexDescription } from 'mongodb';
import { COLLECTIONS, type CollectionName } from './collections';

/**
 * The indexes, created at start-up. `createIndexes` with an existing name and the same spec is a
 * no-op, so this runs on every start; a changed spec under an old name fails loudly instead of
 * silently keeping the old one. The unique ones carry the invariants (there are no transactions):
 * a racing second writer gets a duplicate-key error that the repository turns into the
 * idempotent outcome.
 */
export const INDEXES: Record<CollectionName, IndexDescription[]> = {
  // Tenants (schools) and rounds use their own id as `_id`, which MongoDB always indexes uniquely.
  tenants: [{ name: 'platform_tenant', key: { platform: 1, externalId: 1, createdAt: 1 } }],
  rounds: [{ name: 'tenant_state_created', key: { tenantId: 1, state: 1, createdAt: -1 } }, { name: 'tenant_published', key: { tenantId: 1, state: 1, publishedAt: -1 } }],
  participations: [
    { name: 'round_user_unique', key: { roundId: 1, platformUserId: 1 }, unique: true },
    { name: 'round_status', key: { roundId: 1, status: 1 } },
    { name: 'tenant_user', key: { tenantId: 1, platformUserId: 1 } },
  ],
  responses: [{ name: 'round_respondent_unique', key: { roundId: 1, respondentKey: 1 }, unique: true }],
  jobs: [
    { name: 'key_unique', key: { key: 1 }, unique: true },
    // Claiming: due pending jobs by runAt, and running jobs whose lease ran out.
    { name: 'status_runAt', key: { status: 1, runAt: 1 } },
    { name: 'status_leaseUntil', key: { status: 1, leaseUntil: 1 } },
    { name: 'payload_round_status', key: { 'payload.roundId': 1, status: 1 } },
  ],
  installations: [{ name: 'platform_key_unique', key: { platform: 1, key: 1 }, unique: true }],
  // Quotes use their own id as `_id`.
  quotes: [{ name: 'round_order', key: { roundId: 1, order: 1 } }],
  summaries: [
    { name: 'round_unique', key: { roundId: 1 }, unique: true },
    { name: 'chartToken_unique', key: { chartToken: 1 }, unique: true },
  ],
  // Downloads use their token as `_id`; MongoDB deletes them once expired.
  downloads: [{ name: 'expiresAt_ttl', key: { expiresAt: 1 }, expireAfterSeconds: 0 }],
  // The key is the `_id` (unique); MongoDB deletes a key once its expiresAt has passed.
  once: [{ name: 'expiresAt_ttl', key: { expiresAt: 1 }, expireAfterSeconds: 0 }],
  // The pacing key is the `_id`; a key idle for a while (its slots long past) is deleted.
  pacing: [{ name: 'expiresAt_ttl', key: { expiresAt: 1 }, expireAfterSeconds: 0 }],
  // `_id` is derived from (round, respondent key, section); drafts vanish at the round's close.
  drafts: [
    { name: 'round', key: { roundId: 1 } },
    // A respondent's drafts, several respondents at once (see batched-reads.ts).
    { name: 'round_respondent', key: { roundId: 1, respondentKey: 1 } },
    { name: 'expiresAt_ttl', key: { expiresAt: 1 }, expireAfterSeconds: 0 },
  ],
  // Votes use "v-<round>" as `_id`; their ballots live inside (random position, no time).
  votes: [{ name: 'tenant_state', key: { tenantId: 1, state: 1 } }],
  // `_id` is "<vote>:<keyed hash of the person>": unique per person and vote, and not an ObjectId,
  // whose built-in time stamp would say when each person voted.
  voteVoters: [],
  actions: [{ name: 'tenant_due', key: { tenantId: 1, dueDate: 1 } }, { name: 'round', key: { roundId: 1 } }],
  // `_id` is the tenant id.
  actionPlans: [],
};

/** Creates every collection's indexes; safe to call on every start and from several processes. */
export async function ensureIndexes(db: Db): Promise<void> {
  for (const [name, indexes] of Object.entries(INDEXES) as [CollectionName, IndexDescription[]][]) {
    if (indexes.length) await db.collection(COLLECTIONS[name]).createIndexes(indexes);
  }
}
