import type { WithdrawalView } from '../../../core/views/types';
import type { AdaptiveCard } from '../render-card';
import { noticeCard } from './notice';

/** "Niet meer meedoen?" with the erase button and the way back to the survey. */
export function withdrawalCard(view: WithdrawalView): AdaptiveCard {
  return noticeCard(
    { lang: view.lang, title: view.title, text: view.text, tone: 'warning' },
    {
      actions: [
        { title: view.labels.confirm, verb: 'optOut', data: { roundId: view.roundId, confirmed: true }, style: 'destructive' },
        { title: view.labels.cancel, verb: 'start', data: { roundId: view.roundId } },
      ],
    },
  );
}
