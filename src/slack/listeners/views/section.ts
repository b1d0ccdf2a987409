import type { App } from '@slack/bolt';
import { translator } from '../../../i18n';
import { submitSectionPage, updateInvitationProgress, type SectionSubmission } from '../../answering';
import { describeFailure, resolveActor, teamIdOf, type SlackDeps } from '../../context';
import { publishHome } from '../../home';
import { CALLBACKS } from '../../ids';
import type { Actor } from '../../../core/services';
import type { WebClient } from '../../slack-types';
import { noticeModal } from '../../presenters/info';
import { parseMetadata, submittedViewSchema } from '../../schema';
import { sectionFields } from '../../forms/section-fields';

/**
 * A submitted section page. The answer to Slack (next page, next section, review, or errors per
 * field) is computed and acked within Slack's 3 s; updating the invitation DM and App Home
 * happens after, once the person is through or closes the modal. Every copy is checked afresh
 * (a corrected page keeps the view's id and hash after an `errors` answer); saving is
 * idempotent, and the same accepted view submitted again (Slack retry, double click) triggers
 * the follow-ups once.
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
    let result: SectionSubmission;
    try {
      result = await submitSectionPage(deps, actor, meta, view);
    } catch (e) {
      // Round closed, not invited, store down…: the modal turns into the explanation.
      const text = describeFailure(e, actor.lang, deps.logger, 'section submission');
      result = { ack: { response_action: 'update', view: noticeModal({ lang: actor.lang, text, tone: 'warning' }, translator(actor.lang)) }, saved: false };
    }
    await ack(result.ack);
    // The invitation's "Bewaard — X van Y" line and App Home lie under the modal while the person
    // answers: they are brought up to date when the modal gets to the review (below) or is closed
    // (view_closed), not after every section.
    if (result.finished && (await deps.followUps.first(`section:${view.id}:${view.hash ?? ''}`))) refreshAfterAnswers(deps, client, actor, meta.r);
  });

  // "Later verder" (the modal's close button): what was typed on the page is kept as a draft of
  // the section, shown again when the person comes back. Nothing is validated or counted.
  app.view({ callback_id: CALLBACKS.section, type: 'view_closed' }, async ({ ack, body, client, context }) => {
    await ack();
    const parsed = submittedViewSchema.safeParse(body.view);
    const meta = parsed.success ? parseMetadata(parsed.data.private_metadata) : undefined;
    const teamId = teamIdOf(context, body);
    if (!parsed.success || meta?.k !== 'section' || !teamId) return;
    try {
      const actor = await resolveActor(deps, client, { teamId, userId: body.user.id }, { roundId: meta.r });
      // Sections saved in this modal show in the invitation and App Home now that it is closed.
      refreshAfterAnswers(deps, client, actor, meta.r);
      const typed = sectionFields(parsed.data.state.values, Object.keys(parsed.data.state.values));
      if (Object.keys(typed).length) await deps.services.respondents.saveDraft(actor, meta.r, meta.s, typed, 'merge');
    } catch (err) {
      // A closed round or a store outage: there is no modal left to tell; the log says why.
      deps.logger.warn({ err }, 'could not keep the draft of a closed section modal');
    }
  });

  // "Klaar" on the review: close the modal; everything was saved section by section already.
  app.view(CALLBACKS.review, async ({ ack }) => {
    await ack({ response_action: 'clear' });
  });
}

/**
 * The invitation DM with its "Bewaard — X van Y" line, and App Home, as stored now. After the ack,
 * coalesced per person (a close right after the review makes one refresh, not two), best effort:
 * what they show is stored already, and App Home is published afresh whenever it is opened.
 * The invitation is not: a line left at "3 van 8" would stay untrue until the next answer, so an
 * update Slack refuses for its rate limit is tried again once the Retry-After it names (up to a
 * minute) and the person's refresh window are over; twice more at most, in this process like the
 * refresh itself.
 */
function refreshAfterAnswers(deps: SlackDeps, client: WebClient, actor: Actor, roundId: string, attempt = 1): void {
  deps.refreshes.run(`${actor.tenant.externalId}:${actor.platformUserId}:${roundId}`, async () => {
    const { retryAfterMs } = await updateInvitationProgress(deps, client, actor, roundId);
    await publishHome(deps, client, actor).catch((err: unknown) => deps.logger.debug({ err }, 'could not refresh App Home'));
    if (retryAfterMs !== undefined && retryAfterMs <= MAX_REFRESH_WAIT_MS && attempt < REFRESH_ATTEMPTS) {
      setTimeout(() => refreshAfterAnswers(deps, client, actor, roundId, attempt + 1), retryAfterMs).unref();
    }
  });
}

const REFRESH_ATTEMPTS = 3;
const MAX_REFRESH_WAIT_MS = 60_000;
