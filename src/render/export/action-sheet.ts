import { t } from '../../i18n';
import type { ActionItem } from '../../core/actions/model';
import { ownerLabel } from '../../core/actions/plan-view';
import type { Lang } from '../../core/questionnaire/schema';
import type { Table } from './sheets';

/**
 * The action plan as an export sheet (issue #14): one row per action, as the team agreed it in
 * the open — with its owner, which is a commitment, not an answer.
 */
export function actionPlanTable(actions: readonly ActionItem[], lang: Lang, dimensionTitle: (id: string) => string, displayName: (id: string) => string): Table {
  const col = (key: string, width: number) => ({ key, header: t(lang, `followup:export.columns.${key}`), format: 'text' as const, width });
  return {
    id: 'actions',
    name: t(lang, 'followup:export.sheet'),
    columns: [col('dimension', 30), col('workPoint', 50), col('what', 50), col('owner', 24), col('due', 12), col('success', 50), col('status', 14), col('note', 40)],
    rows: actions.map((a) => [
      dimensionTitle(a.dimensionId),
      a.workPoint.text[lang],
      a.what,
      ownerLabel(a.owner, displayName),
      a.dueDate,
      a.successSign,
      t(lang, `followup:status.${a.status}`),
      a.statusNote ?? '',
    ]),
  };
}
