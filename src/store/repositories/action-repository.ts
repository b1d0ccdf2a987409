import type { Db, Document } from 'mongodb';
import type { ActionItem, ActionPlanRecord } from '../../core/actions/model';
import type { ActionRepository } from '../../core/actions/ports';
import { collection, type StringIdDocument } from '../collections';
import { isDuplicateKeyError } from '../errors';
import { fromDocument, toDocument } from '../schema-version';

/** Actions use their id as `_id`; one plan document per tenant (`_id` = tenant id). */
export function createActionRepository(db: Db): ActionRepository {
  const actions = collection<StringIdDocument>(db, 'actions');
  const plans = collection<StringIdDocument>(db, 'actionPlans');
  const read = (doc: Document | null) => (doc ? fromDocument<ActionItem>('actions', doc, 'id') : null);
  const readPlan = (tenantId: string, doc: Document | null): ActionPlanRecord => {
    if (!doc) return { tenantId, editors: [], revision: 0 };
    const plan = fromDocument<Partial<ActionPlanRecord>>('actionPlans', doc);
    return { editors: plan.editors ?? [], revision: plan.revision ?? 0, ...(plan.post ? { post: plan.post } : {}), tenantId };
  };
  const ensurePlan = (tenantId: string) => ({ $setOnInsert: { schemaVersion: 1 } as Document, upsert: true, tenantId });

  return {
    async insert(action) {
      try {
        await actions.insertOne(toDocument('actions', action, 'id') as StringIdDocument);
        return action;
      } catch (e) {
        if (!isDuplicateKeyError(e)) throw e;
        return read(await actions.findOne({ _id: action.id }))!;
      }
    },

    async get(id) {
      return read(await actions.findOne({ _id: id }));
    },

    async update(id, patch, now) {
      const { id: _i, tenantId: _t, createdAt: _c, createdBy: _b, ...fields } = patch as Partial<ActionItem>;
      return read(await actions.findOneAndUpdate({ _id: id }, { $set: { ...fields, updatedAt: now } }, { returnDocument: 'after' }));
    },

    async listByTenant(tenantId) {
      return (await actions.find({ tenantId }).sort({ dueDate: 1, _id: 1 }).toArray()).map((d) => read(d)!);
    },

    async listByRound(roundId) {
      return (await actions.find({ roundId }).sort({ dueDate: 1, _id: 1 }).toArray()).map((d) => read(d)!);
    },

    async plan(tenantId) {
      return readPlan(tenantId, await plans.findOne({ _id: tenantId }));
    },

    async setEditors(tenantId, editors) {
      const { $setOnInsert } = ensurePlan(tenantId);
      const doc = await plans.findOneAndUpdate({ _id: tenantId }, { $set: { editors }, $setOnInsert }, { upsert: true, returnDocument: 'after' });
      return readPlan(tenantId, doc);
    },

    async bumpRevision(tenantId) {
      const { $setOnInsert } = ensurePlan(tenantId);
      const doc = await plans.findOneAndUpdate({ _id: tenantId }, { $inc: { revision: 1 }, $setOnInsert }, { upsert: true, returnDocument: 'after' });
      return Number(doc?.revision ?? 1);
    },

    async setPlanPost(tenantId, post) {
      const { $setOnInsert } = ensurePlan(tenantId);
      await plans.updateOne({ _id: tenantId }, { $set: { post }, $unset: { postingUntil: '' }, $setOnInsert }, { upsert: true });
    },

    async reserveFirstPost(tenantId, now, until) {
      try {
        const doc = await plans.findOneAndUpdate(
          { _id: tenantId, post: { $exists: false }, $or: [{ postingUntil: { $exists: false } }, { postingUntil: { $lt: now } }] },
          { $set: { postingUntil: until }, $setOnInsert: { schemaVersion: 1 } },
          { upsert: true, returnDocument: 'after' },
        );
        return doc !== null;
      } catch (e) {
        // The plan exists but is reserved or posted: the upsert's insert met its own _id.
        if (isDuplicateKeyError(e)) return false;
        throw e;
      }
    },
  };
}
