import { z } from 'zod';
import { SurveyError } from '../errors';
import { ACTION_STATUSES, MAX_ACTION_TEXT, MAX_STATUS_NOTE, type ActionOwner, type ActionStatus } from './model';
import { isCalendarDay } from './due';

/** What a form sends to record an action; every field is checked here, never in an adapter. */
export const actionInputSchema = z.object({
  workPointId: z.string().min(1),
  what: z.string().trim().min(1).max(MAX_ACTION_TEXT),
  ownerUserId: z.string().trim().optional(),
  ownerGroup: z.string().trim().max(120).optional(),
  dueDate: z.string().trim().refine(isCalendarDay),
  successSign: z.string().trim().min(1).max(MAX_ACTION_TEXT),
});
export type ActionInput = z.input<typeof actionInputSchema>;

export const actionPatchSchema = z.object({
  what: z.string().trim().min(1).max(MAX_ACTION_TEXT).optional(),
  ownerUserId: z.string().trim().optional(),
  ownerGroup: z.string().trim().max(120).optional(),
  dueDate: z.string().trim().refine(isCalendarDay).optional(),
  successSign: z.string().trim().min(1).max(MAX_ACTION_TEXT).optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  statusNote: z.string().trim().max(MAX_STATUS_NOTE).optional(),
});
export type ActionPatchInput = z.input<typeof actionPatchSchema>;

/** Parses with the schema; the first problem becomes one `invalid_action` naming its field. */
export function parseOrRefuse<T extends z.ZodTypeAny>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]?.path[0] ?? 'what');
  throw new SurveyError('invalid_action', { reason: field }, field);
}

/** A person when a user was chosen, else the group named; one of both is required. */
export function ownerFrom(input: { ownerUserId?: string | undefined; ownerGroup?: string | undefined }): ActionOwner {
  if (input.ownerUserId) return { kind: 'person', platformUserId: input.ownerUserId };
  if (input.ownerGroup) return { kind: 'group', name: input.ownerGroup };
  throw new SurveyError('invalid_action', { reason: 'owner' }, 'owner');
}

export function isActionStatus(value: unknown): value is ActionStatus {
  return typeof value === 'string' && (ACTION_STATUSES as readonly string[]).includes(value);
}
