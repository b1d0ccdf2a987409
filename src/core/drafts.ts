import type { AnswerValue } from './answers';
import { sectionItems } from './items';
import type { Questionnaire } from './questionnaire/schema';
import { answerSteps, type Round } from './round';

type RoundShape = Pick<Round, 'questionnaire' | 'dimensionIds' | 'depth' | 'includeReflection'>;

/**
 * A paused section ("Later verder"): the typed values as flat form fields, kept as they were
 * typed. Nothing here is validated or counted; the section is checked when it is submitted.
 */

/** The flat field ids a section's form has: item ids, their sub-fields, and the group question on the first section. */
export function sectionFieldIds(round: RoundShape, section: string): Set<string> {
  const q: Questionnaire = round.questionnaire;
  const ids = new Set<string>();
  for (const item of sectionItems(round, section)) {
    if (item.kind !== 'reflection' || item.question.type === 'text') ids.add(item.id);
    else if (item.question.type === 'allocation') for (const d of q.guidanceDomains) ids.add(`${item.id}.${d.id}`);
    else for (const d of q.guidanceDomains) for (const r of q.roles) ids.add(`${item.id}.${d.id}.${r.id}`);
  }
  if (answerSteps(round)[0] === section) ids.add('group');
  return ids;
}

/** Keeps the fields that belong to the section (anything else in a payload is ignored), as text. */
export function draftFields(round: RoundShape, section: string, fields: Record<string, unknown>): Record<string, string> {
  const known = sectionFieldIds(round, section);
  const out: Record<string, string> = {};
  for (const [id, value] of Object.entries(fields)) {
    if (!known.has(id)) continue;
    if (typeof value === 'string') out[id] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) out[id] = String(value);
  }
  return out;
}

const asNumber = (raw: string): number | undefined => {
  const n = /^\s*-?\d+([.,]\d+)?\s*$/.test(raw) ? Number(raw.trim().replace(',', '.')) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/**
 * A draft as answers the form can show over the saved ones: scale points and days as numbers,
 * texts as typed. An emptied field in the draft empties the saved answer on the form too — the
 * form shows what the person left it at.
 */
export function draftAnswers(round: RoundShape, section: string, fields: Record<string, string>): { answers: Record<string, AnswerValue | undefined>; group?: string } {
  const q = round.questionnaire;
  const answers: Record<string, AnswerValue | undefined> = {};
  const has = (id: string) => Object.prototype.hasOwnProperty.call(fields, id);
  for (const item of sectionItems(round, section)) {
    if (item.kind === 'global' || item.kind === 'statement') {
      if (has(item.id)) answers[item.id] = asNumber(fields[item.id]!);
    } else if (item.kind === 'open' || item.question.type === 'text') {
      if (has(item.id)) answers[item.id] = fields[item.id] || undefined;
    } else if (item.question.type === 'allocation') {
      const ids = q.guidanceDomains.map((d) => d.id).filter((d) => has(`${item.id}.${d}`));
      if (ids.length === 0) continue;
      const allocation: Record<string, number> = {};
      for (const d of ids) {
        const n = asNumber(fields[`${item.id}.${d}`]!);
        if (n !== undefined) allocation[d] = n;
      }
      answers[item.id] = allocation;
    } else {
      const grid: Record<string, Record<string, string>> = {};
      let any = false;
      for (const d of q.guidanceDomains)
        for (const r of q.roles) {
          const id = `${item.id}.${d.id}.${r.id}`;
          if (!has(id)) continue;
          any = true;
          if (fields[id]) (grid[d.id] ??= {})[r.id] = fields[id]!;
        }
      if (any) answers[item.id] = grid;
    }
  }
  return { answers, ...(has('group') ? { group: fields.group } : {}) };
}
