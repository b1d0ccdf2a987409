import { retentionMonths, type Tenant } from '../../core/tenant';
import type { Translate } from '../../i18n';
import { ACTIONS, CALLBACKS } from '../ids';
import { BLOCK_KIT } from '../limits';
import { encodeMetadata } from '../schema';
import type { KnownBlock, ModalView } from '../slack-types';
import { context, escapeMrkdwn, option, plain } from './blocks';

export const SETTINGS_BLOCKS = {
  teamChannel: 'teamChannel',
  coordinators: 'coordinators',
  language: 'language',
  anonymityThreshold: 'anonymityThreshold',
  retentionMonths: 'retentionMonths',
} as const;

/** `/zorgspiegel settings`: team channel, coordinators, language, anonymity threshold and how long raw answers are kept. */
export function settingsModal(tenant: Tenant, t: Translate): ModalView {
  const s = tenant.settings;
  const languages = [option('Nederlands', 'nl'), option('English', 'en')];
  const blocks: KnownBlock[] = [
    context(escapeMrkdwn(t('slack:settings.intro'))),
    {
      type: 'input',
      block_id: SETTINGS_BLOCKS.teamChannel,
      label: plain(t('slack:settings.teamChannel'), BLOCK_KIT.inputLabel),
      hint: plain(t('slack:settings.teamChannelHint'), BLOCK_KIT.inputHint),
      element: {
        type: 'conversations_select',
        action_id: ACTIONS.input,
        filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
        ...(s.teamChannel ? { initial_conversation: s.teamChannel.id } : {}),
      },
    },
    {
      type: 'input',
      block_id: SETTINGS_BLOCKS.coordinators,
      label: plain(t('slack:settings.coordinators'), BLOCK_KIT.inputLabel),
      element: { type: 'multi_users_select', action_id: ACTIONS.input, ...(s.coordinators.length ? { initial_users: s.coordinators } : {}) },
    },
    {
      type: 'input',
      block_id: SETTINGS_BLOCKS.language,
      label: plain(t('slack:settings.language'), BLOCK_KIT.inputLabel),
      hint: plain(t('slack:settings.languageHint'), BLOCK_KIT.inputHint),
      element: { type: 'static_select', action_id: ACTIONS.input, options: languages, initial_option: languages.find((l) => l.value === s.language) ?? languages[0] },
    },
    {
      type: 'input',
      block_id: SETTINGS_BLOCKS.anonymityThreshold,
      label: plain(t('slack:settings.threshold'), BLOCK_KIT.inputLabel),
      hint: plain(t('slack:settings.thresholdHint'), BLOCK_KIT.inputHint),
      element: { type: 'number_input', action_id: ACTIONS.input, is_decimal_allowed: false, initial_value: String(s.anonymityThreshold) },
    },
    {
      type: 'input',
      block_id: SETTINGS_BLOCKS.retentionMonths,
      label: plain(t('slack:settings.retention'), BLOCK_KIT.inputLabel),
      hint: plain(t('slack:settings.retentionHint'), BLOCK_KIT.inputHint),
      element: { type: 'number_input', action_id: ACTIONS.input, is_decimal_allowed: false, initial_value: String(retentionMonths(s)) },
    },
  ];
  return {
    type: 'modal',
    callback_id: CALLBACKS.settings,
    private_metadata: encodeMetadata({ k: 'settings', t: tenant.id }),
    title: plain(t('slack:settings.modalTitle'), BLOCK_KIT.modalTitle),
    submit: plain(t('slack:save'), BLOCK_KIT.modalButton),
    close: plain(t('slack:cancel'), BLOCK_KIT.modalButton),
    blocks,
  };
}
