import type { Db, Document } from 'mongodb';
import type { TenantRepository } from '../../core/ports';
import type { Tenant } from '../../core/tenant';
import { collection, type StringIdDocument } from '../collections';
import { isDuplicateKeyError } from '../errors';
import { fromDocument, toDocument } from '../schema-version';

/** Tenants use their id ("slack:T123") as `_id`. */
export function createTenantRepository(db: Db): TenantRepository {
  const tenants = collection<StringIdDocument>(db, 'tenants');
  const read = (doc: Document | null) => (doc ? fromDocument<Tenant>('tenants', doc, 'id') : null);
  const mustExist = (doc: Document | null, id: string): Tenant => {
    if (!doc) throw new Error(`tenant ${id} does not exist`);
    return read(doc)!;
  };

  return {
    async get(id) {
      return read(await tenants.findOne({ _id: id }));
    },

    async ensure(tenant, now) {
      const { _id, ...fields } = toDocument('tenants', { ...tenant, createdAt: now, updatedAt: now }, 'id');
      const upsert = () => tenants.updateOne({ _id: tenant.id }, { $setOnInsert: fields }, { upsert: true });
      try {
        await upsert();
      } catch (e) {
        // Two processes creating the same tenant at once: the loser's retry matches the winner's.
        if (!isDuplicateKeyError(e)) throw e;
        await upsert();
      }
      return mustExist(await tenants.findOne({ _id: tenant.id }), tenant.id);
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
      return (await tenants.find({ platform, externalId }).sort({ createdAt: 1, _id: 1 }).toArray()).map((doc) => read(doc)!);
    },

    async claimSchoolKey(id, schoolKey, name, now) {
      // Only a school written since schools exist (version 3) can be claimed: an older tenant was
      // the whole platform tenant, tied to its teams through their installation records — unless
      // it never had a coordinator (it was only ever opened from a personal chat, never installed).
      const set: Document = { schoolKey, updatedAt: now };
      if (name) set.name = name;
      const claimable = { _id: id, schoolKey: { $exists: false }, $or: [{ schemaVersion: { $gte: 3 } }, { 'settings.coordinators': { $size: 0 } }] };
      const claimed = await tenants.findOneAndUpdate(claimable, { $set: set }, { returnDocument: 'after' });
      if (claimed) return read(claimed);
      const current = read(await tenants.findOne({ _id: id }));
      return current?.schoolKey === schoolKey ? current : null;
    },
  };
}
