import type { Db, Document } from 'mongodb';
import type { TenantRepository } from '../../core/ports';
import type { Tenant } from '../../core/tenant';
import { collection, type StringIdDocument } from '../collections';
import { isDuplicateKeyError } from '../errors';
import { fromDocument, toDocument } from '../schema-version';

/**
 * How long `ensure`, `getRecent` and `listByPlatformTenant` (asked on every click and every
 * answer) trust what this process last read or wrote. A settings change made here is seen at
 * once; one made by another process within this time, as the orchestration's TenantCache does.
 */
export const ENSURE_TTL_MS = 2_000;

/** Tenants use their id ("slack:T123") as `_id`. */
export function createTenantRepository(db: Db, now: () => number = Date.now): TenantRepository {
  const tenants = collection<StringIdDocument>(db, 'tenants');
  const recent = new Map<string, { tenant: Tenant; until: number }>();
  const read = (doc: Document | null) => (doc ? fromDocument<Tenant>('tenants', doc, 'id') : null);
  const mustExist = (doc: Document | null, id: string): Tenant => {
    if (!doc) throw new Error(`tenant ${id} does not exist`);
    const tenant = read(doc)!;
    remember(tenant);
    return tenant;
  };
  // The schools of a platform tenant, as listed a moment ago (an invitation and App Home ask on
  // every refresh); any write in this process forgets them all, so its own changes show at once.
  const recentLists = new Map<string, { tenants: Tenant[]; until: number }>();
  const remember = (tenant: Tenant) => {
    recentLists.clear();
    if (recent.size > 1_000) recent.clear();
    recent.set(tenant.id, { tenant: structuredClone(tenant), until: now() + ENSURE_TTL_MS });
  };

  return {
    async get(id) {
      return read(await tenants.findOne({ _id: id }));
    },

    async getRecent(id) {
      const hit = recent.get(id);
      if (hit && now() < hit.until) return structuredClone(hit.tenant);
      const tenant = read(await tenants.findOne({ _id: id }));
      if (tenant) remember(tenant);
      return tenant;
    },

    async ensure(tenant, at) {
      const hit = recent.get(tenant.id);
      if (hit && now() < hit.until) return structuredClone(hit.tenant);
      const { _id, ...fields } = toDocument('tenants', { ...tenant, createdAt: at, updatedAt: at }, 'id');
      // Created if missing and read back in one round trip.
      const upsert = () => tenants.findOneAndUpdate({ _id: tenant.id }, { $setOnInsert: fields }, { upsert: true, returnDocument: 'after' });
      try {
        return mustExist(await upsert(), tenant.id);
      } catch (e) {
        // Two processes creating the same tenant at once: the loser's retry matches the winner's.
        if (!isDuplicateKeyError(e)) throw e;
        return mustExist(await upsert(), tenant.id);
      }
    },

    async updateSettings(id, patch, now) {
      const set: Document = { updatedAt: now };
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) set[`settings.${key}`] = value;
      return mustExist(await tenants.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' }), id);
    },

    async addCoordinator(id, platformUserId, now) {
      const doc = await tenants.findOneAndUpdate(
        { _id: id },
        { $addToSet: { 'settings.coordinators': platformUserId }, $set: { updatedAt: now } },
        { returnDocument: 'after' },
      );
      return mustExist(doc, id);
    },

    async rename(id, name, now) {
      return mustExist(await tenants.findOneAndUpdate({ _id: id }, { $set: { name, updatedAt: now } }, { returnDocument: 'after' }), id);
    },

    async listByPlatformTenant(platform, externalId) {
      const key = `${platform}\u0000${externalId}`;
      const hit = recentLists.get(key);
      if (hit && now() < hit.until) return structuredClone(hit.tenants);
      const list = (await tenants.find({ platform, externalId }).sort({ createdAt: 1, _id: 1 }).toArray()).map((doc) => read(doc)!);
      if (recentLists.size > 1_000) recentLists.clear();
      recentLists.set(key, { tenants: structuredClone(list), until: now() + ENSURE_TTL_MS });
      return list;
    },

    async claimSchoolKey(id, schoolKey, name, now) {
      // Only a school written since schools exist (version 3) can be claimed: an older tenant was
      // the whole platform tenant, tied to its teams through their installation records — unless
      // it never had a coordinator (it was only ever opened from a personal chat, never installed).
      const set: Document = { schoolKey, updatedAt: now };
      if (name) set.name = name;
      const claimable = { _id: id, schoolKey: { $exists: false }, $or: [{ schemaVersion: { $gte: 3 } }, { 'settings.coordinators': { $size: 0 } }] };
      const claimed = await tenants.findOneAndUpdate(claimable, { $set: set }, { returnDocument: 'after' });
      if (claimed) return mustExist(claimed, id);
      const current = read(await tenants.findOne({ _id: id }));
      return current?.schoolKey === schoolKey ? current : null;
    },
  };
}
