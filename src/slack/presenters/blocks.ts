import type { KnownBlock, PlainTextElement, PlainTextOption } from '../slack-types';
import { BLOCK_KIT } from '../limits';
import { plainDates, slackDates } from './slack-dates';

/**
 * Small Block Kit builders shared by the presenters. They enforce the length limits at the
 * source (truncating with an ellipsis or splitting), so no presenter can produce a payload Slack
 * would refuse.
 */

/** Slack's mrkdwn needs &, < and > escaped; everything else a person typed is shown as is. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const MENTION = /&lt;([@#][A-Z0-9]+|!subteam\^[A-Z0-9]+)&gt;/g;

/**
 * Escapes like escapeMrkdwn but keeps Slack's own user and channel mentions ("<@U123>",
 * "<#C123>"), for our texts that name coordinators or the team channel.
 */
export function escapeKeepingMentions(text: string): string {
  return escapeMrkdwn(text).replace(MENTION, '<$1>');
}

/** Cuts to `max` characters, ending in "…" when anything was cut. */
export function truncate(text: string, max: number): string {
  // UTF-16 length ≥ characters: short text needs no splitting into characters (every block calls this).
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}

export function plain(text: string, max: number = BLOCK_KIT.sectionText): PlainTextElement {
  return { type: 'plain_text', text: truncate(plainDates(text), max) || ' ', emoji: true };
}

/**
 * Splits long text into pieces of at most `max` characters, preferring paragraph, then line,
 * then word boundaries, so a long summary or quote never breaks the 3000-character section limit.
 */
export function splitText(text: string, max: number = BLOCK_KIT.sectionText): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n\n');
    if (cut < max / 2) cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut <= 0) cut = max;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length || pieces.length === 0) pieces.push(rest);
  return pieces;
}

export function header(title: string): KnownBlock {
  const text = plainDates(title);
  // A title longer than a header allows is shown as a bold section instead of being cut off.
  if (text.length <= BLOCK_KIT.headerText) return { type: 'header', text: plain(text, BLOCK_KIT.headerText) };
  return section(`*${escapeMrkdwn(text)}*`);
}

export function section(mrkdwn: string, blockId?: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(slackDates(mrkdwn), BLOCK_KIT.sectionText) || ' ' }, ...(blockId ? { block_id: blockId } : {}) };
}

/** One or more sections for text of any length. */
export function sections(mrkdwn: string): KnownBlock[] {
  return splitText(slackDates(mrkdwn)).filter((p) => p.trim().length > 0).map((p) => section(p));
}

export function context(...mrkdwn: string[]): KnownBlock {
  return {
    type: 'context',
    elements: mrkdwn.slice(0, BLOCK_KIT.contextElements).map((t) => ({ type: 'mrkdwn' as const, text: truncate(slackDates(t), BLOCK_KIT.contextText) || ' ' })),
  };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

export interface ButtonSpec {
  text: string;
  actionId: string;
  value?: string;
  style?: 'primary' | 'danger';
  /** Slack's own "are you sure?" dialog before the click is sent. */
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

export function button(spec: ButtonSpec) {
  return {
    type: 'button' as const,
    text: plain(spec.text, BLOCK_KIT.buttonText),
    action_id: spec.actionId,
    ...(spec.value !== undefined ? { value: truncate(spec.value, BLOCK_KIT.buttonValue) } : {}),
    ...(spec.style ? { style: spec.style } : {}),
    ...(spec.confirm
      ? {
          confirm: {
            title: plain(spec.confirm.title, BLOCK_KIT.confirmTitle),
            text: plain(spec.confirm.text, BLOCK_KIT.confirmText),
            confirm: plain(spec.confirm.confirm, BLOCK_KIT.confirmButton),
            deny: plain(spec.confirm.deny, BLOCK_KIT.confirmButton),
          },
        }
      : {}),
  };
}

/** An actions block; more buttons than one block holds are spread over several blocks. */
export function actions(buttons: ButtonSpec[], blockId?: string): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < buttons.length; i += BLOCK_KIT.actionsElements) {
    const id = blockId ? (i === 0 ? blockId : `${blockId}.${i / BLOCK_KIT.actionsElements}`) : undefined;
    blocks.push({ type: 'actions', ...(id ? { block_id: id } : {}), elements: buttons.slice(i, i + BLOCK_KIT.actionsElements).map(button) });
  }
  return blocks;
}

export function option(text: string, value: string, description?: string): PlainTextOption {
  return {
    text: plain(text, BLOCK_KIT.optionText),
    value: truncate(value, BLOCK_KIT.optionValue),
    ...(description ? { description: plain(description, BLOCK_KIT.optionDescription) } : {}),
  };
}

/** Splits a list of blocks into chunks that each fit one message (or view). */
export function chunkBlocks<T>(blocks: T[], max: number = BLOCK_KIT.messageBlocks): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < blocks.length; i += max) chunks.push(blocks.slice(i, i + max));
  return chunks.length ? chunks : [[]];
}
