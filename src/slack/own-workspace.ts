import type { App } from '@slack/bolt';
import type { Logger } from '../log';
import { teamIdOf } from './context';

/**
 * Single-workspace mode: the bot token belongs to one workspace, and only that workspace may
 * steer the app. Slack signs every request, but any workspace where the same app is installed
 * (or any signed payload naming another team) would otherwise create a tenant of its own, whose
 * first user could DM people with this school's token. Requests of another team are acked (so
 * Slack does not retry), logged and dropped before any listener runs.
 */
export function acceptOnlyOwnWorkspace(app: App, ownTeamId: () => Promise<string | undefined>, logger: Logger): void {
  app.use(async (args) => {
    const { context, body, next } = args;
    const team = teamIdOf(context, body);
    const own = await ownTeamId();
    if (own !== undefined && team === own) {
      await next();
      return;
    }
    logger.warn({ team, own, type: (body as { type?: string }).type }, 'Slack request from another workspace refused (single-workspace mode)');
    const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
    if (ack) await ack();
  });
}
