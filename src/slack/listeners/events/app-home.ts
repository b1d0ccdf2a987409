import type { App } from '@slack/bolt';
import { resolveActor, teamIdOf, type SlackDeps } from '../../context';
import { publishHome } from '../../home';

/** App Home: published fresh each time the person opens the tab. */
export function registerAppHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, body, client, context }) => {
    if (event.tab !== 'home') return;
    const teamId = teamIdOf(context, body);
    if (!teamId) return;
    // Slack re-sends an event it thinks we missed (X-Slack-Retry-Num): publish once per event.
    const eventId = (body as { event_id?: string }).event_id;
    try {
      if (eventId && !(await deps.followUps.first(`event:${eventId}`))) return;
      await publishHome(deps, client, await resolveActor(deps, client, { teamId, userId: event.user }));
    } catch (err) {
      deps.logger.warn({ err }, 'could not publish App Home');
    }
  });
}
