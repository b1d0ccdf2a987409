import type { Document } from 'mongodb';
import { DEFAULT_QUIET_HOURS } from '../core/tenant';
import type { CollectionName } from './collections';

/**
 * Every stored document carries `schemaVersion`. Writers always write the current version;
 * readers upgrade older documents on read, one version step at a time, so a database written by
 * an earlier release keeps working without a migration run. Documents are not rewritten on read;
 * a writer that cannot work on the old shape upgrades that one document in place first (see the
 * response repository).
 *
 * Bump a version only when the stored shape changes in a way old readers or new readers would
 * misread, and add the step that turns the old shape into the new one below.
 */
export const SCHEMA_VERSION: Record<CollectionName, number> = {
  // v2: settings.quietHours and settings.timeZone became required (v1 tenants lack them).
  // v3: a tenant is a school inside a platform tenant (optional schoolKey and name). A v2 tenant
  // was a whole Slack workspace or Microsoft tenant: it stays the school of the teams (Teams) or
  // the workspace (Slack) it was set up for, and is never claimed by another team.
  tenants: 3,
  rounds: 1,
  // v2: no moment of any status change (deliveredAt, startedAt, completedAt, updatedAt lined up
  // with the response's activity and named its writer).
  // v3: no "started" or "completed" per person (with the responses' states they paired people
  // with their answers); both are "delivered", and how far each response got is the response's own.
  participations: 3,
  // v2: answers became an object keyed by item id (v1 stored an array of { itemId, value }), so
  // saving one answer is a single `$set` of `answers.<itemId>`.
  // v3: no time stamps (createdAt, updatedAt, completedAt gave the respondent away); `complete`
  // is a flag instead.
  responses: 3,
  jobs: 1,
  installations: 1,
  quotes: 1,
  summaries: 1,
  downloads: 1,
  once: 1,
  pacing: 1,
  drafts: 1,
  votes: 1,
  voteVoters: 1,
  actions: 1,
  actionPlans: 1,
};

type UpgradeStep = (doc: Document) => Document;

/** `UPGRADES[collection][n]` turns a version-n document into a version-(n + 1) one. */
const UPGRADES: Partial<Record<CollectionName, Record<number, UpgradeStep>>> = {
  tenants: {
    1: (doc) => ({
      ...doc,
      // Before quiet hours existed, work was sent at any time in Belgian time; the default
      // window is the closest safe reading of "nobody chose anything".
      settings: { timeZone: 'Europe/Brussels', quietHours: { ...DEFAULT_QUIET_HOURS, days: [...DEFAULT_QUIET_HOURS.days] }, ...(doc.settings ?? {}) },
    }),
    // A v2 tenant is its platform tenant's default school: same id, no schoolKey. Its Teams team
    // records (installations, tenantId = this id) keep it tied to the teams it was set up for,
    // and the Teams General channel name it stored ("<team> › General") names the school.
    2: (doc) => ({ ...doc, ...(doc.name || typeof doc.settings?.teamChannel?.name !== 'string' || doc.platform !== 'teams' ? {} : { name: String(doc.settings.teamChannel.name).split(' › ')[0] }) }),
  },
  participations: {
    1: ({ deliveredAt: _d, startedAt: _s, completedAt: _c, updatedAt: _u, ...doc }) => doc,
    2: (doc) => (doc.status === 'started' || doc.status === 'completed' ? { ...doc, status: 'delivered' } : doc),
  },
  responses: {
    1: (doc) => {
      const answers: Record<string, unknown> = {};
      for (const entry of (Array.isArray(doc.answers) ? doc.answers : []) as { itemId: string; value: unknown }[]) {
        if (entry && typeof entry.itemId === 'string' && entry.value !== null && entry.value !== undefined) answers[entry.itemId] = entry.value;
      }
      return { ...doc, answers };
    },
    2: ({ createdAt: _created, updatedAt: _updated, completedAt, ...doc }) => ({ ...doc, complete: doc.complete === true || completedAt !== undefined }),
  },
};

/** The version a stored document claims; documents from before versioning count as version 1. */
export function versionOf(doc: Document): number {
  return typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 1;
}

/**
 * Brings a stored document to the current version of its collection. A document from a newer
 * release is returned as it is: versions only add, so an older reader can still use what it knows.
 */
export function upgradeDocument(collection: CollectionName, doc: Document): Document {
  let version = versionOf(doc);
  let current = doc;
  const steps = UPGRADES[collection] ?? {};
  while (version < SCHEMA_VERSION[collection]) {
    const step = steps[version];
    if (!step) throw new Error(`no upgrade from ${collection} schema version ${version} to ${version + 1}`);
    current = step(current);
    version++;
  }
  return { ...current, schemaVersion: Math.max(version, versionOf(doc)) };
}

/**
 * Turns a stored document into the domain object: upgraded, without the storage fields, and with
 * `_id` mapped back to `idField` where the domain's own id is used as `_id`.
 */
export function fromDocument<T>(collection: CollectionName, doc: Document, idField?: string): T {
  const { _id, schemaVersion: _version, ...rest } = upgradeDocument(collection, doc);
  return (idField ? { [idField]: _id, ...rest } : rest) as T;
}

/** The stored form of a domain object: current version, and the domain id as `_id` when given. */
export function toDocument(collection: CollectionName, entity: object, idField?: string): Document {
  const schemaVersion = SCHEMA_VERSION[collection];
  if (!idField) return { ...entity, schemaVersion };
  const { [idField]: id, ...rest } = entity as Record<string, unknown>;
  return { _id: id, ...rest, schemaVersion };
}
