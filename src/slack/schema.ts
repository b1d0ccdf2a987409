import { z } from 'zod';

/**
 * Zod schemas for every part of an inbound Slack payload the adapter reads. Slack signs the
 * request, but private_metadata and button values travel through the client and come back to us,
 * and a changed Slack payload shape should give a logged, polite failure, never a crash deep in a
 * handler.
 */

const id = z.string().min(1).max(255);

/** What the slash command handler reads from `/zorgspiegel …`. */
export const slashCommandSchema = z.object({
  text: z.string().default(''),
  user_id: id,
  team_id: id.optional(),
  enterprise_id: z.string().optional(),
  channel_id: z.string().optional(),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
});
export type SlashCommand = z.infer<typeof slashCommandSchema>;

/** Values we put on buttons; short keys because a value holds at most 2000 characters. */
export const actionValueSchema = z.object({
  /** Round id. */
  r: id.optional(),
  /** Section (dimension id or "reflection"). */
  s: z.string().max(80).optional(),
  /** Quote id. */
  q: id.optional(),
  /** Page of a paged list (moderation). */
  p: z.number().int().min(0).max(10_000).optional(),
  /** School id (a workspace with several schools): checked against the workspace on use. */
  t: id.optional(),
  /** The command a "which school?" button repeats for the chosen school. */
  c: z.string().max(500).optional(),
  /** Quote ids of one screening page, approved together. */
  a: z.array(id).max(50).optional(),
  /** Unscreened answers the coordinator agreed to leave out when publishing. */
  u: z.number().int().min(0).max(100_000).optional(),
  /** Vote id (follow-up). */
  v: id.optional(),
  /** Action id (follow-up); not `a`, which holds a screening page's quote ids. */
  ai: id.optional(),
});
export type ActionValue = z.infer<typeof actionValueSchema>;

export function encodeActionValue(value: ActionValue): string {
  return JSON.stringify(value);
}

/** Parses a button value; undefined when it is not one of ours. */
export function parseActionValue(raw: unknown): ActionValue | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed = actionValueSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** private_metadata of each of our modals, told apart by `k`. */
export const modalMetadataSchema = z.discriminatedUnion('k', [
  /**
   * One page of a section form: round, section, page (when a section is split over modals) and
   * how many pages the form had (a single page is submitted without reading the saved state
   * first; modals sent before `n` existed go the long way).
   */
  z.object({ k: z.literal('section'), r: id, s: z.string().min(1).max(80), p: z.number().int().min(0).max(50).default(0), n: z.number().int().min(1).max(51).optional() }),
  z.object({ k: z.literal('review'), r: id }),
  z.object({ k: z.literal('create'), c: z.string().optional(), t: id.optional() }),
  z.object({ k: z.literal('settings'), t: id.optional() }),
  z.object({ k: z.literal('moderate'), r: id, p: z.number().int().min(0).default(0) }),
  z.object({ k: z.literal('quote'), r: id, q: id, p: z.number().int().min(0).default(0) }),
  z.object({ k: z.literal('info') }),
  z.object({ k: z.literal('ballot'), v: id }),
  z.object({ k: z.literal('action'), r: id, a: id.optional() }),
]);
export type ModalMetadata = z.infer<typeof modalMetadataSchema>;

export function encodeMetadata(meta: ModalMetadata): string {
  return JSON.stringify(meta);
}

export function parseMetadata(raw: unknown): ModalMetadata | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined;
  try {
    const parsed = modalMetadataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const selectedOption = z.object({ value: z.string() }).passthrough();

/** One element's state in `view.state.values[blockId][actionId]`. */
export const stateValueSchema = z
  .object({
    type: z.string(),
    value: z.string().nullish(),
    selected_option: selectedOption.nullish(),
    selected_options: z.array(selectedOption).nullish(),
    selected_conversation: z.string().nullish(),
    selected_channel: z.string().nullish(),
    selected_users: z.array(z.string()).nullish(),
    selected_date_time: z.number().nullish(),
  })
  .passthrough();
export type StateValue = z.infer<typeof stateValueSchema>;

export const viewStateSchema = z.record(z.string(), z.record(z.string(), stateValueSchema));
export type ViewState = z.infer<typeof viewStateSchema>;

/** The parts of a view_submission (or a block action inside a modal) we read. */
export const submittedViewSchema = z.object({
  id: id,
  hash: z.string().optional(),
  callback_id: z.string().optional(),
  private_metadata: z.string().optional(),
  state: z.object({ values: viewStateSchema }).default({ values: {} }),
});
export type SubmittedView = z.infer<typeof submittedViewSchema>;

/** The single value an element holds, as a string ('' when empty). */
export function stateString(v: StateValue | undefined): string {
  if (!v) return '';
  if (typeof v.value === 'string') return v.value;
  if (v.selected_option) return v.selected_option.value;
  if (typeof v.selected_conversation === 'string') return v.selected_conversation;
  if (typeof v.selected_channel === 'string') return v.selected_channel;
  return '';
}

/** The first (usually only) element of a block. */
export function blockState(state: ViewState, blockId: string): StateValue | undefined {
  const block = state[blockId];
  if (!block) return undefined;
  return Object.values(block)[0];
}
