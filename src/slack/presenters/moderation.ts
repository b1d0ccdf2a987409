import type { ModerationView, QuoteView } from '../../core/views/types';
import type { Translate } from '../../i18n';
import { ACTIONS, CALLBACKS } from '../ids';
import { BLOCK_KIT } from '../limits';
import { encodeActionValue, encodeMetadata } from '../schema';
import type { KnownBlock, ModalView } from '../slack-types';
import { actions, context, escapeMrkdwn, header, option, plain, sections, truncate } from './blocks';

/**
 * Answers per page: two blocks each keeps a page under the 100-block modal limit, and the ids of
 * a page's answers fit in one button value (2000 characters) for "approve this page".
 */
export const QUOTES_PER_PAGE = 25;

export function pageCount(view: ModerationView): number {
  return Math.max(1, Math.ceil(view.quotes.length / QUOTES_PER_PAGE));
}

function quoteBlocks(q: QuoteView, previous: QuoteView | undefined, view: ModerationView, page: number): KnownBlock[] {
  const value = encodeActionValue({ r: view.roundId, q: q.id, p: page });
  const quoted = escapeMrkdwn(q.text)
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
  const themes = q.themes.length ? ` · ${q.themes.map((th) => escapeMrkdwn(th.label)).join(', ')}` : '';
  // The question once per run of answers to it; a role-grid cell says where in the grid it was written.
  const sameQuestion = previous && previous.sectionTitle === q.sectionTitle && previous.question === q.question && previous.status === q.status;
  const heading = sameQuestion ? '' : `*${escapeMrkdwn(q.sectionTitle)}* — ${escapeMrkdwn(q.question)}\n`;
  const cell = q.cell ? `_${escapeMrkdwn(q.cell)}_\n` : '';
  const buttons = [
    ...(q.status !== 'approved' ? [{ text: view.labels.approve, actionId: ACTIONS.quote.approve, value, style: 'primary' as const }] : []),
    ...(q.status !== 'hidden' ? [{ text: view.labels.hide, actionId: ACTIONS.quote.hide, value, style: 'danger' as const }] : []),
    { text: view.labels.edit, actionId: ACTIONS.quote.edit, value },
  ];
  return [
    // Cut rather than split: the edit modal shows the whole text.
    { type: 'section', text: { type: 'mrkdwn', text: truncate(`${heading}${cell}${quoted}\n_${escapeMrkdwn(q.statusLabel)}${themes}_`, BLOCK_KIT.sectionText) } },
    ...actions(buttons),
  ];
}

/** The moderation queue, one page at a time; every button acts on one quote. */
export function moderationModal(view: ModerationView, page: number, t: Translate): ModalView {
  const pages = pageCount(view);
  const current = Math.min(Math.max(0, page), pages - 1);
  const blocks: KnownBlock[] = [header(view.title), ...sections(escapeMrkdwn(view.intro))];
  if (view.quotes.length === 0) blocks.push(...sections(escapeMrkdwn(t('slack:moderation.empty'))));
  const onPage = view.quotes.slice(current * QUOTES_PER_PAGE, (current + 1) * QUOTES_PER_PAGE);
  onPage.forEach((q, i) => blocks.push(...quoteBlocks(q, onPage[i - 1], view, current)));
  const pendingIds = onPage.filter((q) => q.status === 'pending').map((q) => q.id);
  const nav = [
    // Exactly the answers on this page: approving never reaches an answer the coordinator did not see.
    ...(pendingIds.length
      ? [{ text: t('slack:moderation.approvePage', { count: pendingIds.length }), actionId: ACTIONS.quote.approvePage, value: encodeActionValue({ r: view.roundId, a: pendingIds, p: current }), style: 'primary' as const }]
      : []),
    ...(current > 0 ? [{ text: t('slack:moderation.previous'), actionId: ACTIONS.quotesPage, value: encodeActionValue({ r: view.roundId, p: current - 1 }) }] : []),
    ...(current < pages - 1 ? [{ text: t('slack:moderation.next'), actionId: ACTIONS.quotesPage, value: encodeActionValue({ r: view.roundId, p: current + 1 }) }] : []),
    {
      text: view.labels.publish,
      actionId: ACTIONS.round.publish,
      value: encodeActionValue({ r: view.roundId, u: view.pending }),
      // Publishing leaves unscreened answers out: say how many before it happens.
      ...(view.pending > 0
        ? { confirm: { title: t('slack:moderation.publishTitle'), text: t('slack:moderation.publishUnscreened', { count: view.pending }), confirm: t('slack:moderation.publishYes'), deny: t('slack:moderation.publishNo') } }
        : { style: 'primary' as const }),
    },
  ];
  blocks.push(context(escapeMrkdwn(t('slack:moderation.page', { page: current + 1, pages }))));
  blocks.push(...actions(nav));
  return {
    type: 'modal',
    callback_id: CALLBACKS.moderate,
    private_metadata: encodeMetadata({ k: 'moderate', r: view.roundId, p: current }),
    title: plain(t('slack:moderation.modalTitle'), BLOCK_KIT.modalTitle),
    close: plain(t('slack:close'), BLOCK_KIT.modalButton),
    blocks: blocks.slice(0, BLOCK_KIT.viewBlocks),
  };
}

export const QUOTE_EDIT_BLOCKS = { text: 'quoteText', themes: 'quoteThemes' } as const;

/** Edit one quote (e.g. remove a name) and tag it with themes. */
export function quoteEditModal(view: ModerationView, quote: QuoteView, page: number, t: Translate): ModalView {
  const toOption = (th: { id: string; label: string }) => option(th.label, th.id);
  const groups = (['success', 'barrier'] as const)
    .map((kind) => ({
      label: plain(kind === 'success' ? view.labels.success : view.labels.barrier, BLOCK_KIT.optionText),
      options: view.themeOptions.filter((o) => o.kind === kind).slice(0, BLOCK_KIT.selectOptions).map(toOption),
    }))
    .filter((g) => g.options.length > 0);
  const initial = quote.themes.map(toOption);
  return {
    type: 'modal',
    callback_id: CALLBACKS.quoteEdit,
    private_metadata: encodeMetadata({ k: 'quote', r: view.roundId, q: quote.id, p: page }),
    title: plain(t('slack:moderation.editTitle'), BLOCK_KIT.modalTitle),
    submit: plain(t('slack:save'), BLOCK_KIT.modalButton),
    close: plain(t('slack:cancel'), BLOCK_KIT.modalButton),
    blocks: [
      context(`*${escapeMrkdwn(quote.sectionTitle)}* — ${escapeMrkdwn(quote.question)}`),
      ...(quote.original ? [context(escapeMrkdwn(t('slack:moderation.original', { text: truncate(quote.original, 2500) })))] : []),
      {
        type: 'input',
        block_id: QUOTE_EDIT_BLOCKS.text,
        label: plain(view.labels.edit, BLOCK_KIT.inputLabel),
        element: { type: 'plain_text_input', action_id: ACTIONS.input, multiline: true, max_length: BLOCK_KIT.textInputMaxLength, initial_value: truncate(quote.text, BLOCK_KIT.textInputMaxLength) },
      },
      {
        type: 'input',
        block_id: QUOTE_EDIT_BLOCKS.themes,
        label: plain(view.labels.tag, BLOCK_KIT.inputLabel),
        optional: true,
        element: { type: 'multi_static_select', action_id: ACTIONS.input, option_groups: groups, ...(initial.length ? { initial_options: initial } : {}) },
      },
    ],
  };
}
