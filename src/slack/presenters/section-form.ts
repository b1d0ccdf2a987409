import type { FormField, SectionFormView } from '../../core/views/types';
import type { Translate } from '../../i18n';
import { ACTIONS, CALLBACKS } from '../ids';
import { BLOCK_KIT } from '../limits';
import { encodeActionValue, encodeMetadata } from '../schema';
import type { KnownBlock, ModalView } from '../slack-types';
import { context, escapeMrkdwn, header, option, plain, section, truncate } from './blocks';

/**
 * A section of the questionnaire (one dimension, or the reflection questions) as one or more
 * modals. Each input block's block_id is the core's flat field id ("A1-s3", "R3.onderwijsloopbaan",
 * "R4.onderwijsloopbaan.mine", "group"), so a submission maps straight back to `submitSection`
 * and the core's errors map straight onto blocks.
 *
 * Statement texts go into input labels (2000 characters), never into option labels (75): the
 * radio options are the scale's short labels only, and the long meanings sit behind a button.
 */

export interface SectionModalPage {
  view: ModalView;
  /** Field error key → the input block that shows it (for `response_action: errors`). */
  errorTargets: Record<string, string>;
  inputBlockIds: string[];
}

/** Blocks reserved on every page for the title, intro and help. */
const PAGE_BUDGET = BLOCK_KIT.viewBlocks - 2;

function errorContext(message: string | undefined): KnownBlock[] {
  return message ? [context(`:warning: ${escapeMrkdwn(message)}`)] : [];
}

interface FieldBlocks {
  blocks: KnownBlock[];
  inputs: string[];
  targets: Record<string, string>;
}

/**
 * Renders one field. `inlineErrors` adds the error text under the field as a context block; used
 * when the form comes back through a views.update rather than Slack's `response_action: errors`.
 */
function fieldBlocks(field: FormField, view: SectionFormView, inlineErrors: boolean): FieldBlocks {
  const optional = view.labels.optional;
  switch (field.type) {
    case 'scale': {
      const points = view.scale.points;
      // "Geen zicht op" comes last and set apart by a dash: it is not a point on the scale.
      const options = [...points.map((p) => option(p.label, String(p.value))), ...(field.noView ? [option(`— ${field.noView.label}`, field.noView.value)] : [])];
      const initial = options.find((o) => field.value !== undefined && o.value === String(field.value));
      // Radio buttons hold at most 10 options; an 11-point (0–10) scale becomes a select.
      const element =
        options.length <= BLOCK_KIT.radioOptions
          ? { type: 'radio_buttons' as const, action_id: ACTIONS.input, options, ...(initial ? { initial_option: initial } : {}) }
          : { type: 'static_select' as const, action_id: ACTIONS.input, placeholder: plain(view.scale.title, BLOCK_KIT.placeholder), options, ...(initial ? { initial_option: initial } : {}) };
      return {
        blocks: [
          { type: 'input', block_id: field.id, label: plain(field.label, BLOCK_KIT.inputLabel), optional: !field.required, element },
          ...(inlineErrors ? errorContext(field.error) : []),
        ],
        inputs: [field.id],
        targets: { [field.id]: field.id },
      };
    }
    case 'text': {
      const maxLength = Math.min(field.maxLength, BLOCK_KIT.textInputMaxLength);
      return {
        blocks: [
          {
            type: 'input',
            block_id: field.id,
            label: plain(field.label, BLOCK_KIT.inputLabel),
            hint: plain(field.hint, BLOCK_KIT.inputHint),
            optional: !field.required,
            element: {
              type: 'plain_text_input',
              action_id: ACTIONS.input,
              multiline: true,
              max_length: maxLength,
              ...(field.value ? { initial_value: truncate(field.value, maxLength) } : {}),
            },
          },
          ...(inlineErrors ? errorContext(field.error) : []),
        ],
        inputs: [field.id],
        targets: { [field.id]: field.id },
      };
    }
    case 'group': {
      const options = field.options.slice(0, BLOCK_KIT.selectOptions).map((o) => option(o.label, o.id));
      const initial = options.find((o) => o.value === field.value);
      return {
        blocks: [
          {
            type: 'input',
            block_id: field.id,
            label: plain(field.label, BLOCK_KIT.inputLabel),
            optional: true,
            element: { type: 'static_select', action_id: ACTIONS.input, placeholder: plain(optional, BLOCK_KIT.placeholder), options, ...(initial ? { initial_option: initial } : {}) },
          },
          ...(inlineErrors ? errorContext(field.error) : []),
        ],
        inputs: [field.id],
        targets: { [field.id]: field.id },
      };
    }
    case 'allocation': {
      const options = field.options.slice(0, BLOCK_KIT.selectOptions).map((o) => option(o.label, String(o.value)));
      const inputs = field.domains.map((d) => `${field.id}.${d.id}`);
      const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.hint)}`)];
      field.domains.forEach((d, i) => {
        const initial = options.find((o) => d.value !== undefined && Number(o.value) === d.value);
        blocks.push({
          type: 'input',
          block_id: inputs[i]!,
          label: plain(d.label, BLOCK_KIT.inputLabel),
          optional: true,
          // Each choice is sent at once, so the modal can show the running total (see listeners/actions/days-total.ts).
          dispatch_action: true,
          element: { type: 'static_select', action_id: ACTIONS.input, placeholder: plain(optional, BLOCK_KIT.placeholder), options, ...(initial ? { initial_option: initial } : {}) },
        });
        if (inlineErrors) blocks.push(...errorContext(d.error));
      });
      if (inlineErrors) blocks.push(...errorContext(field.error));
      // The total ("samen hoogstens 5 dagen") belongs to the whole question: Slack can only show an
      // error under an input, so it goes under the last domain, where the person just finished.
      const targets: Record<string, string> = { [field.id]: inputs[inputs.length - 1] ?? field.id };
      for (const input of inputs) targets[input] = input;
      return { blocks, inputs, targets };
    }
    case 'roleGrid': {
      const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.hint)}`)];
      const inputs: string[] = [];
      const targets: Record<string, string> = {};
      for (const d of field.domains) {
        blocks.push(section(`*${escapeMrkdwn(d.label)}*`));
        for (const cell of d.cells) {
          const role = field.roles.find((r) => r.id === cell.roleId);
          const blockId = `${field.id}.${d.id}.${cell.roleId}`;
          inputs.push(blockId);
          targets[blockId] = blockId;
          blocks.push({
            type: 'input',
            block_id: blockId,
            label: plain(role?.label ?? cell.roleId, BLOCK_KIT.inputLabel),
            optional: true,
            element: {
              type: 'plain_text_input',
              action_id: ACTIONS.input,
              multiline: true,
              max_length: Math.min(field.maxLength, BLOCK_KIT.textInputMaxLength),
              ...(cell.value ? { initial_value: truncate(cell.value, field.maxLength) } : {}),
            },
          });
          if (inlineErrors) blocks.push(...errorContext(cell.error));
        }
        targets[`${field.id}.${d.id}`] = `${field.id}.${d.id}.${d.cells[0]?.roleId ?? ''}`;
      }
      if (inlineErrors) blocks.push(...errorContext(field.error));
      targets[field.id] = inputs[0] ?? field.id;
      return { blocks, inputs, targets };
    }
  }
}

function modalTitle(view: SectionFormView, t: Translate): { title: string; progressInBody: boolean } {
  // "Dimensie 3 van 7" fits the 24-character title; a longer label (another language, a long
  // questionnaire) goes into the first block instead of being cut off.
  if (view.progress.label.length <= BLOCK_KIT.modalTitle) return { title: view.progress.label, progressInBody: false };
  return { title: truncate(t('slack:form.title'), BLOCK_KIT.modalTitle), progressInBody: true };
}

/**
 * The pages of a section. Almost always one; a section whose blocks do not fit one modal (100
 * blocks) continues on the next page, which the person reaches with "Volgende".
 */
export function sectionModalPages(view: SectionFormView, t: Translate, opts: { inlineErrors?: boolean } = {}): SectionModalPage[] {
  const inline = opts.inlineErrors ?? false;
  const { title, progressInBody } = modalTitle(view, t);
  const intro: KnownBlock[] = [];
  if (progressInBody) intro.push(context(escapeMrkdwn(view.progress.label)));
  intro.push(header(view.title));
  if (view.intro) intro.push(context(escapeMrkdwn(view.intro)));
  if (view.saved) intro.push(context(escapeMrkdwn(t('slack:form.savedBefore'))));
  if (view.draft && !view.hasErrors) intro.push(context(`:memo: ${escapeMrkdwn(view.draft.note)}`));
  if (inline && view.hasErrors) intro.push(section(`:warning: ${escapeMrkdwn(view.labels.errorSummary)}`));
  const hasScale = view.fields.some((f) => f.type === 'scale');
  if (hasScale) {
    intro.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(view.stem ? `*${escapeMrkdwn(view.stem)}*` : ' ', BLOCK_KIT.sectionText) },
      accessory: {
        type: 'button',
        text: plain(view.labels.scaleHelp, BLOCK_KIT.buttonText),
        action_id: ACTIONS.scaleHelp,
        value: encodeActionValue({ r: view.roundId, s: view.section }),
      },
    });
  }

  const rendered = view.fields.map((f) => fieldBlocks(f, view, inline));
  const pages: { blocks: KnownBlock[]; inputs: string[]; targets: Record<string, string> }[] = [];
  let current = { blocks: [...intro], inputs: [] as string[], targets: {} as Record<string, string> };
  for (const field of rendered) {
    if (current.blocks.length + field.blocks.length > PAGE_BUDGET && current.inputs.length > 0) {
      pages.push(current);
      current = { blocks: [context(escapeMrkdwn(t('slack:form.continued', { title: view.title })))], inputs: [], targets: {} };
    }
    // A single field larger than a page (never with the shipped questionnaire) is cut at the limit.
    current.blocks.push(...field.blocks.slice(0, PAGE_BUDGET - current.blocks.length));
    current.inputs.push(...field.inputs);
    Object.assign(current.targets, field.targets);
  }
  pages.push(current);

  return pages.map((page, index) => {
    const last = index === pages.length - 1;
    const errorTargets: Record<string, string> = { ...page.targets };
    return {
      inputBlockIds: page.inputs,
      errorTargets,
      view: {
        type: 'modal',
        callback_id: CALLBACKS.section,
        private_metadata: encodeMetadata({ k: 'section', r: view.roundId, s: view.section, p: index, n: pages.length }),
        title: plain(title, BLOCK_KIT.modalTitle),
        submit: plain(last ? view.labels.submit : t('slack:form.next'), BLOCK_KIT.modalButton),
        close: plain(view.labels.cancel, BLOCK_KIT.modalButton),
        // "Later verder" closes the modal; Slack then sends view_closed with what was typed, which is kept as a draft.
        notify_on_close: true,
        blocks: page.blocks,
      },
    };
  });
}

/**
 * The core's errors as Slack's `response_action: errors` map (block_id → message) for the page
 * the person submitted. Errors of fields on other pages are returned separately.
 */
export function slackErrors(view: SectionFormView, page: SectionModalPage): { onPage: Record<string, string>; elsewhere: string[] } {
  const onPage: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const [key, message] of Object.entries(view.errors)) {
    const target = page.errorTargets[key] ?? (key === '_form' ? page.inputBlockIds[0] : undefined);
    if (target && page.inputBlockIds.includes(target)) {
      const text = truncate(message, BLOCK_KIT.inputHint);
      onPage[target] = onPage[target] ? truncate(`${onPage[target]} ${text}`, BLOCK_KIT.inputHint) : text;
    } else elsewhere.push(key);
  }
  return { onPage, elsewhere };
}
