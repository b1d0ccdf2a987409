import type { App } from '@slack/bolt';
import { isSurveyError } from '../../../core/errors';
import { describeError, translator } from '../../../i18n';
import { describeFailure, resolveActor, teamIdOf, type SlackDeps } from '../../context';
import { parseSettings, settingsFieldBlock } from '../../forms/settings-form';
import { CALLBACKS } from '../../ids';
import { escapeKeepingMentions, sections } from '../../presenters/blocks';
import { SETTINGS_BLOCKS } from '../../presenters/settings';
import { parseMetadata, submittedViewSchema } from '../../schema';

/**
 * The settings modal: the core validates (threshold ≥ 3, at least one coordinator) and stores.
 * Every copy of a submission is checked afresh, so a corrected form (same view id and hash after
 * an `errors` answer) is accepted.
 */
export function registerSettingsSubmission(app: App, deps: SlackDeps): void {
  app.view(CALLBACKS.settings, async ({ ack, body, client, context }) => {
    const parsed = submittedViewSchema.safeParse(body.view);
    const teamId = teamIdOf(context, body);
    if (!parsed.success || !teamId) {
      await ack();
      return;
    }
    const meta = parseMetadata(parsed.data.private_metadata);
    const actor = await resolveActor(deps, client, { teamId, userId: body.user.id }, { schoolId: meta?.k === 'create' || meta?.k === 'settings' ? meta.t : undefined });
    const patch = parseSettings(parsed.data.state.values);
    try {
      const tenant = await deps.services.coordinators.updateSettings(actor, patch);
      await ack({ response_action: 'clear' });
      // Saving the same settings twice changes nothing; the confirmation is sent once.
      if (!(await deps.followUps.first(`settings:${parsed.data.id}:${parsed.data.hash ?? ''}`))) return;
      const t = translator(patch.language ?? actor.lang);
      const channel = tenant.settings.teamChannel;
      const text = t('slack:settings.saved', { channel: channel ? `<#${channel.id}>` : '—', k: tenant.settings.anonymityThreshold });
      await client.chat.postMessage({ channel: actor.platformUserId, text, blocks: sections(`:white_check_mark: ${escapeKeepingMentions(text)}`) }).catch((err: unknown) => deps.logger.warn({ err }, 'could not confirm the settings'));
    } catch (e) {
      const block = isSurveyError(e) ? settingsFieldBlock(e.field) : SETTINGS_BLOCKS.anonymityThreshold;
      const text = isSurveyError(e) ? describeError(e, actor.lang) : describeFailure(e, actor.lang, deps.logger, 'settings');
      await ack({ response_action: 'errors', errors: { [block]: text } });
    }
  });
}
