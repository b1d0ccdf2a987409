import type { Actor } from '../core/services';
import { isCoordinator } from '../core/tenant';
import { translator } from '../i18n';
import type { SlackDeps } from './context';
import { homeView } from './presenters/home';
import type { WebClient } from './slack-types';

/**
 * Publishes the person's App Home: their open rounds with progress, and for coordinators also
 * the rounds with counts and actions.
 */
export async function publishHome(deps: SlackDeps, client: WebClient, actor: Actor): Promise<void> {
  const t = translator(actor.lang);
  const mine = await deps.services.respondents.myRounds(actor);
  const statuses = isCoordinator(actor.tenant.settings, actor.platformUserId) ? await deps.services.coordinators.status(actor) : undefined;
  await client.views.publish({ user_id: actor.platformUserId, view: homeView(mine, statuses, t) });
}
