import type { App } from '@slack/bolt';
import { isSurveyError } from '../../../core/errors';
import { describeError, translator } from '../../../i18n';
import { describeFailure, resolveActor, teamIdOf, type SlackDeps } from '../../context';
import { CALLBACKS } from '../../ids';
import { moderationModal, QUOTE_EDIT_BLOCKS } from '../../presenters/moderation';
import { blockState, parseMetadata, stateString, submittedViewSchema } from '../../schema';

/** The quote editor (pushed over the moderation list): saves the text and themes, then refreshes the list. */
export function registerQuoteEditSubmission(app: App, deps: SlackDeps): void {
  app.view(CALLBACKS.quoteEdit, async ({ ack, body, client, context }) => {
    const parsed = submittedViewSchema.safeParse(body.view);
    const meta = parsed.success ? parseMetadata(parsed.data.private_metadata) : undefined;
    const teamId = teamIdOf(context, body);
    if (!parsed.success || meta?.k !== 'quote' || !teamId) {
      await ack();
      return;
    }
    const actor = await resolveActor(deps, client, { teamId, userId: body.user.id }, { roundId: meta.r });
    const state = parsed.data.state.values;
    const text = stateString(blockState(state, QUOTE_EDIT_BLOCKS.text));
    const themes = (blockState(state, QUOTE_EDIT_BLOCKS.themes)?.selected_options ?? []).map((o) => o.value);
    try {
      await deps.services.coordinators.moderateQuote(actor, meta.r, meta.q, { type: 'edit', text });
      await deps.services.coordinators.moderateQuote(actor, meta.r, meta.q, { type: 'tag', themes });
    } catch (e) {
      const message = isSurveyError(e) ? describeError(e, actor.lang) : describeFailure(e, actor.lang, deps.logger, 'quote edit');
      await ack({ response_action: 'errors', errors: { [isSurveyError(e) && e.code === 'unknown_theme' ? QUOTE_EDIT_BLOCKS.themes : QUOTE_EDIT_BLOCKS.text]: message } });
      return;
    }
    // Closing the editor returns to the list underneath, refreshed.
    await ack();
    const rootViewId = (body.view as { root_view_id?: string | null }).root_view_id;
    if (rootViewId) {
      const view = await deps.services.coordinators.moderation(actor, meta.r);
      await client.views.update({ view_id: rootViewId, view: moderationModal(view, meta.p, translator(actor.lang)) }).catch((err: unknown) => deps.logger.warn({ err }, 'could not refresh the moderation list'));
    }
  });
}
