/**
 * Slack's documented Block Kit and Web API limits, in one place, and a checker the tests run on
 * every payload the app sends. Slack rejects a whole message or view when one field is over a
 * limit (`invalid_blocks`), so presenters truncate or split before sending and never rely on Slack.
 *
 * Sources (read 2025):
 * - https://docs.slack.dev/reference/block-kit/blocks — "up to 50 blocks in each message, and 100
 *   blocks in modals or Home tabs"; section text 3000, section fields 10 × 2000, header text 150,
 *   context elements 10, actions elements 25, input label/hint 2000, block_id 255.
 * - https://docs.slack.dev/reference/views/modal-views — modal title, submit and close 24 chars,
 *   private_metadata 3000, callback_id 255.
 * - https://docs.slack.dev/reference/block-kit/block-elements — button text 75, value 2000, url 3000;
 *   action_id 255; radio buttons and checkboxes at most 10 options; static select 100 options;
 *   overflow 2–5 options; placeholder 150; plain_text_input max_length 3000.
 * - https://docs.slack.dev/reference/block-kit/composition-objects/option-object — option text 75,
 *   value 150, description 75. Confirm dialog: title 100, text 300, confirm/deny 30.
 * - https://docs.slack.dev/apis/web-api/rate-limits — chat.postMessage "generally allows posting one
 *   message per second per channel, while also maintaining a workspace-wide limit"; Tier 3 methods
 *   (conversations.open, conversations.members, users.info is Tier 4) 50+ per minute.
 */
export const BLOCK_KIT = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
  blockId: 255,
  actionId: 255,
  buttonText: 75,
  buttonAccessibilityLabel: 75,
  buttonValue: 2000,
  url: 3000,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  radioOptions: 10,
  checkboxOptions: 10,
  selectOptions: 100,
  overflowOptions: 5,
  placeholder: 150,
  textInputMaxLength: 3000,
  imageAltText: 2000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  /** chat.postMessage truncates `text` beyond 40,000 characters; Slack recommends under 4,000. */
  messageText: 4000,
} as const;

/**
 * Pacing for the scheduler (PlatformLimits). One message per second per conversation is Slack's
 * documented rule for chat.postMessage. A direct message costs two calls (conversations.open, Tier
 * 3 ≈ 50/min, plus chat.postMessage), so ~0.8 DMs per second per workspace stays inside both.
 */
export const SLACK_RATE_LIMITS = {
  perConversationPerSecond: 1,
  perTenantPerSecond: 0.8,
} as const;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string | undefined => (isObject(v) && typeof v.text === 'string' ? v.text : typeof v === 'string' ? v : undefined);

class Checker {
  readonly problems: string[] = [];
  max(path: string, value: string | undefined, limit: number): void {
    if (value !== undefined && value.length > limit) this.problems.push(`${path}: ${value.length} characters (max ${limit})`);
  }
  count(path: string, list: unknown, limit: number): void {
    if (Array.isArray(list) && list.length > limit) this.problems.push(`${path}: ${list.length} items (max ${limit})`);
  }
  nonEmptyText(path: string, value: unknown): void {
    const text = textOf(value);
    if (value !== undefined && (text === undefined || text.length === 0)) this.problems.push(`${path}: empty text`);
  }

  option(path: string, option: unknown): void {
    if (!isObject(option)) return;
    this.nonEmptyText(`${path}.text`, option.text);
    this.max(`${path}.text`, textOf(option.text), BLOCK_KIT.optionText);
    this.max(`${path}.value`, typeof option.value === 'string' ? option.value : undefined, BLOCK_KIT.optionValue);
    this.max(`${path}.description`, textOf(option.description), BLOCK_KIT.optionDescription);
  }

  confirm(path: string, confirm: unknown): void {
    if (!isObject(confirm)) return;
    this.max(`${path}.title`, textOf(confirm.title), BLOCK_KIT.confirmTitle);
    this.max(`${path}.text`, textOf(confirm.text), BLOCK_KIT.confirmText);
    this.max(`${path}.confirm`, textOf(confirm.confirm), BLOCK_KIT.confirmButton);
    this.max(`${path}.deny`, textOf(confirm.deny), BLOCK_KIT.confirmButton);
  }

  element(path: string, el: unknown): void {
    if (!isObject(el)) return;
    this.max(`${path}.action_id`, typeof el.action_id === 'string' ? el.action_id : undefined, BLOCK_KIT.actionId);
    this.max(`${path}.placeholder`, textOf(el.placeholder), BLOCK_KIT.placeholder);
    this.confirm(`${path}.confirm`, el.confirm);
    const options = Array.isArray(el.options) ? el.options : [];
    options.forEach((o, i) => this.option(`${path}.options[${i}]`, o));
    if (Array.isArray(el.initial_options)) el.initial_options.forEach((o, i) => this.option(`${path}.initial_options[${i}]`, o));
    if (el.initial_option) this.option(`${path}.initial_option`, el.initial_option);
    if (Array.isArray(el.option_groups)) {
      this.count(`${path}.option_groups`, el.option_groups, BLOCK_KIT.selectOptions);
      el.option_groups.forEach((g, i) => {
        if (!isObject(g)) return;
        this.max(`${path}.option_groups[${i}].label`, textOf(g.label), BLOCK_KIT.optionText);
        this.count(`${path}.option_groups[${i}].options`, g.options, BLOCK_KIT.selectOptions);
        if (Array.isArray(g.options)) g.options.forEach((o, j) => this.option(`${path}.option_groups[${i}].options[${j}]`, o));
      });
    }
    switch (el.type) {
      case 'button':
        this.nonEmptyText(`${path}.text`, el.text);
        this.max(`${path}.text`, textOf(el.text), BLOCK_KIT.buttonText);
        this.max(`${path}.accessibility_label`, typeof el.accessibility_label === 'string' ? el.accessibility_label : undefined, BLOCK_KIT.buttonAccessibilityLabel);
        this.max(`${path}.value`, typeof el.value === 'string' ? el.value : undefined, BLOCK_KIT.buttonValue);
        this.max(`${path}.url`, typeof el.url === 'string' ? el.url : undefined, BLOCK_KIT.url);
        break;
      case 'radio_buttons':
        this.count(`${path}.options`, el.options, BLOCK_KIT.radioOptions);
        break;
      case 'checkboxes':
        this.count(`${path}.options`, el.options, BLOCK_KIT.checkboxOptions);
        break;
      case 'static_select':
      case 'multi_static_select':
        this.count(`${path}.options`, el.options, BLOCK_KIT.selectOptions);
        break;
      case 'overflow':
        this.count(`${path}.options`, el.options, BLOCK_KIT.overflowOptions);
        break;
      case 'plain_text_input':
        if (typeof el.max_length === 'number' && el.max_length > BLOCK_KIT.textInputMaxLength) this.problems.push(`${path}.max_length: ${el.max_length} (max ${BLOCK_KIT.textInputMaxLength})`);
        if (typeof el.initial_value === 'string' && typeof el.max_length === 'number') this.max(`${path}.initial_value`, el.initial_value, el.max_length);
        break;
      case 'image':
        this.max(`${path}.alt_text`, typeof el.alt_text === 'string' ? el.alt_text : undefined, BLOCK_KIT.imageAltText);
        break;
    }
    if (el.initial_option && Array.isArray(el.options) && !el.options.some((o) => isObject(o) && isObject(el.initial_option) && o.value === el.initial_option.value)) {
      this.problems.push(`${path}.initial_option: not one of the options`);
    }
  }

  block(path: string, block: unknown): void {
    if (!isObject(block)) {
      this.problems.push(`${path}: not an object`);
      return;
    }
    this.max(`${path}.block_id`, typeof block.block_id === 'string' ? block.block_id : undefined, BLOCK_KIT.blockId);
    switch (block.type) {
      case 'header':
        this.nonEmptyText(`${path}.text`, block.text);
        this.max(`${path}.text`, textOf(block.text), BLOCK_KIT.headerText);
        break;
      case 'section':
        if (block.text === undefined && block.fields === undefined) this.problems.push(`${path}: section without text or fields`);
        if (block.text !== undefined) this.nonEmptyText(`${path}.text`, block.text);
        this.max(`${path}.text`, textOf(block.text), BLOCK_KIT.sectionText);
        this.count(`${path}.fields`, block.fields, BLOCK_KIT.sectionFields);
        if (Array.isArray(block.fields)) block.fields.forEach((f, i) => this.max(`${path}.fields[${i}]`, textOf(f), BLOCK_KIT.sectionFieldText));
        if (block.accessory) this.element(`${path}.accessory`, block.accessory);
        break;
      case 'context':
        this.count(`${path}.elements`, block.elements, BLOCK_KIT.contextElements);
        if (Array.isArray(block.elements)) block.elements.forEach((e, i) => this.max(`${path}.elements[${i}]`, textOf(e), BLOCK_KIT.contextText));
        break;
      case 'actions':
        this.count(`${path}.elements`, block.elements, BLOCK_KIT.actionsElements);
        if (Array.isArray(block.elements)) block.elements.forEach((e, i) => this.element(`${path}.elements[${i}]`, e));
        break;
      case 'input':
        this.nonEmptyText(`${path}.label`, block.label);
        this.max(`${path}.label`, textOf(block.label), BLOCK_KIT.inputLabel);
        this.max(`${path}.hint`, textOf(block.hint), BLOCK_KIT.inputHint);
        this.element(`${path}.element`, block.element);
        break;
      case 'image':
        this.max(`${path}.alt_text`, typeof block.alt_text === 'string' ? block.alt_text : undefined, BLOCK_KIT.imageAltText);
        break;
    }
  }

  blocks(path: string, blocks: unknown, limit: number): void {
    if (!Array.isArray(blocks)) return;
    this.count(path, blocks, limit);
    blocks.forEach((b, i) => this.block(`${path}[${i}]`, b));
    const ids = blocks.map((b) => (isObject(b) ? b.block_id : undefined)).filter((id): id is string => typeof id === 'string');
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) this.problems.push(`${path}: duplicate block_id "${dup}"`);
  }

  view(path: string, view: Json): void {
    const limit = BLOCK_KIT.viewBlocks;
    this.blocks(`${path}.blocks`, view.blocks, limit);
    this.max(`${path}.private_metadata`, typeof view.private_metadata === 'string' ? view.private_metadata : undefined, BLOCK_KIT.privateMetadata);
    this.max(`${path}.callback_id`, typeof view.callback_id === 'string' ? view.callback_id : undefined, BLOCK_KIT.callbackId);
    if (view.type === 'modal') {
      this.nonEmptyText(`${path}.title`, view.title);
      this.max(`${path}.title`, textOf(view.title), BLOCK_KIT.modalTitle);
      this.max(`${path}.submit`, textOf(view.submit), BLOCK_KIT.modalButton);
      this.max(`${path}.close`, textOf(view.close), BLOCK_KIT.modalButton);
      const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
      if (hasInput && !view.submit) this.problems.push(`${path}: a modal with input blocks needs a submit button`);
    }
  }
}

/**
 * Every Block Kit limit the payload breaks, as readable lines (empty when it is fine). Accepts a
 * message (`{ blocks, text }`), a view (`{ type: 'modal' | 'home', … }`), a Web API call's params
 * with a `view` (views.open/update/push/publish) or a `response_action: 'update' | 'push'` ack.
 */
export function findBlockKitViolations(payload: unknown): string[] {
  const c = new Checker();
  if (!isObject(payload)) return c.problems;
  if (payload.type === 'modal' || payload.type === 'home') {
    c.view('view', payload);
    return c.problems;
  }
  if (isObject(payload.view)) c.view('view', payload.view);
  if (Array.isArray(payload.blocks)) c.blocks('blocks', payload.blocks, BLOCK_KIT.messageBlocks);
  if (typeof payload.text === 'string') c.max('text', payload.text, BLOCK_KIT.messageText);
  return c.problems;
}

export class BlockKitLimitError extends Error {
  constructor(readonly problems: string[]) {
    super(`Block Kit limits exceeded:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'BlockKitLimitError';
  }
}

export function assertWithinBlockKitLimits(payload: unknown): void {
  const problems = findBlockKitViolations(payload);
  if (problems.length) throw new BlockKitLimitError(problems);
}
