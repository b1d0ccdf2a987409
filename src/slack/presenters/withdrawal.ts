import type { WithdrawalView } from '../../core/views/types';
import type { Translate } from '../../i18n';
import { ACTIONS } from '../ids';
import { encodeActionValue } from '../schema';
import type { ModalView } from '../slack-types';
import { actions, escapeMrkdwn, sections } from './blocks';
import { infoModal } from './info';

/** "Niet meer meedoen?": the erase button, and "carry on" back into the survey in the same modal. */
export function withdrawalModal(view: WithdrawalView, t: Translate): ModalView {
  const value = encodeActionValue({ r: view.roundId });
  return infoModal(
    view.title,
    [
      ...sections(`:warning: ${escapeMrkdwn(view.text)}`),
      ...actions([
        { text: view.labels.confirm, actionId: ACTIONS.withdraw, value, style: 'danger' },
        { text: view.labels.cancel, actionId: ACTIONS.start, value },
      ]),
    ],
    t,
  );
}
