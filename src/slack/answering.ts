import type { Actor, NextStep, SubmitOutcome } from '../core/services';
import type { SectionFormView } from '../core/views/types';
import { translator, type Translate } from '../i18n';
import type { SlackDeps } from './context';
import { sectionFields } from './forms/section-fields';
import { invitationMessage } from './presenters/invitation';
import { reviewModal, savedLine } from './presenters/review';
import { sectionModalPages, slackErrors, type SectionModalPage } from './presenters/section-form';
import type { SubmittedView } from './schema';
import type { ModalView, WebClient } from './slack-types';
import { toSendFailure } from './web-api-errors';

/** The modal for the person's next step: a section's first page, or the review. */
export function stepModal(step: NextStep, t: Translate): ModalView {
  return step.kind === 'form' ? sectionModalPages(step.view, t)[0]!.view : reviewModal(step.view, t);
}

export function sectionModal(view: SectionFormView, t: Translate, page = 0): ModalView {
  const pages = sectionModalPages(view, t);
  return pages[Math.min(page, pages.length - 1)]!.view;
}

/** What a view submission answers Slack with (the `ack` body). */
export type ViewAck =
  | { response_action: 'errors'; errors: Record<string, string> }
  | { response_action: 'update'; view: ModalView }
  | { response_action: 'clear' }
  | undefined;

export interface SectionSubmission {
  ack: ViewAck;
  /** The section was saved. */
  saved: boolean;
  /** Saved, and what comes next is the review: the person is through, the modal shows the overview. */
  finished?: boolean;
}

/**
 * One submitted page of a section modal. A middle page only keeps its values and shows the next
 * page; the last page submits the whole section to the core. Invalid input comes back as Slack's
 * per-block errors (Slack keeps what was typed); an error on an earlier page shows that page
 * again with the errors written under the fields and the typed values filled in.
 */
export async function submitSectionPage(deps: SlackDeps, actor: Actor, meta: { r: string; s: string; p: number; n?: number }, view: SubmittedView): Promise<SectionSubmission> {
  const t = translator(actor.lang);
  const { respondents } = deps.services;
  let page: SectionModalPage;
  let pageIndex: number;
  let outcome: SubmitOutcome;
  if (meta.n === 1 && meta.p === 0) {
    // A form of one page (nearly every section): every input of the section is on it, so the
    // core reads the typed values by the blank form's layout, in the same reads as it saves —
    // nothing saved needs reading first. (A blank form has the fewest notes on top, so it is one
    // page too; should it not be, all its inputs are read.)
    const read: { page?: SectionModalPage } = {};
    outcome = await respondents.submitSection(actor, meta.r, meta.s, (blank) => {
      const pages = sectionModalPages(blank, t);
      read.page = { ...pages[0]!, inputBlockIds: pages.flatMap((p) => p.inputBlockIds), errorTargets: Object.assign({}, ...pages.map((p) => p.errorTargets)) };
      return sectionFields(view.state.values, read.page.inputBlockIds);
    });
    // The core calls the layout before it checks or saves anything.
    page = read.page!;
    pageIndex = 0;
  } else {
    // The section is open already (its first page was shown): read it, do not mark it started again.
    const current = await respondents.openSection(actor, meta.r, meta.s, { advance: false });
    const pages = sectionModalPages(current, t);
    pageIndex = Math.min(meta.p, pages.length - 1);
    page = pages[pageIndex]!;
    // The fields this submitted page showed, read from the submission: the layout recomputed now can
    // differ from the one shown (a draft note on the first page moves a field to the next one), and
    // a field the page did not show must keep its draft value, not be read as emptied.
    const shown = pages.flatMap((p) => p.inputBlockIds).filter((id) => Object.prototype.hasOwnProperty.call(view.state.values, id));
    const typed = sectionFields(view.state.values, shown);
    if (pageIndex < pages.length - 1) {
      // A middle page waits in the core's draft store (shared by every process) until the last one.
      await respondents.saveDraft(actor, meta.r, meta.s, typed, 'merge');
      return { ack: { response_action: 'update', view: pages[pageIndex + 1]!.view }, saved: false };
    }
    const fields = pages.length > 1 ? { ...(await respondents.draft(actor, meta.r, meta.s)), ...typed } : typed;
    outcome = await respondents.submitSection(actor, meta.r, meta.s, fields);
  }
  if (!outcome.ok) {
    const errorPages = sectionModalPages(outcome.form, t);
    const onThisPage = slackErrors(outcome.form, errorPages[pageIndex] ?? page);
    if (onThisPage.elsewhere.length === 0 || Object.keys(onThisPage.onPage).length > 0) {
      // Errors only (or also) here: Slack shows them under the fields and keeps the input.
      const errors = { ...onThisPage.onPage };
      if (Object.keys(errors).length === 0) errors[page.inputBlockIds[0] ?? ''] = outcome.form.labels.errorSummary;
      return { ack: { response_action: 'errors', errors }, saved: false };
    }
    const inline = sectionModalPages(outcome.form, t, { inlineErrors: true });
    const first = inline.findIndex((p) => Object.keys(outcome.form.errors).some((k) => p.errorTargets[k] !== undefined));
    return { ack: { response_action: 'update', view: inline[Math.max(0, first)]!.view }, saved: false };
  }
  return { ack: { response_action: 'update', view: stepModal(outcome.next, t) }, saved: true, finished: outcome.next.kind === 'review' };
}

/**
 * Updates the invitation DM after a saved section: the same invitation with "Bewaard — 3 van 8"
 * under it, so the conversation shows where the person stands. Best effort: the answers are
 * saved whether or not the message can be updated.
 */
export async function updateInvitationProgress(deps: SlackDeps, client: WebClient, actor: Actor, roundId: string): Promise<{ retryAfterMs?: number }> {
  try {
    // One language per person: the invitation and its update speak the person's language.
    const { view, delivered, progress } = await deps.services.respondents.invitationProgress(actor, roundId);
    // A modal closed before any part was saved leaves the invitation as it was ("Bewaard — 0" would not be true).
    if (!delivered || !progress.sections.some((s) => s.submitted)) return {};
    const message = invitationMessage(view, savedLine(progress, translator(view.lang)));
    await client.chat.update({ channel: delivered.conversationId, ts: delivered.messageId, text: message.text, blocks: message.blocks });
    return {};
  } catch (e) {
    const failure = toSendFailure(e);
    deps.logger.warn({ err: e, roundId }, 'could not update the invitation message');
    // Slack's rate limit: the caller may try again once the wait it named is over.
    return !failure.ok && failure.retryable && failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {};
  }
}

/**
 * After opting out, the invitation says so (erased answers or not), in the invitation's own
 * language: an update, not a new message, so a double click changes nothing.
 */
export async function markInvitationOptedOut(deps: SlackDeps, client: WebClient, actor: Actor, roundId: string, erased: boolean): Promise<void> {
  try {
    const { view, delivered } = await deps.services.respondents.invitation(actor, roundId);
    if (!delivered) return;
    const message = invitationMessage(view, translator(view.lang)(erased ? 'survey:withdraw.done' : 'survey:optedOut'));
    await client.chat.update({ channel: delivered.conversationId, ts: delivered.messageId, text: message.text, blocks: message.blocks });
  } catch (e) {
    deps.logger.warn({ err: e, roundId }, 'could not update the invitation message');
  }
}
