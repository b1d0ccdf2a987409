import { DateTime } from 'luxon';
import type { RepeatSettings } from '../../core/services';
import { actionPlanView } from '../../core/actions/plan-view';
import type { Actor } from '../../core/services';
import { isCoordinator, schoolName } from '../../core/tenant';
import { translator } from '../../i18n';
import type { SlackDeps } from '../context';
import { createRoundModal } from '../presenters/create-round';
import type { KnownBlock, ModalView } from '../slack-types';
import { actionModal, actionPlanBlocks, ballotModal } from './presenters';
import { describeWorkingHours } from '../../core/working-hours';

/**
 * What the follow-up commands and buttons do on Slack; the listeners and the slash command only
 * find the person and the trigger. Every rule is the core's.
 */
export async function ballotView(deps: SlackDeps, actor: Actor, voteId?: string): Promise<ModalView> {
  return ballotModal(await deps.services.votes.ballot(actor, voteId), translator(actor.lang));
}

export async function actionView(deps: SlackDeps, actor: Actor, actionId?: string): Promise<ModalView> {
  const action = actionId ? await deps.services.actions.get(actor, actionId) : undefined;
  const context = await deps.services.actions.formContext(actor, action?.roundId);
  return actionModal(actor.lang, context, translator(actor.lang), action);
}

export async function planBlocks(deps: SlackDeps, actor: Actor): Promise<{ blocks: KnownBlock[]; text: string }> {
  const list = await deps.services.actions.list(actor);
  const titles = new Map(deps.questionnaire.dimensions.map((d) => [d.id, d.title[actor.lang]]));
  const dimensionTitle = (id: string) => titles.get(id) ?? id;
  const view = actionPlanView(list, actor.lang, dimensionTitle, (id) => `<@${id}>`);
  const t = translator(actor.lang);
  const editors = isCoordinator(actor.tenant.settings, actor.platformUserId) ? await deps.services.actions.editors(actor) : undefined;
  return { blocks: actionPlanBlocks(view, list, actor.lang, t, dimensionTitle, await deps.services.actions.canEdit(actor), editors), text: view.title ?? t('followup:plan.title') };
}

/**
 * The create-round modal, filled in with the previous round's choices when asked to repeat it.
 * It carries the actor's school, and names it when the workspace holds several (issue #19).
 */
export async function newRoundView(deps: SlackDeps, actor: Actor, opts: { channelId?: string; repeat?: RepeatSettings | null; offerRepeat?: boolean }): Promise<ModalView> {
  const severalSchools = (await deps.services.tenants.schools('slack', actor.tenant.externalId)).length > 1;
  const { lang } = actor;
  const zone = actor.tenant.settings.timeZone;
  const now = DateTime.fromJSDate(deps.clock.now(), { zone });
  const days = opts.repeat?.durationDays ?? 14;
  const t = translator(lang);
  const repeat = opts.repeat;
  return createRoundModal(
    {
      title: t('slack:create.defaultTitle', { date: now.setLocale(lang === 'nl' ? 'nl-BE' : 'en-GB').toFormat('LLLL yyyy') }),
      closesAt: Math.floor(now.plus({ days }).set({ hour: 17, minute: 0, second: 0, millisecond: 0 }).toSeconds()),
      dimensions: deps.questionnaire.dimensions.map((d) => ({ id: d.id, title: `${d.id}. ${d.title[lang]}` })),
      groups: deps.questionnaire.groups.map((g) => ({ id: g.id, label: g.label[lang] })),
      ...(opts.channelId ? { channelId: opts.channelId } : {}),
      schoolId: actor.tenant.id,
      workingHours: describeWorkingHours(actor.tenant.settings.quietHours, lang),
      ...(severalSchools ? { schoolName: schoolName(actor.tenant) } : {}),
      ...(repeat
        ? {
            repeat: {
              dimensionIds: repeat.dimensionIds,
              depth: repeat.depth,
              includeReflection: repeat.includeReflection,
              reminderHours: repeat.reminderHours,
              moderation: repeat.moderation,
              ...(repeat.groupDimensions ? { groupDimensions: repeat.groupDimensions } : {}),
              ...(repeat.audience.kind === 'channel' ? { audienceChannel: repeat.audience.id } : {}),
            },
          }
        : {}),
      offerRepeat: Boolean(opts.offerRepeat),
    },
    t,
  );
}
