import type { App, InstallationStore } from '@slack/bolt';
import type { SlackDeps } from '../context';
import { registerCoordinatorActions } from './actions/coordinator';
import { registerRespondentActions } from './actions/respondent';
import { registerDaysTotal } from './actions/days-total';
import { registerSchoolChoice } from './actions/school-choice';
import { registerZorgspiegelCommand } from './commands/zorgspiegel';
import { registerAppHome } from './events/app-home';
import { registerUninstall } from './events/uninstall';
import { registerUsergroupOptions } from './options/usergroups';
import { registerCreateRoundSubmission } from './views/create-round';
import { registerQuoteEditSubmission } from './views/quote-edit';
import { registerSectionSubmission } from './views/section';
import { registerSettingsSubmission } from './views/settings';
import { registerFollowUpListeners } from '../follow-up/listeners';

/** Every listener of the app; each file registers the listeners of one kind of interaction. */
export function registerListeners(app: App, deps: SlackDeps, store?: InstallationStore): void {
  registerZorgspiegelCommand(app, deps);
  registerRespondentActions(app, deps);
  registerDaysTotal(app, deps);
  registerCoordinatorActions(app, deps);
  registerSchoolChoice(app, deps);
  registerUsergroupOptions(app, deps);
  registerSectionSubmission(app, deps);
  registerCreateRoundSubmission(app, deps);
  registerSettingsSubmission(app, deps);
  registerQuoteEditSubmission(app, deps);
  registerFollowUpListeners(app, deps);
  registerAppHome(app, deps);
  registerUninstall(app, deps, store);
}
