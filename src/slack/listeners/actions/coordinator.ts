import type { App } from '@slack/bolt';
import { translator } from '../../../i18n';
import type { SlackDeps } from '../../context';
import { publishHome } from '../../home';
import { ACTIONS, ROUND_ACTION_IDS, type RoundActionId } from '../../ids';
import { moderationModal, quoteEditModal } from '../../presenters/moderation';
import { performRoundAction } from '../../round-actions';
import type { KnownBlock, WebClient } from '../../slack-types';
import { postToResponseUrl, showProblem } from '../feedback';
import { clickActor, readClick, type ClickPayload } from '../interaction';

/** Where a coordinator's button answers: under the message it sits in, or in their DM (App Home, modals). */
function replier(client: WebClient, click: ClickPayload) {
  return async (blocks: KnownBlock[], text: string) => {
    if (click.responseUrl) await postToResponseUrl(click.responseUrl, { response_type: 'ephemeral', replace_original: false, text, blocks });
    else await client.chat.postMessage({ channel: click.userId, text, blocks });
  };
}

/**
 * The coordinator's buttons on status messages, notices and App Home (remind, close, publish,
 * cancel, export, moderate, status), and the moderation modal's quote buttons. The core checks
 * that the clicker is a coordinator and makes every action idempotent.
 */
export function registerCoordinatorActions(app: App, deps: SlackDeps): void {
  const roundAction = (action: RoundActionId | 'status') =>
    async ({ ack, body, client, context }: { ack: () => Promise<void>; body: unknown; client: WebClient; context: { teamId?: string; enterpriseId?: string } }) => {
      await ack();
      const click = readClick(deps, context, body);
      if (!click?.value.r) return;
      const actor = await clickActor(deps, client, click);
      try {
        await performRoundAction(deps, client, actor, click.value.r, action, { triggerId: click.view ? undefined : click.triggerId, reply: replier(client, click) }, { unscreened: click.value.u });
        // A click in a modal (moderation → publish) or on App Home: show the new state there.
        if (click.view && action === 'publish') await client.views.update({ view_id: click.view.id, view: moderationModal(await deps.services.coordinators.moderation(actor, click.value.r), 0, translator(actor.lang)) });
        if (!click.responseUrl) await publishHome(deps, client, actor).catch(() => undefined);
      } catch (e) {
        await showProblem(deps, client, click, actor.lang, e, `round ${action}`);
      }
    };
  for (const id of ROUND_ACTION_IDS) app.action(ACTIONS.round[id], roundAction(id));
  app.action(ACTIONS.roundStatus, roundAction('status'));

  const quoteAction = (type: 'approve' | 'hide') =>
    async ({ ack, body, client, context }: { ack: () => Promise<void>; body: unknown; client: WebClient; context: { teamId?: string; enterpriseId?: string } }) => {
      await ack();
      const click = readClick(deps, context, body);
      if (!click?.value.r || !click.value.q || !click.view) return;
      const actor = await clickActor(deps, client, click);
      try {
        await deps.services.coordinators.moderateQuote(actor, click.value.r, click.value.q, { type });
        const view = await deps.services.coordinators.moderation(actor, click.value.r);
        await client.views.update({ view_id: click.view.id, view: moderationModal(view, click.value.p ?? 0, translator(actor.lang)) });
      } catch (e) {
        await showProblem(deps, client, click, actor.lang, e, `quote ${type}`);
      }
    };
  app.action(ACTIONS.quote.approve, quoteAction('approve'));
  // "Approve this page": the answers the coordinator just read, in one click. Pending answers come
  // first in the view, so the same page then shows the next ones to read.
  app.action(ACTIONS.quote.approvePage, async ({ ack, body, client, context }) => {
    await ack();
    const click = readClick(deps, context, body);
    if (!click?.value.r || !click.value.a || !click.view) return;
    const actor = await clickActor(deps, client, click);
    try {
      await deps.services.coordinators.approveQuotes(actor, click.value.r, click.value.a);
      const view = await deps.services.coordinators.moderation(actor, click.value.r);
      await client.views.update({ view_id: click.view.id, view: moderationModal(view, click.value.p ?? 0, translator(actor.lang)) });
    } catch (e) {
      await showProblem(deps, client, click, actor.lang, e, 'quote approve page');
    }
  });
  app.action(ACTIONS.quote.hide, quoteAction('hide'));

  app.action(ACTIONS.quote.edit, async ({ ack, body, client, context }) => {
    await ack();
    const click = readClick(deps, context, body);
    if (!click?.value.r || !click.value.q || !click.triggerId) return;
    const actor = await clickActor(deps, client, click);
    try {
      const view = await deps.services.coordinators.moderation(actor, click.value.r);
      const quote = view.quotes.find((q) => q.id === click.value.q);
      if (!quote) return;
      await client.views.push({ trigger_id: click.triggerId, view: quoteEditModal(view, quote, click.value.p ?? 0, translator(actor.lang)) });
    } catch (e) {
      await showProblem(deps, client, click, actor.lang, e, 'quote edit');
    }
  });

  // A link button (e.g. "open the summary"): Slack opens the link itself; the click only needs its ack.
  app.action(ACTIONS.link, async ({ ack }) => {
    await ack();
  });

  app.action(ACTIONS.quotesPage, async ({ ack, body, client, context }) => {
    await ack();
    const click = readClick(deps, context, body);
    if (!click?.value.r || !click.view) return;
    const actor = await clickActor(deps, client, click);
    try {
      const view = await deps.services.coordinators.moderation(actor, click.value.r);
      await client.views.update({ view_id: click.view.id, view: moderationModal(view, click.value.p ?? 0, translator(actor.lang)) });
    } catch (e) {
      await showProblem(deps, client, click, actor.lang, e, 'quotes page');
    }
  });
}
