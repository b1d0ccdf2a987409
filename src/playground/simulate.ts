import { NO_VIEW } from '../core/no-view';
import type { Lang, Questionnaire } from '../core/questionnaire/schema';
import { hasKey, t } from '../i18n';
import type { Logger } from '../log';
import { activityCard, cardActions, cardInputs, executeData, type CardAction, type CardInput, type CardNode } from './card-walk';
import type { InvokeResult } from './bot-client';
import type { StoredActivity } from './connector/conversation-store';
import { personalConversationId, type Persona, type PersonaGroup, type School } from './school';
import type { PlaygroundSession } from './session';

/**
 * "Simulate answers": the colleagues who have not finished answer the open round, each through
 * their own invitation card and the same Action.Execute invokes a click sends — so the core
 * validates and stores every answer exactly as it would a person's. The answers differ by group
 * (the leadership team is more positive about vision and policy, the care team about structures,
 * support staff have less information) so the summary shows strengths, priorities and gaps.
 */

/** Mean scale position per group and dimension, on a 1–6 scale (mapped onto the actual scale). */
const PROFILES: Record<PersonaGroup, Record<string, number>> = {
  teacher: { A1: 4.2, A2: 3.2, B: 3.6, C: 3.4, D1: 4.4, D2: 3, E: 4.4 },
  leadership: { A1: 5.4, A2: 5, B: 5.2, C: 4.4, D1: 4.6, D2: 4, E: 4.6 },
  'care-team': { A1: 4.4, A2: 3.6, B: 3.4, C: 5, D1: 3.8, D2: 3.4, E: 5 },
  'support-staff': { A1: 3, A2: 2.6, B: 3.6, C: 3, D1: 3, D2: 2.6, E: 4 },
};

/** Days per week per guidance domain (in questionnaire order), per group. */
const ALLOCATIONS: Record<PersonaGroup, number[]> = {
  teacher: [0.5, 1.5, 1, 0.5],
  leadership: [1, 0.5, 1, 0.5],
  'care-team': [1, 1.5, 1.5, 0.5],
  'support-staff': [0, 0.5, 0.5, 0.5],
};

/** A small deterministic hash, so a demo gives the same answers every time. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  // FNV alone barely moves the high bits for a change in the last character ("A2-s1" vs "A2-s2"): mix them.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

type ItemKind = { kind: 'scale'; dimensionId: string } | { kind: 'open'; which: 'strengths' | 'priorities' | 'practice' } | { kind: 'reflection-text'; number: number };

function itemKinds(q: Questionnaire): Map<string, ItemKind> {
  const kinds = new Map<string, ItemKind>();
  for (const d of q.dimensions) {
    kinds.set(d.globalJudgement.id, { kind: 'scale', dimensionId: d.id });
    for (const s of d.statements) kinds.set(s.id, { kind: 'scale', dimensionId: d.id });
    for (const o of d.openQuestions) kinds.set(o.id, { kind: 'open', which: o.kind });
  }
  for (const r of q.reflection.questions) if (r.type === 'text') kinds.set(r.id, { kind: 'reflection-text', number: r.number });
  return kinds;
}

/** The choice closest to `wanted` among numeric choices, as the string the card would send. */
function nearestChoice(choices: string[], wanted: number): string | undefined {
  let best: { value: string; distance: number } | undefined;
  for (const c of choices) {
    const n = Number(c);
    if (!Number.isFinite(n)) continue;
    const distance = Math.abs(n - wanted);
    if (!best || distance < best.distance) best = { value: c, distance };
  }
  return best?.value;
}

function pick(lang: Lang, prefix: string, seed: number): string | undefined {
  const keys: string[] = [];
  for (let i = 1; hasKey(lang, `playground:${prefix}.${i}`); i++) keys.push(`playground:${prefix}.${i}`);
  return keys.length ? t(lang, keys[Math.floor(seed * keys.length)]!) : undefined;
}

/** What this persona would fill in for each input of a form card. */
export function plausibleValues(inputs: CardInput[], p: Persona, q: Questionnaire, lang: Lang): Record<string, string> {
  const kinds = itemKinds(q);
  const scale = q.scale.points.map((pt) => pt.value);
  const [low, high] = [Math.min(...scale), Math.max(...scale)];
  const domainIds = q.guidanceDomains.map((d) => d.id);
  const values: Record<string, string> = {};
  /** Days already given per allocation question: the week has only `max` days. */
  const allocated = new Map<string, number>();
  for (const input of inputs) {
    const seed = hash(`${p.key}:${input.id}`);
    if (input.id === 'group') {
      if (input.choices.includes(p.group)) values.group = p.group;
      continue;
    }
    const kind = kinds.get(input.id);
    if (kind?.kind === 'scale') {
      // Support staff cannot judge every statement: about one in three they say so.
      if (p.group === 'support-staff' && input.choices.includes(NO_VIEW) && seed < 0.35) {
        values[input.id] = NO_VIEW;
        continue;
      }
      const base = PROFILES[p.group][kind.dimensionId] ?? 3.5;
      // Statements differ a little from each other, people a little from their group.
      const statementShift = (hash(`statement:${input.id}`) - 0.5) * 2;
      const personShift = (seed - 0.5) * 1.6;
      const onSixPoints = Math.min(6, Math.max(1, Math.round(base + statementShift + personShift)));
      const wanted = low + ((onSixPoints - 1) / 5) * (high - low);
      const choice = nearestChoice(input.choices.length ? input.choices : scale.map(String), wanted);
      if (choice !== undefined) values[input.id] = choice;
      continue;
    }
    if (kind?.kind === 'open') {
      // Not everybody writes something; about two in three do.
      if (seed < 0.66) {
        const text = pick(lang, `simulate.${kind.which}`, hash(`${p.key}:${input.id}:text`));
        if (text) values[input.id] = text;
      }
      continue;
    }
    if (kind?.kind === 'reflection-text') {
      if (seed < 0.75) {
        const text = pick(lang, 'simulate.reflection', hash(`${p.key}:${input.id}:text`));
        if (text) values[input.id] = text;
      }
      continue;
    }
    const [questionId, domainId, roleId] = input.id.split('.');
    const question = q.reflection.questions.find((r) => r.id === questionId);
    if (question?.type === 'allocation' && domainId && !roleId) {
      const index = domainIds.indexOf(domainId);
      const base = ALLOCATIONS[p.group][index] ?? 0;
      // Half the people shift half a day from the first domain to this one or back.
      const left = question.max - (allocated.get(question.id) ?? 0);
      const wanted = Math.min(left, Math.max(0, base + (seed < 0.25 ? -question.step : seed > 0.8 ? question.step : 0)));
      const choice = input.choices.length ? nearestChoice(input.choices.filter((c) => Number(c) <= left), wanted) : String(wanted);
      if (choice !== undefined) {
        values[input.id] = choice;
        allocated.set(question.id, (allocated.get(question.id) ?? 0) + Number(choice));
      }
      continue;
    }
    if (question?.type === 'roleGrid' && domainId && roleId && seed < 0.35 && hasKey(lang, `playground:simulate.roles.${roleId}`)) {
      values[input.id] = t(lang, `playground:simulate.roles.${roleId}`);
    }
  }
  return values;
}

/** A button title in both languages. */
function titles(key: string): Set<string> {
  return new Set((['nl', 'en'] as const).map((l) => t(l, key)));
}

export type SimulationOutcome = 'answered' | 'already_done' | 'not_invited' | 'failed';
export interface SimulationReport {
  answered: number;
  alreadyDone: number;
  notInvited: number;
  failed: number;
}

const MAX_STEPS = 30;

export async function simulateAnswers(
  session: PlaygroundSession,
  opts: { school?: School; questionnaire: Questionnaire; lang: Lang; except: Persona[]; logger: Logger },
): Promise<SimulationReport> {
  const report: SimulationReport = { answered: 0, alreadyDone: 0, notInvited: 0, failed: 0 };
  const skip = new Set(opts.except.map((p) => p.key));
  // Only the colleagues of the coordinator's own school: another school's round is not theirs to fill in.
  for (const p of (opts.school ?? session.school).personas) {
    if (skip.has(p.key)) continue;
    let outcome: SimulationOutcome;
    try {
      outcome = await answerAs(session, p, opts);
    } catch (e) {
      opts.logger.warn({ persona: p.key, err: e instanceof Error ? e.message : String(e) }, 'playground: simulated answers failed');
      outcome = 'failed';
    }
    if (outcome === 'answered') report.answered++;
    else if (outcome === 'already_done') report.alreadyDone++;
    else if (outcome === 'not_invited') report.notInvited++;
    else report.failed++;
  }
  return report;
}

/**
 * The Teams cards' verbs for "start or continue the survey" and "save this part" (cards/*.json);
 * button titles in either language are the fallback for cards that name their verbs differently.
 */
const START_VERBS = new Set(['start']);
const SUBMIT_VERBS = new Set(['submitSection']);

function isStart(a: CardAction): boolean {
  if (a.type !== 'Action.Execute') return false;
  if (a.verb && START_VERBS.has(a.verb)) return true;
  return a.title !== undefined && (titles('survey:actions.start').has(a.title) || titles('survey:actions.continue').has(a.title));
}

function isSubmit(a: CardAction): boolean {
  if (a.type !== 'Action.Execute') return false;
  if (a.verb && SUBMIT_VERBS.has(a.verb)) return true;
  return a.title !== undefined && titles('survey:saveAndContinue').has(a.title);
}

/** Buttons on the overview a finished colleague sees (Klaar, Antwoorden wijzigen). */
const FINISHED_VERBS = new Set(['done', 'openSection']);

type EntryPoint = { stored: StoredActivity; kind: 'start' | 'form'; action: CardAction } | { kind: 'finished' } | undefined;

/**
 * Where this person stands, from the newest survey card in their chat: an invitation or reminder
 * to start, a form they left half-way, or the overview of someone who already finished.
 */
function entryPoint(session: PlaygroundSession, p: Persona): EntryPoint {
  const activities = session.store.list(personalConversationId(p)).filter((a) => a.sender === 'bot').reverse();
  for (const stored of activities) {
    const card = activityCard(stored.activity);
    if (!card) continue;
    const actions = cardActions(card);
    const submit = actions.find(isSubmit);
    if (submit) return { stored, kind: 'form', action: submit };
    const start = actions.find(isStart);
    if (start) return { stored, kind: 'start', action: start };
    if (actions.some((a) => a.type === 'Action.Execute' && a.verb && FINISHED_VERBS.has(a.verb))) return { kind: 'finished' };
  }
  return undefined;
}

async function answerAs(session: PlaygroundSession, p: Persona, opts: { questionnaire: Questionnaire; lang: Lang }): Promise<SimulationOutcome> {
  const entry = entryPoint(session, p);
  if (!entry) return 'not_invited';
  if (entry.kind === 'finished') return 'already_done';
  let activity = entry.stored;
  let result: InvokeResult;
  if (entry.kind === 'start') {
    ({ result, activity } = await session.execute(p, 'personal', activity, { id: entry.action.id, verb: entry.action.verb, data: executeData(entry.action, {}) }, opts.lang));
  } else {
    // A form left half-way: carry on from the card as it stands.
    result = { type: 'card', card: activityCard(activity.activity)! };
  }
  let submitted = 0;
  for (let step = 0; step < MAX_STEPS; step++) {
    // The bot reports a failure to save as a message (Teams wants HTTP 200 for card actions), so
    // a message where the next card was due means nothing was saved.
    if (result.type !== 'card') return result.type === 'error' || (result.type === 'message' && result.text) ? 'failed' : submitted ? 'answered' : 'already_done';
    const card: CardNode = result.card;
    const inputs = cardInputs(card);
    const submit = cardActions(card).find(isSubmit);
    // No form any more: the review / thanks card. Done.
    if (!submit || inputs.length === 0) return submitted ? 'answered' : 'already_done';
    const values = plausibleValues(inputs, p, opts.questionnaire, opts.lang);
    const before = inputs.map((i) => i.id).join(',');
    ({ result, activity } = await session.execute(p, 'personal', activity, { id: submit.id, verb: submit.verb, data: executeData(submit, values) }, opts.lang));
    // The same form coming back (same inputs) means the core refused an answer: stop rather than loop.
    if (result.type === 'card' && cardInputs(result.card).map((i) => i.id).join(',') === before) return 'failed';
    submitted++;
  }
  return 'failed';
}
