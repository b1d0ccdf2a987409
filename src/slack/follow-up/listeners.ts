import type { App } from '@slack/bolt';
import { isSurveyError } from '../../core/errors';
import { describeError, translator } from '../../i18n';
import type { ViewAck } from '../answering';
import { describeFailure, resolveActor, teamIdOf, type SlackDeps } from '../context';
import { ACTIONS, CALLBACKS } from '../ids';
import { postToResponseUrl, showProblem } from '../listeners/feedback';
import { clickActor, readClick } from '../listeners/interaction';
import { escapeKeepingMentions, sections } from '../presenters/blocks';
import { noticeModal } from '../presenters/info';
import { parseMetadata, submittedViewSchema } from '../schema';
import type { WebClient } from '../slack-types';
import { actionFieldBlock, parseActionForm, parseBallot } from './forms';
import { BALLOT_BLOCKS } from './presenters';
import { actionView, ballotView, newRoundView, planBlocks } from './run';

type ClickArgs = { ack: () => Promise<void>; body: unknown; client: WebClient; context: { teamId?: string; enterpriseId?: string } };

/** Errors a ballot shows next to its choices; anything else is a refusal of the whole vote. */
const BALLOT_FIELD_ERRORS = new Set(['vote_no_choice', 'vote_unknown_option', 'vote_too_many', 'vote_already_cast', 'vote_closed', 'not_invited']);

/**
 * The follow-up's buttons and modals on Slack (issue #14): the vote button on the channel
 * announcement and the ballot modal, the plan's add/edit buttons and the action modal, and the
 * create-round modal's "herhaal de vorige bevraging".
 */
export function registerFollowUpListeners(app: App, deps: SlackDeps): void {
  const opener = (what: string, build: (click: NonNullable<ReturnType<typeof readClick>>, actor: Awaited<ReturnType<typeof clickActor>>) => Promise<import('../slack-types').ModalView>) =>
    async ({ ack, body, client, context }: ClickArgs) => {
      await ack();
      const click = readClick(deps, context, body);
      if (!click?.triggerId) return;
      const actor = await clickActor(deps, client, click);
      try {
        await client.views.open({ trigger_id: click.triggerId, view: await build(click, actor) });
      } catch (e) {
        await showProblem(deps, client, click, actor.lang, e, what);
      }
    };
  app.action(ACTIONS.vote, opener('vote', (click, actor) => ballotView(deps, actor, click.value.v)));
  app.action(ACTIONS.actionAdd, opener('action add', (_click, actor) => actionView(deps, actor)));
  app.action(ACTIONS.actionEdit, opener('action edit', (click, actor) => actionView(deps, actor, click.value.ai)));

  app.action(ACTIONS.actionEditors, async ({ ack, body, client, context }: ClickArgs) => {
    await ack();
    const b = body as { user?: { id?: string }; response_url?: string; actions?: { selected_users?: unknown }[] };
    const teamId = teamIdOf(context, body);
    const selected = b.actions?.[0]?.selected_users;
    if (!teamId || !b.user?.id || !Array.isArray(selected)) return;
    const actor = await resolveActor(deps, client, { teamId, userId: b.user.id });
    const reply = async (text: string) => {
      if (b.response_url) await postToResponseUrl(b.response_url, { response_type: 'ephemeral', replace_original: false, text, blocks: sections(escapeKeepingMentions(text)) });
    };
    try {
      const editors = await deps.services.actions.allowEditors(actor, selected.filter((u): u is string => typeof u === 'string'));
      await reply(translator(actor.lang)('followup:plan.editorsSlack', { editors: editors.map((u) => `<@${u}>`).join(', ') || '—' }));
    } catch (e) {
      await reply(describeFailure(e, actor.lang, deps.logger, 'action editors')).catch(() => undefined);
    }
  });

  app.action(ACTIONS.repeatRound, async ({ ack, body, client, context }: ClickArgs) => {
    await ack();
    const click = readClick(deps, context, body);
    if (!click?.view) return;
    // The modal knows its school (issue #19): the previous round is that school's.
    const meta = parseMetadata(click.view.privateMetadata);
    const channelId = meta?.k === 'create' ? meta.c : undefined;
    const schoolId = meta?.k === 'create' ? meta.t : undefined;
    const actor = schoolId ? await resolveActor(deps, client, { teamId: click.teamId, userId: click.userId }, { schoolId }) : await clickActor(deps, client, click);
    try {
      const previous = await deps.services.repeat.previous(actor);
      await client.views.update({ view_id: click.view.id, view: await newRoundView(deps, actor, { ...(channelId ? { channelId } : {}), repeat: previous }) });
    } catch (e) {
      await showProblem(deps, client, click, actor.lang, e, 'repeat round');
    }
  });

  app.view(CALLBACKS.ballot, async ({ ack, body, client, context }) => {
    const parsed = submittedViewSchema.safeParse(body.view);
    const meta = parsed.success ? parseMetadata(parsed.data.private_metadata) : undefined;
    const teamId = teamIdOf(context, body);
    if (!parsed.success || meta?.k !== 'ballot' || !teamId) {
      deps.logger.warn('unexpected ballot submission');
      await ack();
      return;
    }
    const view = parsed.data;
    const actor = await resolveActor(deps, client, { teamId, userId: body.user.id }, { roundId: meta.v.replace(/^v-/, '') });
    const t = translator(actor.lang);
    // Every copy is handled (Slack keeps a view's id and hash after an errors answer, so a corrected
    // ballot must go through); a retry of a ballot already counted says so rather than failing.
    let result: ViewAck;
    try {
      await deps.services.votes.cast(actor, meta.v, parseBallot(view.state.values));
      result = { response_action: 'update', view: noticeModal({ lang: actor.lang, tone: 'success', text: t('followup:vote.cast') }, t) };
    } catch (e) {
      // `first` is false only when this very view was accepted before: a retry, not a second ballot.
      if (isSurveyError(e) && e.code === 'vote_already_cast' && !(await deps.followUps.first(`ballot:${view.id}:${view.hash ?? ''}`))) {
        result = { response_action: 'update', view: noticeModal({ lang: actor.lang, tone: 'success', text: t('followup:vote.cast') }, t) };
      } else {
        const text = isSurveyError(e) && BALLOT_FIELD_ERRORS.has(e.code) ? describeError(e, actor.lang) : describeFailure(e, actor.lang, deps.logger, 'ballot');
        result = { response_action: 'errors', errors: { [BALLOT_BLOCKS.choices]: text } };
      }
    }
    if (result.response_action === 'update') await deps.followUps.first(`ballot:${view.id}:${view.hash ?? ''}`);
    await ack(result);
  });

  app.view(CALLBACKS.action, async ({ ack, body, client, context }) => {
    const parsed = submittedViewSchema.safeParse(body.view);
    const meta = parsed.success ? parseMetadata(parsed.data.private_metadata) : undefined;
    const teamId = teamIdOf(context, body);
    if (!parsed.success || meta?.k !== 'action' || !teamId) {
      deps.logger.warn('unexpected action submission');
      await ack();
      return;
    }
    const view = parsed.data;
    const actor = await resolveActor(deps, client, { teamId, userId: body.user.id }, { roundId: meta.r });
    // Every copy is handled (a corrected form must go through); recording is idempotent on the view id.
    let result: ViewAck;
    const form = parseActionForm(view.state.values);
    try {
      if (meta.a) await deps.services.actions.update(actor, meta.a, form as Parameters<typeof deps.services.actions.update>[2]);
      else await deps.services.actions.record(actor, { ...form, roundId: meta.r }, { requestKey: `slack-view:${view.id}` });
      result = { response_action: 'clear' };
    } catch (e) {
      const field = isSurveyError(e) ? e.field : undefined;
      const text = isSurveyError(e) ? describeError(e, actor.lang) : describeFailure(e, actor.lang, deps.logger, 'action');
      result = { response_action: 'errors', errors: { [actionFieldBlock(field)]: text } };
    }
    await ack(result);
    // The confirmation goes once, whatever Slack retries.
    if (result.response_action !== 'clear' || !(await deps.followUps.first(`action:${view.id}:${view.hash ?? ''}`))) return;
    // What was saved, and the plan as it is now, in the person's DM.
    try {
      const text = translator(actor.lang)('followup:form.saved');
      const plan = await planBlocks(deps, actor);
      await client.chat.postMessage({ channel: actor.platformUserId, text, blocks: [...sections(`:white_check_mark: ${escapeKeepingMentions(text)}`), ...plan.blocks].slice(0, 50) });
    } catch (err) {
      deps.logger.warn({ err }, 'could not confirm the action');
    }
  });
}
