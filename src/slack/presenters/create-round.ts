import type { Translate } from '../../i18n';
import { ACTIONS, CALLBACKS } from '../ids';
import { BLOCK_KIT } from '../limits';
import { encodeMetadata } from '../schema';
import type { KnownBlock, ModalView } from '../slack-types';
import { context, escapeMrkdwn, option, plain } from './blocks';

/** Block ids of the create-round form; the submission parser reads the same names. */
export const CREATE_BLOCKS = {
  title: 'title',
  dimensionIds: 'dimensionIds',
  depth: 'depth',
  includeReflection: 'includeReflection',
  audienceChannel: 'audienceChannel',
  audienceUsergroup: 'audienceUsergroup',
  opensAt: 'opensAt',
  closesAt: 'closesAt',
  reminderHours: 'reminderHours',
  moderation: 'moderation',
} as const;

/** One optional multi-select per respondent group: "groupDimensions.<group id>". */
export const GROUP_DIMENSIONS_BLOCK = 'groupDimensions.';

/** Reminder choices offered, in hours before closing. */
export const REMINDER_CHOICES = [168, 72, 48, 24, 4] as const;
export const DEFAULT_REMINDERS = [72, 24] as const;

export interface CreateRoundDefaults {
  title: string;
  /** Unix seconds. */
  closesAt: number;
  dimensions: { id: string; title: string }[];
  /** The questionnaire's respondent groups, each offered the dimensions it judges. */
  groups?: { id: string; label: string }[];
  /** The channel the command was run in, offered as the audience. */
  channelId?: string;
  /** The school the round is for, and its name when the workspace holds several. */
  schoolId?: string;
  schoolName?: string;
  /** When invitations may go out, said from the school's own hours (the core's describeWorkingHours). */
  workingHours?: string;
  /** "Herhaal de vorige bevraging" (issue #14): the previous round's choices, filled in. */
  repeat?: {
    dimensionIds: string[];
    depth: 'quick' | 'detailed';
    includeReflection: boolean;
    reminderHours: number[];
    moderation: boolean;
    audienceChannel?: string;
    groupDimensions?: { group: string; dimensionIds: string[] }[];
  };
  /** Offer the button that fills in the previous round's choices. */
  offerRepeat?: boolean;
}

function input(blockId: string, label: string, element: Record<string, unknown>, opts: { optional?: boolean; hint?: string } = {}): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, BLOCK_KIT.inputLabel),
    optional: opts.optional ?? false,
    ...(opts.hint ? { hint: plain(opts.hint, BLOCK_KIT.inputHint) } : {}),
    element: { action_id: ACTIONS.input, ...element },
  } as KnownBlock;
}

function yesNo(yes: string, no: string, initialYes: boolean) {
  const options = [option(yes, 'yes'), option(no, 'no')];
  return { type: 'radio_buttons', options, initial_option: initialYes ? options[0] : options[1] };
}

/**
 * "Which group judges which dimensions": one multi-select per group, each starting with every
 * dimension (the default: everyone judges everything). The core checks what comes back.
 */
function groupBlocks(defaults: CreateRoundDefaults, dimensionOptions: ReturnType<typeof option>[], t: Translate): KnownBlock[] {
  const groups = defaults.groups ?? [];
  if (groups.length === 0) return [];
  const options = dimensionOptions.slice(0, BLOCK_KIT.selectOptions);
  const picked = (groupId: string) => {
    const ids = defaults.repeat?.groupDimensions?.find((g) => g.group === groupId)?.dimensionIds ?? defaults.repeat?.dimensionIds;
    return ids ? options.filter((o) => ids.includes(o.value ?? '')) : options;
  };
  return [
    context(escapeMrkdwn(`*${t('cards:roundForm.groupDimensions')}* ${t('cards:roundForm.groupDimensionsHint')}`)),
    ...groups.map((g) => {
      const initial = picked(g.id);
      return input(
        `${GROUP_DIMENSIONS_BLOCK}${g.id}`,
        g.label,
        { type: 'multi_static_select', options, ...(initial.length ? { initial_options: initial } : {}), placeholder: plain(t('slack:create.groupDimensionsPlaceholder'), BLOCK_KIT.placeholder) },
        { optional: true },
      );
    }),
  ];
}

/** `/zorgspiegel new`: everything a round needs, in one modal. */
export function createRoundModal(defaults: CreateRoundDefaults, t: Translate): ModalView {
  const { repeat } = defaults;
  const chosen = <T extends { value?: string }>(options: T[]) => (repeat ? options.filter((o) => repeat.dimensionIds.includes(o.value ?? "")) : options);
  const dimensionOptions = defaults.dimensions.map((d) => option(d.title, d.id));
  // Checkboxes hold at most 10 options; a longer questionnaire gets a multi-select instead.
  const dimensionsElement =
    dimensionOptions.length <= BLOCK_KIT.checkboxOptions
      ? { type: 'checkboxes', options: dimensionOptions, initial_options: chosen(dimensionOptions) }
      : { type: 'multi_static_select', options: dimensionOptions.slice(0, BLOCK_KIT.selectOptions), initial_options: chosen(dimensionOptions.slice(0, BLOCK_KIT.selectOptions)) };
  const depthOptions = [
    option(t('slack:create.depthDetailed'), 'detailed', t('slack:create.depthDetailedHint')),
    option(t('slack:create.depthQuick'), 'quick', t('slack:create.depthQuickHint')),
  ];
  const reminderOptions = REMINDER_CHOICES.map((h) => option(h % 24 === 0 ? t('slack:create.reminderDays', { count: h / 24 }) : t('slack:create.reminderHours', { count: h }), String(h)));
  const given = repeat?.audienceChannel ?? defaults.channelId;
  const channel = given && /^[CG]/.test(given) ? given : undefined;
  const blocks: KnownBlock[] = [
    ...(defaults.schoolName ? [context(escapeMrkdwn(t('slack:create.forSchool', { school: defaults.schoolName })))] : []),
    context(escapeMrkdwn(t('slack:create.intro'))),
    input(CREATE_BLOCKS.title, t('slack:create.title'), { type: 'plain_text_input', initial_value: defaults.title, max_length: 120 }),
    input(CREATE_BLOCKS.dimensionIds, t('slack:create.dimensions'), dimensionsElement),
    ...groupBlocks(defaults, dimensionOptions, t),
    input(CREATE_BLOCKS.depth, t('slack:create.depth'), { type: 'radio_buttons', options: depthOptions, initial_option: repeat?.depth === 'quick' ? depthOptions[1] : depthOptions[0] }),
    input(CREATE_BLOCKS.includeReflection, t('slack:create.reflection'), yesNo(t('slack:create.reflectionYes'), t('slack:create.reflectionNo'), repeat?.includeReflection ?? true)),
    input(
      CREATE_BLOCKS.audienceChannel,
      t('slack:create.audienceChannel'),
      {
        type: 'conversations_select',
        placeholder: plain(t('slack:create.audienceChannelPlaceholder'), BLOCK_KIT.placeholder),
        filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
        ...(channel ? { initial_conversation: channel } : {}),
      },
      { optional: true, hint: t('slack:create.audienceHint') },
    ),
    {
      type: 'input',
      block_id: CREATE_BLOCKS.audienceUsergroup,
      label: plain(t('slack:create.audienceUsergroup'), BLOCK_KIT.inputLabel),
      optional: true,
      element: { type: 'external_select', action_id: ACTIONS.usergroupSelect, min_query_length: 0, placeholder: plain(t('slack:create.audienceUsergroupPlaceholder'), BLOCK_KIT.placeholder) },
    },
    input(CREATE_BLOCKS.opensAt, t('slack:create.opensAt'), { type: 'datetimepicker' }, { optional: true, hint: [t('slack:create.opensAtHint'), defaults.workingHours].filter(Boolean).join(' ') }),
    input(CREATE_BLOCKS.closesAt, t('slack:create.closesAt'), { type: 'datetimepicker', initial_date_time: defaults.closesAt }),
    input(
      CREATE_BLOCKS.reminderHours,
      t('slack:create.reminders'),
      {
        type: 'multi_static_select',
        options: reminderOptions,
        initial_options: reminderOptions.filter((o) => ((repeat?.reminderHours ?? DEFAULT_REMINDERS) as readonly number[]).includes(Number(o.value))),
        placeholder: plain(t('slack:create.remindersPlaceholder'), BLOCK_KIT.placeholder),
      },
      { optional: true },
    ),
    input(CREATE_BLOCKS.moderation, t('slack:create.moderation'), yesNo(t('slack:create.moderationYes'), t('slack:create.moderationNo'), repeat?.moderation ?? true)),
  ];
  if (defaults.offerRepeat && !repeat) {
    blocks.splice(1, 0, { type: 'actions', block_id: 'repeat', elements: [{ type: 'button', action_id: ACTIONS.repeatRound, text: plain(t('followup:repeat.button'), BLOCK_KIT.buttonText), value: '{}' }] } as KnownBlock);
  }
  return {
    type: 'modal',
    callback_id: CALLBACKS.createRound,
    private_metadata: encodeMetadata({ k: 'create', ...(defaults.channelId ? { c: defaults.channelId } : {}), ...(defaults.schoolId ? { t: defaults.schoolId } : {}) }),
    title: plain(t('slack:create.modalTitle'), BLOCK_KIT.modalTitle),
    submit: plain(t('slack:create.submit'), BLOCK_KIT.modalButton),
    close: plain(t('slack:cancel'), BLOCK_KIT.modalButton),
    blocks,
  };
}
