import type { App } from '@slack/bolt';
import { isSurveyError } from '../../../core/errors';
import { describeError, translator } from '../../../i18n';
import { describeFailure, resolveActor, teamIdOf, type SlackDeps } from '../../context';
import { parseSettings, settingsFieldBlock } from '../../forms/settings-form';
import { CALLBACKS } from '../../ids';
import { escapeKeepingMentions, sections } from '../../presenters/blocks';
import { SETTINGS_BLOCKS } from '../../presenters/settings';
import { parseMetadata, submittedViewSchema } from '../../schema';
import { checkTeamChannel } from '../../team-channel-check';

/**
 * The settings modal: the core validates (threshold ≥ 3, at least one coordinator, retention
 * 1–120 months) and stores. A newly chosen team channel must be one Slack shows this workspace's
 * bot token as its own (a forged id of another workspace's channel is refused and logged).
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
      deps.services.coordinators.assertCoordinator(actor);
      if (patch.teamChannel && patch.teamChannel.id !== actor.tenant.settings.teamChannel?.id) {
        const check = await checkTeamChannel(client, patch.teamChannel.id, teamId);
        if (!check.ok) {
          const t = translator(actor.lang);
          if (check.reason === 'unverified') deps.logger.warn({ tenant: actor.tenant.id, error: check.error }, 'settings: could not check the team channel with Slack');
          else deps.logger.warn({ tenant: actor.tenant.id, team: teamId, reason: check.reason }, 'settings refused a team channel outside the workspace');
          const key = {
            foreign: 'slack:settings.foreignChannel',
            external: 'slack:settings.externalChannel',
            not_member: 'slack:settings.botNotInChannel',
            unverified: 'slack:settings.channelUnverified',
          }[check.reason];
          await ack({ response_action: 'errors', errors: { [SETTINGS_BLOCKS.teamChannel]: t(key) } });
          return;
        }
        if (check.name) patch.teamChannel = { id: patch.teamChannel.id, name: check.name };
      }
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
