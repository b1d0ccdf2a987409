import type { LocalizedText } from '../questionnaire/schema';

/**
 * An action the team agreed on after a round (issue #14): what will be done, for which work point
 * of which dimension, who carries it, by when, and what the team wants to see when it works.
 * Actions are not anonymous — they are commitments people make in the open.
 */
export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export type ActionOwner = { kind: 'person'; platformUserId: string } | { kind: 'group'; name: string };

export interface ActionItem {
  id: string;
  tenantId: string;
  /** The round whose work point this action follows up. */
  roundId: string;
  dimensionId: string;
  /** The vote option it answers (statement id or "dim:<id>") and its text. */
  workPoint: { id: string; text: LocalizedText };
  what: string;
  owner: ActionOwner;
  /** A calendar day "YYYY-MM-DD" in the tenant's time zone. */
  dueDate: string;
  /** "Waaraan zien we dat het lukt?" */
  successSign: string;
  status: ActionStatus;
  statusNote?: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Per tenant: who may record actions besides the coordinators, and the plan's channel post. */
export interface ActionPlanRecord {
  tenantId: string;
  editors: string[];
  /** Grows by one with every change, so each change queues its own (idempotent) plan update. */
  revision: number;
  post?: { conversationId: string; messageId: string };
}

export const MAX_ACTION_TEXT = 500;
export const MAX_STATUS_NOTE = 300;
