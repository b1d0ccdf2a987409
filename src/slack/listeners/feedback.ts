import type { Lang } from '../../core/questionnaire/schema';
import { translator } from '../../i18n';
import { describeFailure, type SlackDeps } from '../context';
import { escapeKeepingMentions, sections } from '../presenters/blocks';
import { noticeModal } from '../presenters/info';
import type { WebClient } from '../slack-types';
import type { ClickPayload } from './interaction';

/**
 * Tells the person who clicked why it did not work ("de bevraging is afgesloten", "alleen
 * coördinatoren…"): in the modal they are looking at, in a new modal when the click can open
 * one, else as an ephemeral message under the button.
 */
export async function showProblem(deps: SlackDeps, client: WebClient, click: ClickPayload, lang: Lang, e: unknown, what: string): Promise<void> {
  const text = describeFailure(e, lang, deps.logger, what);
  const t = translator(lang);
  const notice = noticeModal({ lang, text, tone: 'warning' }, t);
  try {
    if (click.view) await client.views.update({ view_id: click.view.id, view: notice });
    else if (click.triggerId) await client.views.open({ trigger_id: click.triggerId, view: notice });
    else if (click.responseUrl) await postToResponseUrl(click.responseUrl, { response_type: 'ephemeral', replace_original: false, text, blocks: sections(`:warning: ${escapeKeepingMentions(text)}`) });
  } catch (err) {
    deps.logger.error({ err, what }, 'could not tell the user about a problem');
  }
}

/** Answers through a response_url (valid for 30 minutes after the click or command). */
export async function postToResponseUrl(url: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}
