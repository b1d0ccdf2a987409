import type { App } from '@slack/bolt';
import { runCommand } from '../../commands/run';
import { teamIdOf, type SlackDeps } from '../../context';
import { COMMAND } from '../../ids';
import { slashCommandSchema } from '../../schema';

/** `/zorgspiegel …`: acknowledged at once; the work (and any modal) follows the ack. */
export function registerZorgspiegelCommand(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ ack, body, client, respond, context }) => {
    await ack();
    const command = slashCommandSchema.safeParse(body);
    const teamId = teamIdOf(context, body);
    if (!command.success || !teamId) {
      deps.logger.warn({ issues: command.success ? 'no team' : command.error.issues }, 'unexpected slash command payload');
      return;
    }
    await runCommand(deps, client, teamId, command.data, async (blocks, text) => {
      await respond({ response_type: 'ephemeral', replace_original: false, text, blocks });
    });
  });
}
