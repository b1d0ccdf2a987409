import type { ActionItem, ActionPlanRecord } from './model';

export interface ActionRepository {
  /** Idempotent on id: a retried request stores one action and returns the stored one. */
  insert(action: ActionItem): Promise<ActionItem>;
  get(id: string): Promise<ActionItem | null>;
  update(id: string, patch: Partial<Omit<ActionItem, 'id' | 'tenantId' | 'createdAt' | 'createdBy'>>, now: Date): Promise<ActionItem | null>;
  listByTenant(tenantId: string): Promise<ActionItem[]>;
  listByRound(roundId: string): Promise<ActionItem[]>;
  plan(tenantId: string): Promise<ActionPlanRecord>;
  setEditors(tenantId: string, editors: string[]): Promise<ActionPlanRecord>;
  /** Adds one to the plan's revision and returns the new number. */
  bumpRevision(tenantId: string): Promise<number>;
  setPlanPost(tenantId: string, post: NonNullable<ActionPlanRecord['post']>): Promise<void>;
  /**
   * Reserves the first channel post of the plan for one job until `until` (compare-and-set), so
   * two plan jobs running at once never post two plans. False while another job holds it or once
   * the plan has its post.
   */
  reserveFirstPost(tenantId: string, now: Date, until: Date): Promise<boolean>;
}
