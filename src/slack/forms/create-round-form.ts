import type { RoundInput } from '../../core/round';
import type { Translate } from '../../i18n';
import { CREATE_BLOCKS, GROUP_DIMENSIONS_BLOCK } from '../presenters/create-round';
import { blockState, stateString, type ViewState } from '../schema';

export type CreateRoundInput = Omit<RoundInput, 'language'>;
export type ParsedCreateRound = { ok: true; input: CreateRoundInput } | { ok: false; errors: Record<string, string> };

/**
 * The create-round modal's state as the core's round input. Only the form wiring is checked here
 * (one audience picked, a closing time given); every rule about rounds is the core's, and its
 * errors come back through `coreFieldBlock`.
 */
export function parseCreateRound(state: ViewState, t: Translate): ParsedCreateRound {
  const errors: Record<string, string> = {};
  const title = stateString(blockState(state, CREATE_BLOCKS.title)).trim();
  const dims = blockState(state, CREATE_BLOCKS.dimensionIds)?.selected_options?.map((o) => o.value) ?? [];
  const depth = stateString(blockState(state, CREATE_BLOCKS.depth)) === 'quick' ? 'quick' : 'detailed';
  const includeReflection = stateString(blockState(state, CREATE_BLOCKS.includeReflection)) !== 'no';
  const moderation = stateString(blockState(state, CREATE_BLOCKS.moderation)) !== 'no';
  const channel = stateString(blockState(state, CREATE_BLOCKS.audienceChannel));
  const usergroup = blockState(state, CREATE_BLOCKS.audienceUsergroup)?.selected_option;
  const opens = blockState(state, CREATE_BLOCKS.opensAt)?.selected_date_time ?? undefined;
  const closes = blockState(state, CREATE_BLOCKS.closesAt)?.selected_date_time ?? undefined;
  // A list of pairs, never an object keyed by a block id the client sent: a "__proto__" group
  // reaches the core as a name, and the core refuses it.
  const groupDimensions = Object.keys(state)
    .filter((blockId) => blockId.startsWith(GROUP_DIMENSIONS_BLOCK))
    .map((blockId) => ({ group: blockId.slice(GROUP_DIMENSIONS_BLOCK.length), dimensionIds: (blockState(state, blockId)?.selected_options ?? []).map((o) => o.value) }));
  const reminderHours = (blockState(state, CREATE_BLOCKS.reminderHours)?.selected_options ?? []).map((o) => Number(o.value)).filter((n) => Number.isFinite(n) && n > 0);

  if (channel && usergroup) errors[CREATE_BLOCKS.audienceUsergroup] = t('slack:create.audienceBoth');
  else if (!channel && !usergroup) errors[CREATE_BLOCKS.audienceChannel] = t('slack:create.audienceMissing');
  if (!closes) errors[CREATE_BLOCKS.closesAt] = t('slack:create.closesAtMissing');
  if (Object.keys(errors).length) return { ok: false, errors };

  const audience = channel
    ? { kind: 'channel' as const, id: channel }
    : { kind: 'usergroup' as const, id: usergroup!.value, ...(typeof usergroup!.text === 'object' && usergroup!.text && 'text' in usergroup!.text ? { name: String((usergroup!.text as { text: unknown }).text) } : {}) };
  return {
    ok: true,
    input: {
      title,
      dimensionIds: dims,
      depth,
      includeReflection,
      audience,
      ...(opens ? { opensAt: new Date(opens * 1000) } : {}),
      closesAt: new Date(closes! * 1000),
      reminderHours,
      moderation,
      ...(groupDimensions.length ? { groupDimensions } : {}),
    },
  };
}

/** The block that shows a core error about a round field ("closesAt", "audience", …). */
export function coreFieldBlock(field: string | undefined, blockIds: readonly string[] = []): string {
  // A group's own block when the modal has it; otherwise the dimensions (a forged group has no block).
  if (field?.startsWith(GROUP_DIMENSIONS_BLOCK)) return blockIds.includes(field) ? field : CREATE_BLOCKS.dimensionIds;
  switch (field) {
    case 'audience':
      return CREATE_BLOCKS.audienceChannel;
    case 'title':
    case 'dimensionIds':
    case 'depth':
    case 'includeReflection':
    case 'opensAt':
    case 'closesAt':
    case 'reminderHours':
    case 'moderation':
      return CREATE_BLOCKS[field];
    case 'groupDimensions':
      return CREATE_BLOCKS.dimensionIds;
    default:
      return CREATE_BLOCKS.title;
  }
}
