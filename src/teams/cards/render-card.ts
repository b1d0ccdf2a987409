import fs from 'node:fs';
import path from 'node:path';
import type * as ACDataModule from 'adaptivecards-templating';
import { renderCardDates } from './card-dates';
import { stampRenderedInputs } from './form-inputs';

/**
 * Every card Zorgspiegel shows in Teams (and the playground shows in the browser) is an Adaptive
 * Card template in the repository's `cards/` folder. This turns a template name and its data into
 * the card JSON; nothing else in the code builds card layout.
 */
export const CARD_NAMES = [
  'invitation',
  'reminder',
  'notice',
  'section-form',
  'review',
  'round-form',
  'round-status',
  'summary',
  'summary-detail',
  'moderation',
  'quote-edit',
  'settings',
  'welcome',
  'help',
  // Follow-up (issue #14)
  'ballot',
  'action-form',
  'action-plan',
] as const;
export type CardName = (typeof CARD_NAMES)[number];

/** An Adaptive Card as JSON (version 1.5). */
export type AdaptiveCard = { type: 'AdaptiveCard'; version: string; body?: unknown[]; actions?: unknown[]; [key: string]: unknown };

export const CARDS_DIR = path.join(__dirname, '..', '..', '..', 'cards');

const templates = new Map<CardName, unknown>();

export function cardTemplate(name: CardName): unknown {
  let template = templates.get(name);
  if (!template) {
    template = JSON.parse(fs.readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')) as unknown;
    templates.set(name, template);
  }
  return template;
}

/**
 * Expands the named template with `data` as `$root`; dates the data mentions become the card's
 * own DATE()/TIME() functions, so each reader sees them in their locale and time zone.
 */
export function renderCard(name: CardName, data: object): AdaptiveCard {
  // Loaded at the first card, not at start-up: the templating engine (adaptive-expressions and
  // its ANTLR parser) is a fifth of the process's start. A require: under tsx's hook import() goes to the ESM loader.
  const ACData = require('adaptivecards-templating') as typeof ACDataModule;
  const template = new ACData.Template(cardTemplate(name));
  // Each submit button names the inputs it submits: clients leave out the ones not set.
  return stampRenderedInputs(renderCardDates(template.expand({ $root: data })) as AdaptiveCard);
}

/** Bytes of the card as Teams receives it; Teams refuses cards much over ~28 KB. */
export function cardSize(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
export const MAX_CARD_BYTES = 28_000;
