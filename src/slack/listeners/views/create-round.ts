import type { App } from '@slack/bolt';
import { isSurveyError } from '../../../core/errors';
import { describeError, translator } from '../../../i18n';
import { describeFailure, resolveActor, teamIdOf, type SlackDeps } from '../../context';
import { coreFieldBlock, parseCreateRound } from '../../forms/create-round-form';
import { publishHome } from '../../home';
import { CALLBACKS } from '../../ids';
import { escapeKeepingMentions, sections } from '../../presenters/blocks';
import { roundStatusListBlocks } from '../../presenters/round-status';
import { parseMetadata, submittedViewSchema } from '../../schema';
import type { ViewAck } from '../../answering';

type CreateOutcome = { ack: ViewAck; roundId?: string };

/**
 * The create-round modal. Acked with per-field errors, or with `clear` once the core has created
 * the round; the confirmation (with the round's status and actions) follows as a DM. Every copy
 * of a submission is checked afresh — a corrected form keeps the view's id and hash after an
 * `errors` answer — and a retried or double-submitted modal creates one round (its id derives
 * from the view id) and one confirmation.
 */
export function registerCreateRoundSubmission(app: App, deps: SlackDeps): void {
  app.view(CALLBACKS.createRound, async ({ ack, body, client, context }) => {
    const parsed = submittedViewSchema.safeParse(body.view);
    const teamId = teamIdOf(context, body);
    if (!parsed.success || !teamId) {
      deps.logger.warn('unexpected create-round submission');
      await ack();
      return;
    }
    const view = parsed.data;
    const meta = parseMetadata(parsed.data.private_metadata);
    const actor = await resolveActor(deps, client, { teamId, userId: body.user.id }, { schoolId: meta?.k === 'create' || meta?.k === 'settings' ? meta.t : undefined });
    const t = translator(actor.lang);
    const result = await (async (): Promise<CreateOutcome> => {
      const form = parseCreateRound(view.state.values, t);
      if (!form.ok) return { ack: { response_action: 'errors', errors: form.errors } };
      try {
        const round = await deps.services.coordinators.createRound(actor, form.input, { requestKey: `slack-view:${view.id}` });
        return { ack: { response_action: 'clear' }, roundId: round.id };
      } catch (e) {
        if (isSurveyError(e) && e.code === 'invalid_round') return { ack: { response_action: 'errors', errors: { [coreFieldBlock(e.field, Object.keys(view.state.values))]: describeError(e, actor.lang) } } };
        const text = describeFailure(e, actor.lang, deps.logger, 'create round');
        return { ack: { response_action: 'errors', errors: { [coreFieldBlock('title')]: text } } };
      }
    })();
    await ack(result.ack);
    if (!result.roundId || !(await deps.followUps.first(`round-created:${result.roundId}`))) return;
    try {
      const statuses = await deps.services.coordinators.status(actor, result.roundId);
      const channel = actor.tenant.settings.teamChannel;
      // With screening the summary waits for the coordinator's publication, not for the close.
      const created = statuses[0]?.afterClose === 'review' ? 'slack:create.createdReview' : 'slack:create.created';
      const intro = t(channel ? created : 'slack:create.createdNoChannel', { channel: channel ? `<#${channel.id}>` : '' });
      const blocks = [...sections(`:white_check_mark: ${escapeKeepingMentions(intro)}`), ...roundStatusListBlocks(statuses, t)];
      await client.chat.postMessage({ channel: actor.platformUserId, text: intro, blocks });
      await publishHome(deps, client, actor).catch(() => undefined);
    } catch (err) {
      deps.logger.warn({ err }, 'could not confirm the new round');
    }
  });
}
