import type { SettingsPatch } from '../../core/services/coordinator-service';
import { SETTINGS_BLOCKS } from '../presenters/settings';
import { blockState, stateString, type ViewState } from '../schema';

/** The settings modal as a settings patch; the core checks the values (threshold, coordinators, retention). */
export function parseSettings(state: ViewState, channelName?: string): SettingsPatch {
  const patch: SettingsPatch = {};
  const channel = stateString(blockState(state, SETTINGS_BLOCKS.teamChannel));
  if (channel) patch.teamChannel = { id: channel, ...(channelName ? { name: channelName } : {}) };
  const coordinators = blockState(state, SETTINGS_BLOCKS.coordinators)?.selected_users;
  if (coordinators) patch.coordinators = [...new Set(coordinators)];
  const language = stateString(blockState(state, SETTINGS_BLOCKS.language));
  if (language === 'nl' || language === 'en') patch.language = language;
  const threshold = stateString(blockState(state, SETTINGS_BLOCKS.anonymityThreshold)).trim();
  if (threshold !== '') patch.anonymityThreshold = Number(threshold);
  const retention = stateString(blockState(state, SETTINGS_BLOCKS.retentionMonths)).trim();
  // Any text goes to the core as a number (NaN for "abc"), which refuses it in the user's words.
  if (retention !== '') patch.retentionMonths = Number(retention);
  return patch;
}

/** Which block shows a core error about a settings field. */
export function settingsFieldBlock(field: string | undefined): string {
  switch (field) {
    case 'coordinators':
      return SETTINGS_BLOCKS.coordinators;
    case 'teamChannel':
      return SETTINGS_BLOCKS.teamChannel;
    case 'language':
      return SETTINGS_BLOCKS.language;
    case 'retentionMonths':
      return SETTINGS_BLOCKS.retentionMonths;
    default:
      return SETTINGS_BLOCKS.anonymityThreshold;
  }
}
