import { isSurveyError } from '../core/errors';
import { actionPlanView } from '../core/actions/plan-view';
import type { ActionItem } from '../core/actions/model';
import type { Actor } from '../core/services';
import { isCoordinator } from '../core/tenant';
import { describeError, t } from '../i18n';
import type { CardActionContext, CardActionDeps, CardActionResult } from './card-actions';
import { actionFormCard, actionPlanCard, ballotCard } from './cards/presenters/follow-up';
import { noticeCard } from './cards/presenters/notice';
import { submissionOf } from './cards/submission';

/**
 * The follow-up verbs (issue #14): the priority vote and the action plan. Like card-actions.ts,
 * one verb is one service call; the rules (who may, what is valid) are the core's.
 */
export const FOLLOW_UP_VERBS = ['openVote', 'vote', 'castVote', 'closeVote', 'actions', 'actionForm', 'saveAction', 'editAction', 'saveEditors'] as const;
export type FollowUpVerb = (typeof FOLLOW_UP_VERBS)[number];

export function isFollowUpVerb(verb: string): verb is FollowUpVerb {
  return (FOLLOW_UP_VERBS as readonly string[]).includes(verb);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): string[] =>
  str(v)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const notice = (actor: Actor, text: string, tone: 'info' | 'success' | 'warning' | 'error', title?: string): CardActionResult => ({
  kind: 'card',
  card: noticeCard({ lang: actor.lang, text, tone, ...(title ? { title } : {}) }),
});

/** Form fields of an action card, as typed (strings only; anything else is dropped). */
const ACTION_FIELDS = ['workPointId', 'what', 'ownerUserId', 'ownerGroup', 'dueDate', 'successSign', 'status', 'statusNote'] as const;
function actionValues(data: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of ACTION_FIELDS) if (typeof data[field] === 'string') values[field] = data[field] as string;
  return values;
}

async function planCard(deps: CardActionDeps, actor: Actor, saved?: string): Promise<CardActionResult> {
  const { actions: service } = deps.services;
  const actions = await service.list(actor);
  const people = (await deps.settingsOptions(actor)).people;
  const displayName = (id: string) => people.find((p) => p.id === id)?.name ?? deps.displayName(actor.tenant, id);
  const titles = new Map<string, string>();
  for (const d of deps.questionnaire.dimensions) titles.set(d.id, d.title[actor.lang]);
  const dimensionTitle = (id: string) => titles.get(id) ?? id;
  const view = actionPlanView(actions, actor.lang, dimensionTitle, displayName);
  const summary = view.text.split('\n\n')[0] ?? '';
  return {
    kind: 'card',
    card: actionPlanCard({
      lang: actor.lang,
      actions: sortForPlan(actions),
      dimensionTitle,
      displayName,
      canEdit: await service.canEdit(actor),
      summary,
      ...(saved ? { saved } : {}),
      ...(isCoordinator(actor.tenant.settings, actor.platformUserId) ? { editors: { value: await service.editors(actor), people: people.filter((p) => !actor.tenant.settings.coordinators.includes(p.id)) } } : {}),
    }),
  };
}

const STATUS_ORDER = { in_progress: 0, planned: 1, done: 2, dropped: 3 } as const;
function sortForPlan(actions: ActionItem[]): ActionItem[] {
  return [...actions].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
}

async function actionForm(deps: CardActionDeps, actor: Actor, opts: { action?: ActionItem; values?: Record<string, string>; error?: string; roundId?: string } = {}): Promise<CardActionResult> {
  const context = await deps.services.actions.formContext(actor, opts.action?.roundId ?? opts.roundId);
  const people = (await deps.settingsOptions(actor)).people;
  return { kind: 'card', card: actionFormCard({ lang: actor.lang, context, people, ...opts }) };
}

async function saveAction(deps: CardActionDeps, actor: Actor, data: Record<string, unknown>): Promise<CardActionResult> {
  const values = actionValues(data);
  // A double click or a redelivered invoke of this form records one action; a form built later
  // (e.g. "Actie toevoegen" on the plan card this form became) records another (cards/submission.ts).
  const submission = submissionOf(data);
  const actionId = str(data.actionId);
  const existing = actionId ? await deps.services.actions.get(actor, actionId) : undefined;
  try {
    if (existing) {
      await deps.services.actions.update(actor, existing.id, values);
    } else {
      await deps.services.actions.record(actor, { ...values, workPointId: values.workPointId ?? '', what: values.what ?? '', dueDate: values.dueDate ?? '', successSign: values.successSign ?? '', roundId: str(data.roundId) || undefined }, submission ? { requestKey: `action:${submission}` } : {});
    }
  } catch (e) {
    if (isSurveyError(e) && e.code === 'invalid_action') return actionForm(deps, actor, { ...(existing ? { action: existing } : {}), values, error: describeError(e, actor.lang), roundId: str(data.roundId) || undefined });
    throw e;
  }
  return planCard(deps, actor, t(actor.lang, 'followup:form.saved'));
}

export async function runFollowUpAction(deps: CardActionDeps, actor: Actor, verb: FollowUpVerb, data: Record<string, unknown>, ctx: CardActionContext): Promise<CardActionResult> {
  const { votes } = deps.services;
  switch (verb) {
    case 'openVote':
      await votes.open(actor);
      return notice(actor, t(actor.lang, 'followup:vote.opened'), 'success');
    case 'vote': {
      // A card returned to a click in the channel would show only in the clicker's own client,
      // and only until it refreshes: the message keeps the announcement, so a ballot there could
      // vanish half-filled (another device, a reload). The ballot lives in the personal chat; from
      // the channel the answer is a message to the one who clicked, pointing there.
      if (ctx.teamId) return { kind: 'message', text: t(actor.lang, 'followup:vote.announceTextTeams') };
      return { kind: 'card', card: ballotCard(await votes.ballot(actor, str(data.value) || str(data.voteId) || undefined)) };
    }
    case 'castVote': {
      const voteId = str(data.voteId);
      const chosen = list(data.choices);
      try {
        await votes.cast(actor, voteId, chosen);
      } catch (e) {
        if (isSurveyError(e) && ['vote_no_choice', 'vote_unknown_option', 'vote_too_many'].includes(e.code)) {
          return { kind: 'card', card: ballotCard(await votes.ballot(actor, voteId), describeError(e, actor.lang), chosen) };
        }
        throw e;
      }
      return notice(actor, t(actor.lang, 'followup:vote.cast'), 'success');
    }
    case 'closeVote':
      await votes.close(actor);
      return notice(actor, t(actor.lang, 'followup:vote.closing'), 'success');
    case 'actions':
      return planCard(deps, actor);
    case 'actionForm':
      return actionForm(deps, actor, { roundId: str(data.roundId) || undefined });
    case 'editAction':
      return actionForm(deps, actor, { action: await deps.services.actions.get(actor, str(data.actionId)) });
    case 'saveAction':
      return saveAction(deps, actor, data);
    case 'saveEditors':
      await deps.services.actions.allowEditors(actor, list(data.actionEditors));
      return planCard(deps, actor, t(actor.lang, 'followup:plan.editorsSaved'));
  }
}
