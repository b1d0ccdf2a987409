import type { App } from '@slack/bolt';
import { translator } from '../../../i18n';
import { markInvitationOptedOut, sectionModal, stepModal } from '../../answering';
import type { SlackDeps } from '../../context';
import { publishHome } from '../../home';
import { ACTIONS } from '../../ids';
import { anonymityModal, noticeModal, scaleHelpModal } from '../../presenters/info';
import { withdrawalModal } from '../../presenters/withdrawal';
import { showProblem } from '../feedback';
import { clickActor, readClick } from '../interaction';

/**
 * The staff member's buttons: Start/Continue (invitation, reminder, App Home), read more about
 * anonymity, opt out, the scale's meanings, and "change" in the review. Each acks first; the
 * modal opens from the click's trigger_id right after.
 */
export function registerRespondentActions(app: App, deps: SlackDeps): void {
  app.action(ACTIONS.start, async ({ ack, body, client, context }) => {
    await ack();
    const click = readClick(deps, context, body);
    if (!click?.value.r) return;
    const actor = await clickActor(deps, client, click);
    try {
      const step = await deps.services.respondents.startOrContinue(actor, click.value.r);
      const view = stepModal(step, translator(actor.lang));
      if (click.view) await client.views.update({ view_id: click.view.id, view });
      else await client.views.open({ trigger_id: click.triggerId!, view });
    } catch (e) {
      await showProblem(deps, client, click, actor.lang, e, 'start');
    }
  });

  app.action(ACTIONS.anonymity, async ({ ack, body, client, context }) => {
    await ack();
    const click = readClick(deps, context, body);
    if (!click?.value.r) return;
    const actor = await clickActor(deps, client, click);
    try {
      const { view } = await deps.services.respondents.invitation(actor, click.value.r, actor.lang);
      await client.views.open({ trigger_id: click.triggerId!, view: anonymityModal(view.anonymityDetails, translator(actor.lang)) });
    } catch (e) {
      await showProblem(deps, client, click, actor.lang, e, 'anonymity');
    }
  });

  // "Ik doe niet mee", and its confirmation when the core asks for one (there are answers to erase).
  for (const [actionId, confirmed] of [
    [ACTIONS.optOut, false],
    [ACTIONS.withdraw, true],
  ] as const) {
    app.action(actionId, async ({ ack, body, client, context }) => {
      await ack();
      const click = readClick(deps, context, body);
      if (!click?.value.r) return;
      const actor = await clickActor(deps, client, click);
      const t = translator(actor.lang);
      try {
        const outcome = await deps.services.respondents.optOut(actor, click.value.r, { confirmed });
        if (outcome.kind === 'confirm') {
          const view = withdrawalModal(outcome.view, t);
          if (click.view && !click.fromHome) await client.views.update({ view_id: click.view.id, view });
          else await client.views.open({ trigger_id: click.triggerId!, view });
          return;
        }
        // The invitation itself now says what happened: an update, so a double click changes
        // nothing. A click on App Home gets the refreshed tab instead.
        await markInvitationOptedOut(deps, client, actor, click.value.r, outcome.erased);
        const notice = noticeModal({ lang: actor.lang, text: outcome.text, tone: 'info' }, t);
        if (click.fromHome) await publishHome(deps, client, actor);
        else if (click.view) await client.views.update({ view_id: click.view.id, view: notice });
        else if (click.responseUrl) await publishHome(deps, client, actor).catch(() => undefined);
        else await client.views.open({ trigger_id: click.triggerId!, view: notice });
      } catch (e) {
        await showProblem(deps, client, click, actor.lang, e, confirmed ? 'withdraw' : 'opt out');
      }
    });
  }

  app.action(ACTIONS.scaleHelp, async ({ ack, body, client, context }) => {
    await ack();
    const click = readClick(deps, context, body);
    if (!click?.value.r) return;
    const actor = await clickActor(deps, client, click);
    try {
      const { scale } = await deps.services.respondents.invitation(actor, click.value.r);
      // Pushed on top of the section: closing it returns to the form with everything still typed.
      await client.views.push({ trigger_id: click.triggerId!, view: scaleHelpModal({ scale }, translator(actor.lang)) });
    } catch (e) {
      await showProblem(deps, client, click, actor.lang, e, 'scale help');
    }
  });

  app.action(ACTIONS.openSection, async ({ ack, body, client, context }) => {
    await ack();
    const click = readClick(deps, context, body);
    if (!click?.value.r || !click.value.s || !click.view) return;
    const actor = await clickActor(deps, client, click);
    try {
      const form = await deps.services.respondents.openSection(actor, click.value.r, click.value.s);
      await client.views.update({ view_id: click.view.id, view: sectionModal(form, translator(actor.lang)) });
    } catch (e) {
      await showProblem(deps, client, click, actor.lang, e, 'open section');
    }
  });
}
