import { actionLines } from '../../../core/actions/plan-view';
import { ACTION_STATUSES, type ActionItem } from '../../../core/actions/model';
import type { ActionFormContext } from '../../../core/actions/action-service';
import type { Lang } from '../../../core/questionnaire/schema';
import type { BallotView } from '../../../core/vote/views';
import { t } from '../../../i18n';
import { renderCard, type AdaptiveCard } from '../render-card';
import { newSubmissionId } from '../submission';
import { paragraphs, typedText } from './shared';

/** The ballot in a personal chat: the work points as check boxes, up to `maxChoices`. */
export function ballotCard(view: BallotView, error = '', chosen: string[] = []): AdaptiveCard {
  return renderCard('ballot', {
    title: view.title,
    intro: view.intro,
    alreadyVoted: view.alreadyVoted ?? '',
    error,
    choicesLabel: view.choicesLabel,
    value: chosen.join(','),
    // A whole dimension as an option (quick rounds) needs no dimension after it.
    options: view.options.map((o) => ({ title: o.label === o.group ? o.label : `${o.label} (${o.group})`, value: o.id })),
    submit: view.submitLabel,
    voteId: view.voteId,
  });
}

export interface ActionFormCardInput {
  lang: Lang;
  context: ActionFormContext;
  people: { id: string; name: string }[];
  /** The action being edited; a new one when absent. */
  action?: ActionItem;
  /** What was typed, shown again with the error. */
  values?: Record<string, string>;
  error?: string;
  /** This form's submission id (see submission.ts); a new one by default, as every built form is a new request. */
  submission?: string;
}

export function actionFormCard(input: ActionFormCardInput): AdaptiveCard {
  const { lang, context, action } = input;
  const v = input.values ?? {};
  const owner = action?.owner;
  const workPoints = context.workPoints.map((w) => {
    const votes = w.votes ? ` — ${t(lang, 'followup:form.votes', { count: w.votes })}` : '';
    const dimension = context.dimensionTitles[w.dimensionId]?.[lang] ?? w.dimensionId;
    return { title: `${w.text[lang] === dimension ? dimension : `${w.text[lang]} (${dimension})`}${votes}`, value: w.id };
  });
  if (action && !workPoints.some((w) => w.value === action.workPoint.id)) workPoints.unshift({ title: action.workPoint.text[lang], value: action.workPoint.id });
  return renderCard('action-form', {
    heading: t(lang, action ? 'followup:form.editTitle' : 'followup:form.title'),
    intro: t(lang, 'followup:form.intro', { title: context.round.title }),
    error: input.error ?? '',
    workPoint: { label: t(lang, 'followup:form.workPoint'), value: v.workPointId ?? action?.workPoint.id ?? '', choices: workPoints },
    what: { label: t(lang, 'followup:form.what'), value: v.what ?? action?.what ?? '' },
    owner: {
      label: t(lang, 'followup:form.owner'),
      value: v.ownerUserId ?? (owner?.kind === 'person' ? owner.platformUserId : ''),
      choices: input.people.map((p) => ({ title: p.name, value: p.id })),
    },
    ownerGroup: { label: t(lang, 'followup:form.ownerGroup'), value: v.ownerGroup ?? (owner?.kind === 'group' ? owner.name : '') },
    due: { label: t(lang, 'followup:form.due'), value: v.dueDate ?? action?.dueDate ?? '' },
    success: { label: t(lang, 'followup:form.success'), value: v.successSign ?? action?.successSign ?? '' },
    status: {
      shown: Boolean(action),
      label: t(lang, 'followup:form.status'),
      value: v.status ?? action?.status ?? 'planned',
      choices: ACTION_STATUSES.map((s) => ({ title: t(lang, `followup:status.${s}`), value: s })),
    },
    statusNote: { label: t(lang, 'followup:form.statusNote'), value: v.statusNote ?? action?.statusNote ?? '' },
    save: t(lang, 'followup:form.save'),
    actionId: action?.id ?? '',
    roundId: action?.roundId ?? context.round.id,
    submission: input.submission ?? newSubmissionId(),
  });
}

export interface ActionPlanCardInput {
  lang: Lang;
  actions: ActionItem[];
  dimensionTitle: (id: string) => string;
  displayName: (id: string) => string;
  canEdit: boolean;
  saved?: string;
  summary: string;
  /** For coordinators: who else may record actions, and who could. */
  editors?: { value: string[]; people: { id: string; name: string }[] };
}

/** `acties`: the plan with, for those who may, a button per action and one to add an action. */
export function actionPlanCard(input: ActionPlanCardInput): AdaptiveCard {
  const { lang } = input;
  return renderCard('action-plan', {
    saved: input.saved ?? '',
    title: t(lang, 'followup:plan.title'),
    summary: input.summary,
    actions: input.actions.map((a) => ({ id: a.id, lines: paragraphs(actionLines(a, lang, input.dimensionTitle, input.displayName).map(typedText).join('\n')) })),
    canEdit: input.canEdit,
    editLabel: t(lang, 'followup:form.edit'),
    addLabel: t(lang, 'followup:form.add'),
    editors: input.editors
      ? { show: true, label: t(lang, 'followup:plan.editorsLabel'), save: t(lang, 'followup:plan.editorsSave'), value: input.editors.value.join(','), choices: input.editors.people.map((p) => ({ title: p.name, value: p.id })) }
      : { show: false, label: '', save: '', value: '', choices: [] },
  });
}
