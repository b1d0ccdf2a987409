import { t } from '../../i18n';
import type { Lang } from '../questionnaire/schema';
import type { Round } from '../round';
import type { WithdrawalView } from './types';

/** "Niet meer meedoen?": what confirming erases, and the two ways out. */
export function buildWithdrawal(round: Pick<Round, 'id'>, lang: Lang): WithdrawalView {
  return {
    lang,
    roundId: round.id,
    title: t(lang, 'survey:withdraw.title'),
    text: t(lang, 'survey:withdraw.text'),
    labels: { confirm: t(lang, 'survey:withdraw.confirm'), cancel: t(lang, 'survey:withdraw.cancel') },
  };
}
