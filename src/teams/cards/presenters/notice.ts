import type { NoticeView } from '../../../core/views/types';
import { renderCard, type AdaptiveCard } from '../render-card';
import { isVerb } from '../verbs';
import { keepLeadingNumber, paragraphs, TONE_COLOR, type ExecuteAction } from './shared';

export interface NoticeExtras {
  /** More buttons than the view's one follow-up action (e.g. confirm / keep). */
  actions?: ExecuteAction[];
  /** Links that open in the browser (e.g. an export download). */
  links?: { title: string; url: string }[];
}

/** Which verb a view's follow-up action becomes; "continue" is the staff member's Start. */
function actionFor(action: NonNullable<NoticeView['action']>): ExecuteAction | undefined {
  const verb = action.id === 'continue' ? 'start' : action.id;
  if (!isVerb(verb)) return undefined;
  const data: Record<string, unknown> = {};
  if (action.roundId) data.roundId = action.roundId;
  if (action.value) data.value = action.value;
  return { title: action.label, verb, data };
}

/** A short message: a confirmation, a refusal, "the round is closed", a coordinator notice. */
export function noticeCard(view: NoticeView, extras: NoticeExtras = {}): AdaptiveCard {
  const own = view.action ? actionFor(view.action) : undefined;
  return renderCard('notice', {
    title: view.title ?? '',
    color: TONE_COLOR[view.tone],
    // A numbered line (a vote's ranking) keeps its own number instead of becoming a list item.
    paragraphs: paragraphs(view.text).map((p) => ({ text: keepLeadingNumber(p.text) })),
    actions: [...(own ? [own] : []), ...(extras.actions ?? [])].map((a) => ({ style: 'default', ...a })),
    links: extras.links ?? [],
  });
}
