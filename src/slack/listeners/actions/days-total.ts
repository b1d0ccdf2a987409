import type { App } from '@slack/bolt';
import { translator } from '../../../i18n';
import { sectionModal } from '../../answering';
import { resolveActor, teamIdOf, type SlackDeps } from '../../context';
import { sectionFields } from '../../forms/section-fields';
import { ACTIONS } from '../../ids';
import { parseMetadata, submittedViewSchema } from '../../schema';
import { slackErrorCode } from '../../web-api-errors';

/**
 * The running total of the days question (reflection question 3). Its selects dispatch their
 * change (`dispatch_action` on the input block): Slack sends block_actions carrying the modal
 * with everything typed in `view.state.values`, its `id` and `hash`. What was typed is kept as the
 * section's draft, and the modal is updated with the new total. The update names the hash the
 * change came from: when the person already changed something else (a newer view exists), Slack
 * refuses it (`hash_conflict`) and the newer change brings its own total.
 */
export function registerDaysTotal(app: App, deps: SlackDeps): void {
  app.action({ type: 'block_actions', action_id: ACTIONS.input }, async ({ ack, body, client, context }) => {
    await ack();
    const parsed = submittedViewSchema.safeParse((body as { view?: unknown }).view);
    const meta = parsed.success ? parseMetadata(parsed.data.private_metadata) : undefined;
    const teamId = teamIdOf(context, body);
    if (!parsed.success || meta?.k !== 'section' || !teamId) return;
    const view = parsed.data;
    try {
      const actor = await resolveActor(deps, client, { teamId, userId: body.user.id }, { roundId: meta.r });
      const typed = sectionFields(view.state.values, Object.keys(view.state.values));
      const form = await deps.services.respondents.typing(actor, meta.r, meta.s, typed, 'merge');
      await client.views.update({ view_id: view.id, ...(view.hash ? { hash: view.hash } : {}), view: sectionModal(form, translator(actor.lang), meta.p) });
    } catch (err) {
      if (slackErrorCode(err) === 'hash_conflict') return;
      // The total is a courtesy: the submission checks the days again and says what is wrong.
      deps.logger.warn({ err }, 'could not update the running total of the days');
    }
  });
}
