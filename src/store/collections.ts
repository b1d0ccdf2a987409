import type { Collection, Db, Document } from 'mongodb';

/** Collection names, in one place so indexes, repositories and tests agree. */
export const COLLECTIONS = {
  tenants: 'tenants',
  rounds: 'rounds',
  participations: 'participations',
  responses: 'responses',
  jobs: 'jobs',
  installations: 'installations',
  quotes: 'quotes',
  summaries: 'summaries',
  downloads: 'downloads',
  once: 'once_keys',
  pacing: 'pacing',
  drafts: 'drafts',
  // Follow-up (issue #14). Voters and ballots are kept apart: see src/core/vote/ports.ts.
  votes: 'votes',
  voteVoters: 'vote_voters',
  actions: 'actions',
  actionPlans: 'action_plans',
} as const;
export type CollectionName = keyof typeof COLLECTIONS;

/**
 * A collection handle that leaves `undefined` fields out instead of storing them as null, so an
 * optional domain field that is not set is simply absent in the document, as on the object.
 */
export function collection<T extends Document = Document>(db: Db, name: CollectionName): Collection<T> {
  return db.collection<T>(COLLECTIONS[name], { ignoreUndefined: true });
}

/** A stored document whose `_id` is the domain's own string id (tenants, rounds, jobs, quotes). */
export interface StringIdDocument extends Document {
  _id: string;
}
