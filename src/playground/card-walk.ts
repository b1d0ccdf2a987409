/**
 * Reading an Adaptive Card the way a client does, without rendering it: which inputs it has and
 * which `Action.Execute` buttons. The simulator uses this to "click" exactly what a person would.
 */
export type CardNode = Record<string, unknown>;

export interface CardInput {
  id: string;
  type: string;
  /** For Input.ChoiceSet: the values a person can pick. */
  choices: string[];
  value?: string;
}

export interface CardAction {
  type: string;
  id?: string;
  title?: string;
  verb?: string;
  data?: unknown;
}

const CONTAINER_KEYS = ['body', 'items', 'columns', 'facts', 'inlineAction', 'selectAction'];

/** Depth-first over every element and action, including those inside show-cards. */
function walk(node: unknown, visitElement: (n: CardNode) => void, visitAction: (a: CardNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visitElement, visitAction);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as CardNode;
  const type = typeof n.type === 'string' ? n.type : '';
  if (type.startsWith('Action.')) {
    visitAction(n);
    if (type === 'Action.ShowCard') walk((n.card as CardNode | undefined) ?? undefined, visitElement, visitAction);
    return;
  }
  if (type) visitElement(n);
  for (const key of CONTAINER_KEYS) if (key in n) walk(n[key], visitElement, visitAction);
  if (Array.isArray(n.actions)) walk(n.actions, visitElement, visitAction);
}

export function cardInputs(card: CardNode): CardInput[] {
  const inputs: CardInput[] = [];
  walk(
    card,
    (el) => {
      const type = String(el.type);
      if (!type.startsWith('Input.') || typeof el.id !== 'string') return;
      const choices = Array.isArray(el.choices) ? (el.choices as { value?: unknown }[]).map((c) => String(c.value ?? '')) : [];
      inputs.push({ id: el.id, type, choices, value: el.value === undefined ? undefined : String(el.value) });
    },
    () => undefined,
  );
  return inputs;
}

export function cardActions(card: CardNode): CardAction[] {
  const actions: CardAction[] = [];
  walk(
    card,
    () => undefined,
    (a) => actions.push({ type: String(a.type), id: a.id as string | undefined, title: a.title as string | undefined, verb: a.verb as string | undefined, data: a.data }),
  );
  return actions;
}

/** The Adaptive Card an activity carries, if any. */
export function activityCard(activity: Record<string, unknown>): CardNode | undefined {
  const attachments = Array.isArray(activity.attachments) ? (activity.attachments as { contentType?: string; content?: unknown }[]) : [];
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return card && card.content && typeof card.content === 'object' ? (card.content as CardNode) : undefined;
}

/**
 * The data an Adaptive Cards client sends for an Action.Execute: the action's own data with the
 * card's input values merged in (inputs win), values as strings.
 */
export function executeData(action: CardAction, inputs: Record<string, string>): Record<string, unknown> {
  const own = action.data && typeof action.data === 'object' && !Array.isArray(action.data) ? (action.data as Record<string, unknown>) : {};
  return { ...own, ...inputs };
}
