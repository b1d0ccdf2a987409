import type { App } from '@slack/bolt';
import { runCommand } from '../../commands/run';
import type { SlackDeps } from '../../context';
import { ACTIONS } from '../../ids';
import { postToResponseUrl } from '../feedback';
import { readClick } from '../interaction';

/**
 * A "which school?" button: runs the command again for the chosen school, with the click's
 * trigger (so `nieuw` can open its modal) and its response_url for the answer. The school id on
 * the button is checked against the workspace again, and the coordinator rule by the core.
 */
export function registerSchoolChoice(app: App, deps: SlackDeps): void {
  app.action(new RegExp(`^${ACTIONS.chooseSchool}:`), async ({ ack, body, client, context }) => {
    await ack();
    const click = readClick(deps, context, body);
    if (!click?.value.t || click.value.c === undefined || !click.triggerId) return;
    const channelId = (body as { channel?: { id?: string } }).channel?.id;
    const responseUrl = click.responseUrl;
    await runCommand(
      deps,
      client,
      click.teamId,
      { text: click.value.c, user_id: click.userId, trigger_id: click.triggerId, ...(channelId ? { channel_id: channelId } : {}), ...(responseUrl ? { response_url: responseUrl } : {}) },
      async (blocks, text) => {
        if (responseUrl) await postToResponseUrl(responseUrl, { response_type: 'ephemeral', replace_original: true, text, blocks });
        else await client.chat.postMessage({ channel: click.userId, text, blocks });
      },
      click.value.t,
    );
  });
}
