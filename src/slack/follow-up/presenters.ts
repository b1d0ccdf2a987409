import type { ActionFormContext } from '../../core/actions/action-service';
import { ACTION_STATUSES, type ActionItem } from '../../core/actions/model';
import { actionLines } from '../../core/actions/plan-view';
import type { Lang } from '../../core/questionnaire/schema';
import type { BallotView } from '../../core/vote/views';
import type { NoticeView } from '../../core/views/types';
import type { Translate } from '../../i18n';
import { ACTIONS, CALLBACKS } from '../ids';
import { BLOCK_KIT } from '../limits';
import { encodeActionValue, encodeMetadata } from '../schema';
import type { KnownBlock, ModalView } from '../slack-types';
import { actions, context, escapeKeepingMentions, escapeMrkdwn, header, option, plain, sections } from '../presenters/blocks';
import { slackDates } from '../presenters/slack-dates';

/** Block ids of the follow-up modals; the submission parsers read the same names. */
export const BALLOT_BLOCKS = { choices: 'choices' } as const;
export const ACTION_BLOCKS = {
  workPoint: 'workPointId',
  what: 'what',
  owner: 'ownerUserId',
  ownerGroup: 'ownerGroup',
  due: 'dueDate',
  success: 'successSign',
  status: 'status',
  statusNote: 'statusNote',
} as const;

function input(blockId: string, label: string, element: Record<string, unknown>, optional = false): KnownBlock {
  return { type: 'input', block_id: blockId, label: plain(label, BLOCK_KIT.inputLabel), optional, element: { action_id: ACTIONS.input, ...element } } as KnownBlock;
}

/**
 * The ballot modal. Statements are long and a select option holds 75 characters, so every option
 * is listed in full, numbered, per dimension; the select shows the number and the start of it.
 */
export function ballotModal(view: BallotView, t: Translate): ModalView {
  const blocks: KnownBlock[] = [...sections(escapeMrkdwn(view.intro))];
  if (view.alreadyVoted) {
    blocks.push(...sections(`:white_check_mark: ${escapeMrkdwn(view.alreadyVoted)}`));
    return { type: 'modal', title: plain(t('followup:vote.voteButton'), BLOCK_KIT.modalTitle), close: plain(t('slack:close'), BLOCK_KIT.modalButton), blocks };
  }
  const groups = new Map<string, string[]>();
  view.options.forEach((o, i) => groups.set(o.group, [...(groups.get(o.group) ?? []), `${i + 1}. ${escapeMrkdwn(o.label)}`]));
  for (const [group, lines] of groups) blocks.push(...sections(`*${escapeMrkdwn(group)}*\n${lines.join('\n')}`));
  const options = view.options.slice(0, BLOCK_KIT.selectOptions).map((o, i) => option(`${i + 1}. ${o.label}`, o.id));
  blocks.push(input(BALLOT_BLOCKS.choices, view.choicesLabel, { type: 'multi_static_select', options, max_selected_items: view.maxChoices, placeholder: plain(view.choicesLabel, BLOCK_KIT.placeholder) }));
  return {
    type: 'modal',
    callback_id: CALLBACKS.ballot,
    private_metadata: encodeMetadata({ k: 'ballot', v: view.voteId }),
    title: plain(t('followup:vote.voteButton'), BLOCK_KIT.modalTitle),
    submit: plain(view.submitLabel, BLOCK_KIT.modalButton),
    close: plain(t('slack:cancel'), BLOCK_KIT.modalButton),
    blocks: blocks.slice(0, BLOCK_KIT.viewBlocks),
  };
}

/** Record or edit an action: work point, what, owner (a person or a group), due date, sign of success. */
export function actionModal(lang: Lang, context: ActionFormContext, t: Translate, action?: ActionItem): ModalView {
  const workPoints = context.workPoints.slice(0, BLOCK_KIT.selectOptions).map((w) => {
    const votes = w.votes ? ` (${t('followup:form.votes', { count: w.votes })})` : '';
    return option(`${w.text[lang]}${votes}`, w.id, context.dimensionTitles[w.dimensionId]?.[lang]);
  });
  const current = action ? workPoints.find((o) => o.value === action.workPoint.id) : undefined;
  const statusOptions = ACTION_STATUSES.map((s) => option(t(`followup:status.${s}`), s));
  const blocks: KnownBlock[] = [
    context_(t('followup:form.intro', { title: context.round.title })),
    input(ACTION_BLOCKS.workPoint, t('followup:form.workPoint'), { type: 'static_select', options: workPoints, ...(current ? { initial_option: current } : {}) }),
    input(ACTION_BLOCKS.what, t('followup:form.what'), { type: 'plain_text_input', multiline: true, max_length: 500, ...(action ? { initial_value: action.what } : {}) }),
    input(ACTION_BLOCKS.owner, t('followup:form.owner'), { type: 'users_select', ...(action?.owner.kind === 'person' ? { initial_user: action.owner.platformUserId } : {}) }, true),
    input(ACTION_BLOCKS.ownerGroup, t('followup:form.ownerGroup'), { type: 'plain_text_input', max_length: 120, ...(action?.owner.kind === 'group' ? { initial_value: action.owner.name } : {}) }, true),
    input(ACTION_BLOCKS.due, t('followup:form.due'), { type: 'datepicker', ...(action ? { initial_date: action.dueDate } : {}) }),
    input(ACTION_BLOCKS.success, t('followup:form.success'), { type: 'plain_text_input', multiline: true, max_length: 500, ...(action ? { initial_value: action.successSign } : {}) }),
  ];
  if (action) {
    blocks.push(input(ACTION_BLOCKS.status, t('followup:form.status'), { type: 'radio_buttons', options: statusOptions, initial_option: statusOptions.find((o) => o.value === action.status) }));
    blocks.push(input(ACTION_BLOCKS.statusNote, t('followup:form.statusNote'), { type: 'plain_text_input', max_length: 300, ...(action.statusNote ? { initial_value: action.statusNote } : {}) }, true));
  }
  return {
    type: 'modal',
    callback_id: CALLBACKS.action,
    private_metadata: encodeMetadata({ k: 'action', r: context.round.id, ...(action ? { a: action.id } : {}) }),
    title: plain(t(action ? 'followup:form.editTitle' : 'followup:form.title'), BLOCK_KIT.modalTitle),
    submit: plain(t('followup:form.save'), BLOCK_KIT.modalButton),
    close: plain(t('slack:cancel'), BLOCK_KIT.modalButton),
    blocks,
  };
}

const context_ = (text: string) => context(escapeMrkdwn(text));

/** `acties`: the plan, with an edit button per action and an add button for those who may. */
export function actionPlanBlocks(view: NoticeView, list: ActionItem[], lang: Lang, t: Translate, dimensionTitle: (id: string) => string, canEdit: boolean, editors?: string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [header(view.title ?? t('followup:plan.title'))];
  if (list.length === 0) blocks.push(...sections(escapeMrkdwn(view.text)));
  blocks.push(...(list.length ? sections(escapeMrkdwn(view.text.split('\n\n')[0] ?? '')) : []));
  for (const action of list.slice(0, 40)) {
    const text = actionLines(action, lang, dimensionTitle, (id) => `<@${id}>`)
      .map((line, i) => (i === 0 ? line : escapeKeepingMentions(line)))
      .join('\n');
    const section = { type: 'section', text: { type: 'mrkdwn', text: slackDates(text).slice(0, BLOCK_KIT.sectionText) } } as KnownBlock;
    if (canEdit) (section as { accessory?: unknown }).accessory = { type: 'button', action_id: ACTIONS.actionEdit, text: plain(t('followup:form.edit'), BLOCK_KIT.buttonText), value: encodeActionValue({ ai: action.id }) };
    blocks.push(section);
  }
  if (canEdit) blocks.push(...actions([{ text: t('followup:form.add'), actionId: ACTIONS.actionAdd, value: encodeActionValue({}), style: 'primary' }]));
  // Coordinators choose who else may record actions; the choice is saved as they pick.
  if (editors) {
    blocks.push(context(escapeMrkdwn(t('followup:plan.editorsLabel'))));
    blocks.push({ type: 'actions', block_id: 'editors', elements: [{ type: 'multi_users_select', action_id: ACTIONS.actionEditors, initial_users: editors, placeholder: plain(t('followup:plan.editorsSave'), BLOCK_KIT.placeholder) }] } as KnownBlock);
  }
  return blocks.slice(0, BLOCK_KIT.messageBlocks);
}
