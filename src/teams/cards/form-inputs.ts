/**
 * An Adaptive Cards client puts an input into an `Action.Execute`'s data only when it is set:
 * a cleared Input.Text or a multi-select with nothing ticked is absent, not ''. Absent would
 * read as "not on this form" (keep the setting, give a group every dimension), so every submit
 * button carries the ids of the inputs it submits, and a submit's missing ones read as empty.
 */
export const RENDERED_INPUTS_KEY = 'inputs';

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** The input ids in a card's own body, not in the cards of its Action.ShowCard buttons. */
function inputIds(node: unknown, into: string[]): string[] {
  if (Array.isArray(node)) {
    for (const child of node) inputIds(child, into);
    return into;
  }
  if (!isNode(node)) return into;
  if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string' && node.id) into.push(node.id);
  for (const [key, value] of Object.entries(node)) if (!(node.type === 'Action.ShowCard' && key === 'card')) inputIds(value, into);
  return into;
}

/** Stamps the ids on every Action.Execute of `card` that submits inputs; a ShowCard's card adds its own. */
function stamp(node: unknown, ids: readonly string[]): void {
  if (Array.isArray(node)) {
    for (const child of node) stamp(child, ids);
    return;
  }
  if (!isNode(node)) return;
  if (node.type === 'Action.Execute' && node.associatedInputs !== 'none' && ids.length) {
    node.data = { ...(isNode(node.data) ? node.data : {}), [RENDERED_INPUTS_KEY]: ids.join(',') };
  }
  for (const [key, value] of Object.entries(node)) {
    // As the clients do: a button inside a ShowCard's card submits that card's inputs and those around it.
    if (node.type === 'Action.ShowCard' && key === 'card') stamp(value, [...ids, ...inputIds(isNode(value) ? value.body : undefined, [])]);
    else if (key !== 'data') stamp(value, ids);
  }
}

/** Adds to each submit button of a rendered card the ids of the inputs it submits (in place). */
export function stampRenderedInputs<T>(card: T): T {
  if (isNode(card)) stamp(card, inputIds(card.body, []));
  return card;
}

const INPUT_ID = /^[A-Za-z0-9_.:-]{1,100}$/;
const MAX_INPUTS = 500;

/**
 * A submit's data with every input the card rendered present: the ones the client left out (not
 * set) as ''. The list comes from the client, so it only fills in keys that are absent, of a
 * plain id shape and never an object's own machinery; what a field may hold is for the core to say.
 */
export function withRenderedInputs(data: Record<string, unknown>): Record<string, unknown> {
  const listed = data[RENDERED_INPUTS_KEY];
  const rest = Object.entries(data).filter(([key]) => key !== RENDERED_INPUTS_KEY);
  if (typeof listed !== 'string') return Object.fromEntries(rest);
  const present = new Set(rest.map(([key]) => key));
  const missing = [...new Set(listed.split(','))]
    .slice(0, MAX_INPUTS)
    .filter((id) => INPUT_ID.test(id) && !present.has(id) && !(id in Object.prototype));
  return Object.fromEntries([...rest, ...missing.map((id) => [id, ''] as const)]);
}
