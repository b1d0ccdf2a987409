import { SurveyError } from './errors';
import { roundItems, sectionItems, type RoundItem } from './items';
import type { Questionnaire } from './questionnaire/schema';
import type { Round } from './round';
import { isNoView, NO_VIEW } from './no-view';

export const MAX_TEXT_LENGTH = 2000;
export const MAX_GRID_CELL_LENGTH = 500;

/** Days per guidance domain, e.g. { onderwijsloopbaan: 1.5, … }. */
export type Allocation = Record<string, number>;
/** Role-grid texts: domain → role → text. Empty cells are absent. */
export type RoleGrid = Record<string, Record<string, string>>;
export type AnswerValue = number | string | Allocation | RoleGrid;

type RoundShape = Pick<Round, 'questionnaire' | 'dimensionIds' | 'depth' | 'includeReflection'>;

// C0 and C1 control characters and DEL, except tab and newline which belong in free text.
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Trims, normalises line breaks and strips control characters. Returns '' for blank input. */
export function cleanText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '').trim();
}

function checkText(raw: unknown, field: string, max: number): string {
  if (typeof raw !== 'string') throw new SurveyError('required', {}, field);
  const text = cleanText(raw);
  if (text.length > max) throw new SurveyError('text_too_long', { length: text.length, max }, field);
  return text;
}

function toNumber(raw: unknown, field: string): number {
  // Plain decimals only ("1,5" or "1.5"): Number() would also take "0x4", "4e0" or "Infinity".
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+([.,]\d+)?\s*$/.test(raw) ? Number(raw.trim().replace(',', '.')) : NaN;
  if (!Number.isFinite(n)) throw new SurveyError('not_a_number', {}, field);
  return n;
}

function checkScale(q: Questionnaire, raw: unknown, field: string): number {
  const n = toNumber(raw, field);
  if (!q.scale.points.some((p) => p.value === n)) throw new SurveyError('not_on_scale', {}, field);
  return n;
}

function isBlank(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/** Sub-field names for allocation and grid inputs: "R3.onderwijsloopbaan", "R4.onderwijsloopbaan.mine". */
export const subField = (...parts: string[]) => parts.join('.');

function checkAllocation(q: Questionnaire, question: { id: string; max: number; step: number }, raw: unknown): Allocation | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SurveyError('not_a_number', {}, question.id);
  const domains = new Set(q.guidanceDomains.map((d) => d.id));
  const entries = Object.entries(raw as Record<string, unknown>).filter(([, v]) => !isBlank(v));
  if (entries.length === 0) return null;
  const out: Allocation = {};
  for (const [domain, value] of entries) {
    const field = subField(question.id, domain);
    if (!domains.has(domain)) throw new SurveyError('unknown_domain', {}, field);
    const n = toNumber(value, field);
    if (n < 0 || n > question.max) throw new SurveyError('allocation_range', { max: question.max }, field);
    // Compare in whole steps to dodge floating point: 1.5 / 0.5 = 3 exactly, 1.3 / 0.5 is not whole.
    if (Math.abs(n / question.step - Math.round(n / question.step)) > 1e-9) throw new SurveyError('allocation_step', { step: question.step }, field);
    out[domain] = n;
  }
  const total = Object.values(out).reduce((a, b) => a + b, 0);
  if (total > question.max + 1e-9) throw new SurveyError('allocation_total', { total, max: question.max }, question.id);
  for (const d of domains) out[d] ??= 0;
  return out;
}

function checkRoleGrid(q: Questionnaire, questionId: string, raw: unknown): RoleGrid | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SurveyError('required', {}, questionId);
  const domains = new Set(q.guidanceDomains.map((d) => d.id));
  const roles = new Set(q.roles.map((r) => r.id));
  const out: RoleGrid = {};
  for (const [domain, row] of Object.entries(raw as Record<string, unknown>)) {
    if (!domains.has(domain)) throw new SurveyError('unknown_domain', {}, subField(questionId, domain));
    if (typeof row !== 'object' || row === null) continue;
    for (const [role, cell] of Object.entries(row as Record<string, unknown>)) {
      const field = subField(questionId, domain, role);
      if (!roles.has(role)) throw new SurveyError('unknown_role', {}, field);
      if (isBlank(cell)) continue;
      const text = checkText(cell, field, MAX_GRID_CELL_LENGTH);
      if (text) (out[domain] ??= {})[role] = text;
    }
  }
  return Object.keys(out).length ? out : null;
}

/**
 * Validates one answer for one item. Returns the clean value, or null when the input is blank
 * (which clears an earlier answer). Throws a SurveyError whose `field` names the input at fault.
 */
export function validateAnswer(round: RoundShape, item: RoundItem, raw: unknown): AnswerValue | null {
  const q = round.questionnaire;
  if (item.kind === 'global' || item.kind === 'statement') {
    if (isBlank(raw)) return null;
    // "Geen zicht op" belongs to statements only: a global judgement is the respondent's own overall view.
    if (item.kind === 'statement' && isNoView(raw)) return NO_VIEW;
    return checkScale(q, raw, item.id);
  }
  if (item.kind === 'open') {
    if (isBlank(raw)) return null;
    return checkText(raw, item.id, MAX_TEXT_LENGTH) || null;
  }
  const question = item.question;
  switch (question.type) {
    case 'text':
      if (isBlank(raw)) return null;
      return checkText(raw, item.id, MAX_TEXT_LENGTH) || null;
    case 'allocation':
      if (isBlank(raw)) return null;
      return checkAllocation(q, question, raw);
    case 'roleGrid':
      if (isBlank(raw)) return null;
      return checkRoleGrid(q, question.id, raw);
  }
}

export function findItem(round: RoundShape, itemId: string): RoundItem {
  const item = roundItems(round).find((i) => i.id === itemId);
  if (!item) throw new SurveyError('unknown_item', {}, itemId);
  return item;
}

export type SectionCheck =
  | { ok: true; answers: Record<string, AnswerValue | null> }
  | { ok: false; errors: SurveyError[] };

/**
 * Validates a whole section as a form submits it (a Slack modal, a Teams card): every field is
 * checked and every problem returned at once, so the form can show them all inline.
 */
export function checkSection(round: RoundShape, section: string, raw: Record<string, unknown>): SectionCheck {
  const items = sectionItems(round, section);
  if (items.length === 0) return { ok: false, errors: [new SurveyError('unknown_section', {}, section)] };
  const known = new Set(items.map((i) => i.id));
  const errors: SurveyError[] = Object.keys(raw)
    .filter((id) => !known.has(id))
    .map((id) => new SurveyError('unknown_item', {}, id));
  const answers: Record<string, AnswerValue | null> = {};
  for (const item of items) {
    try {
      const value = validateAnswer(round, item, raw[item.id]);
      if (value === null && item.required) throw new SurveyError('required', {}, item.id);
      answers[item.id] = value;
    } catch (e) {
      if (e instanceof SurveyError) errors.push(e);
      else throw e;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, answers };
}

/**
 * The inputs a section's form has: item id (and "group") → how many dotted sub-parts its field
 * names carry (0 for a single input, 1 for an allocation's domains, 2 for a role grid's cells).
 */
export function formShape(round: RoundShape, section: string, extra: readonly string[] = []): Map<string, number> {
  const shape = new Map<string, number>(extra.map((id) => [id, 0]));
  for (const item of sectionItems(round, section)) {
    const type = item.kind === 'reflection' ? item.question.type : 'scalar';
    shape.set(item.id, type === 'allocation' ? 1 : type === 'roleGrid' ? 2 : 0);
  }
  return shape;
}

/** What a form sent, nested back under its item ids, and the field names the form never had. */
export interface FormFields {
  /** Item id (or "group") → value; a null-prototype object so no field name reaches Object.prototype. */
  fields: Record<string, unknown>;
  unknown: string[];
}

/** A form input's value: a card or modal only ever sends strings (numbers and booleans from tests and old clients). */
const isFormValue = (v: unknown): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/**
 * Forms (Slack modals, Adaptive Cards, the playground) send flat fields: "R3.onderwijsloopbaan"
 * → "1.5", "R4.onderwijsloopbaan.mine" → "…". This nests them back under their item id.
 *
 * The field names come from the client (anyone can edit a card's payload), so only top-level
 * names in `accepted` (see `formShape`) are read, each with exactly its number of sub-parts, and
 * every object built here has a null prototype: a field "__proto__.x" becomes an own key that
 * the validators then refuse as an unknown domain, never a property of Object.prototype. Fields
 * with any other name, or a value that is not a plain input value, are returned in `unknown`.
 */
export function formToAnswers(flat: Record<string, unknown>, accepted: ReadonlyMap<string, number>): FormFields {
  const fields: Record<string, unknown> = Object.create(null);
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(flat)) {
    const [id, ...rest] = key.split('.');
    if (!id || accepted.get(id) !== rest.length || rest.some((part) => part === '') || !isFormValue(value)) {
      unknown.push(key);
      continue;
    }
    // Every field of one id has the same depth, so the path holds only objects made here.
    let node = fields;
    for (const part of [id, ...rest].slice(0, -1)) node = (node[part] ??= Object.create(null)) as Record<string, unknown>;
    node[key.slice(key.lastIndexOf('.') + 1)] = value;
  }
  return { fields, unknown };
}
