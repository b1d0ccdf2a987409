import type { Actor } from '../core/services';
import type { MyRoundView, RoundStatusView } from '../core/views/types';
import { actorsAcrossSchools } from './school';
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
  const mine: MyRoundView[] = [];
  let statuses: RoundStatusView[] | undefined;
  // A person in several schools of the workspace sees each school's rounds, named after it.
  for (const { actor: inSchool, label } of await actorsAcrossSchools(deps.services, actor)) {
    const named = <V extends { title: string }>(view: V): V => (label ? { ...view, title: t('survey:invitation.titleAtSchool', { title: view.title, school: label }) } : view);
    mine.push(...(await deps.services.respondents.myRounds(inSchool)).map(named));
    if (isCoordinator(inSchool.tenant.settings, inSchool.platformUserId)) (statuses ??= []).push(...(await deps.services.coordinators.status(inSchool)).map(named));
  }
  await client.views.publish({ user_id: actor.platformUserId, view: homeView(mine, statuses, t) });
}
