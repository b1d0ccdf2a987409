import type { App } from '@slack/bolt';
import { translator } from '../../../i18n';
import { submitSectionPage, updateInvitationProgress, type SectionSubmission } from '../../answering';
import { describeFailure, resolveActor, teamIdOf, type SlackDeps } from '../../context';
import { publishHome } from '../../home';
import { CALLBACKS } from '../../ids';
import { noticeModal } from '../../presenters/info';
import { parseMetadata, submittedViewSchema } from '../../schema';

/**
 * A submitted section page. The answer to Slack (next page, next section, review, or errors per
 * field) is computed and acked within Slack's 3 s; updating the invitation DM and App Home
 * happens after. The same view submitted again (Slack retry, double click: same view id and
 * hash) gets the first answer and triggers nothing a second time.
 */
export function registerSectionSubmission(app: App, deps: SlackDeps): void {
  app.view(CALLBACKS.section, async ({ ack, body, client, context }) => {
    const parsed = submittedViewSchema.safeParse(body.view);
    const meta = parsed.success ? parseMetadata(parsed.data.private_metadata) : undefined;
    const teamId = teamIdOf(context, body);
    if (!parsed.success || meta?.k !== 'section' || !teamId) {
      deps.logger.warn({ ok: parsed.success, kind: meta?.k }, 'unexpected section submission');
      await ack();
      return;
    }
    const view = parsed.data;
    const actor = await resolveActor(deps, client, { teamId, userId: body.user.id }, { roundId: meta.r });
    const { result, first } = await deps.submissions.once(`section:${view.id}:${view.hash ?? ''}`, async (): Promise<SectionSubmission> => {
      try {
        return await submitSectionPage(deps, actor, teamId, meta, view);
      } catch (e) {
        // Round closed, not invited, store down…: the modal turns into the explanation.
        const text = describeFailure(e, actor.lang, deps.logger, 'section submission');
        return { ack: { response_action: 'update', view: noticeModal({ lang: actor.lang, text, tone: 'warning' }, translator(actor.lang)) }, saved: false };
      }
    });
    await ack(result.ack);
    if (first && result.saved) {
      // After the ack, and coalesced: eight sections in a minute make one or two refreshes, not eight.
      deps.followUps.run(`${teamId}:${actor.platformUserId}:${meta.r}`, async () => {
        await updateInvitationProgress(deps, client, actor, meta.r);
        await publishHome(deps, client, actor).catch((err: unknown) => deps.logger.debug({ err }, 'could not refresh App Home'));
      });
    }
  });

  // "Klaar" on the review: close the modal; everything was saved section by section already.
  app.view(CALLBACKS.review, async ({ ack }) => {
    await ack({ response_action: 'clear' });
  });
}
