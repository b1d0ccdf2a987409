import { t } from '../../i18n';
import type { Lang } from '../questionnaire/schema';
import type { NoticeView } from '../views/types';
import { mentionDue } from './due';
import type { ActionItem, ActionOwner } from './model';

const STATUS_ORDER = { in_progress: 0, planned: 1, done: 2, dropped: 3 } as const;

export function ownerLabel(owner: ActionOwner, displayName: (id: string) => string): string {
  return owner.kind === 'person' ? displayName(owner.platformUserId) : owner.name;
}

/** One action as lines of text: what, work point, owner, due date, status, the sign of success. */
export function actionLines(action: ActionItem, lang: Lang, dimensionTitle: (id: string) => string, displayName: (id: string) => string): string[] {
  const lines = [
    t(lang, 'followup:plan.line', {
      what: action.what,
      status: t(lang, `followup:status.${action.status}`),
      subject: subjectOf(dimensionTitle(action.dimensionId), action.workPoint.text[lang]),
      owner: ownerLabel(action.owner, displayName),
      due: mentionDue(action.dueDate, lang),
    }),
    t(lang, 'followup:plan.success', { sign: action.successSign }),
  ];
  if (action.statusNote) lines.push(t(lang, 'followup:plan.note', { note: action.statusNote }));
  return lines;
}

/** The action plan as the channel post and the `acties` answer show it. */
export function actionPlanView(actions: readonly ActionItem[], lang: Lang, dimensionTitle: (id: string) => string, displayName: (id: string) => string): NoticeView {
  const title = t(lang, 'followup:plan.title');
  if (actions.length === 0) return { lang, tone: 'info', title, text: t(lang, 'followup:plan.empty') };
  const sorted = [...actions].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
  const counts = t(lang, 'followup:plan.counts', {
    count: actions.length,
    done: actions.filter((a) => a.status === 'done').length,
    open: actions.filter((a) => a.status === 'planned' || a.status === 'in_progress').length,
  });
  const blocks = sorted.map((a) => actionLines(a, lang, dimensionTitle, displayName).join('\n'));
  return { lang, tone: 'info', title, text: [counts, ...blocks].join('\n\n') };
}

/** "Dimension — work point", or just the dimension when the work point is the whole dimension (quick rounds). */
export function subjectOf(dimension: string, workPoint: string): string {
  return workPoint === dimension ? dimension : `${dimension} — ${workPoint}`;
}
