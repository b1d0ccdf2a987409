/**
 * Parses a card the way a client does, with the adaptivecards library itself at version 1.5, and
 * returns every problem it reports. `require('adaptivecards')` fails in Node (its lib/ entry is
 * ESM-flavoured); the UMD bundle in dist/ loads fine.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

export interface CardProblem {
  phase: string;
  event: string;
  message: string;
}

function describe(e: { phase: number; event: number; message: string }): CardProblem {
  return { phase: AC.ValidationPhase[e.phase] ?? String(e.phase), event: AC.ValidationEvent[e.event] ?? String(e.event), message: e.message };
}

/** Every parse and validation event for the card; an empty list means a client renders it as written. */
export function cardProblems(json: unknown): CardProblem[] {
  const problems: CardProblem[] = [];
  const card = json as { type?: unknown; version?: unknown };
  if (!card || typeof card !== 'object' || card.type !== 'AdaptiveCard') problems.push({ phase: 'Parse', event: 'NotACard', message: 'type is not AdaptiveCard' });
  if (card?.version !== '1.5') problems.push({ phase: 'Parse', event: 'Version', message: `version is ${String(card?.version)}, expected 1.5` });
  const context = new AC.SerializationContext();
  context.targetVersion = AC.Versions.v1_5;
  const parsed = new AC.AdaptiveCard();
  parsed.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(describe(context.getEventAt(i)));
  for (const e of parsed.validateProperties().validationEvents) problems.push(describe(e));
  // A template expression left unexpanded means the data lacked a field the template uses.
  const text = JSON.stringify(json);
  const leftover = text.match(/\$\{[^}]*\}/g);
  if (leftover) problems.push({ phase: 'Template', event: 'Unexpanded', message: `unexpanded template expressions: ${[...new Set(leftover)].join(', ')}` });
  if (text.includes('"$data"') || text.includes('"$when"')) problems.push({ phase: 'Template', event: 'Unexpanded', message: 'template keywords left in the card' });
  return problems;
}

/** Throws with every problem listed, so a failing test says what is wrong with which card. */
export function assertValidCard(json: unknown, what = 'card'): void {
  const problems = cardProblems(json);
  if (problems.length) throw new Error(`${what} does not parse cleanly at Adaptive Cards 1.5:\n${problems.map((p) => `  [${p.phase}/${p.event}] ${p.message}`).join('\n')}`);
}
