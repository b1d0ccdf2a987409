import type { JobKind } from '../../core/ports';
import type { OrchestrationDeps } from '../context';
import type { JobHandler } from '../types';
import { closeRoundHandler } from './close-round';
import { closeInvitationHandler } from './close-invitation';
import { deliverInvitationHandler } from './deliver-invitation';
import { announceResultsHandler } from './announce-results';
import { notifyCoordinatorHandler } from './notify-coordinator';
import { openRoundHandler } from './open-round';
import { publishSummaryHandler } from './publish-summary';
import { purgeAnswersHandler } from './purge-answers';
import { remindHandler } from './remind';
import { sendRemindersHandler } from './send-reminders';
import { closeVoteHandler } from './follow-up/close-vote';
import { notifyActionOwnerHandler } from './follow-up/notify-action-owner';
import { postActionPlanHandler } from './follow-up/post-action-plan';
import { postVoteHandler } from './follow-up/post-vote';

/** One handler per job kind. */
export function createHandlers(deps: OrchestrationDeps): Record<JobKind, JobHandler> {
  return {
    'open-round': openRoundHandler(deps),
    'deliver-invitation': deliverInvitationHandler(deps),
    'send-reminders': sendRemindersHandler(deps),
    remind: remindHandler(deps),
    'close-round': closeRoundHandler(deps),
    'publish-summary': publishSummaryHandler(deps),
    'notify-coordinator': notifyCoordinatorHandler(deps),
    'purge-answers': purgeAnswersHandler(deps),
    'close-invitation': closeInvitationHandler(deps),
    'announce-results': announceResultsHandler(deps),
    'post-vote': postVoteHandler(deps),
    'close-vote': closeVoteHandler(deps),
    'post-action-plan': postActionPlanHandler(deps),
    'notify-action-owner': notifyActionOwnerHandler(deps),
  };
}
