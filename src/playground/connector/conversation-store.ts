import { EventEmitter } from 'node:events';

/**
 * What the emulated Bot Connector remembers: every activity sent into each conversation, in
 * order, with the ids the connector assigned. Kept in memory and bounded: the playground is a
 * demo, and the bot's own store (not this one) is what must survive a restart.
 */
export interface StoredActivity {
  id: string;
  /** The conversation the activity lives in (a channel thread is folded into its channel). */
  conversationId: string;
  /** 'bot' for what the bot sent through the connector, 'user' for what a persona typed. */
  sender: 'bot' | 'user';
  activity: Record<string, unknown>;
  /** Goes up with every in-place update, so the page can skip stale or repeated pushes. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type StoreEvent = { kind: 'upsert'; activity: StoredActivity } | { kind: 'delete'; conversationId: string; activityId: string };

export const MAX_ACTIVITIES_PER_CONVERSATION = 300;

/** "19:abc@thread.tacv2;messageid=123" → "19:abc@thread.tacv2": a reply thread belongs to its channel. */
export function baseConversationId(id: string): string {
  return id.split(';')[0]!;
}

export class ConversationStore {
  private readonly conversations = new Map<string, StoredActivity[]>();
  private readonly events = new EventEmitter();
  private nextId = 1;

  constructor(private readonly now: () => Date = () => new Date()) {
    // Every open browser tab subscribes; the default limit of 10 would warn with a few tabs open.
    this.events.setMaxListeners(0);
  }

  /** Registers a conversation so the connector accepts activities for it. Idempotent. */
  open(conversationId: string): void {
    const id = baseConversationId(conversationId);
    if (!this.conversations.has(id)) this.conversations.set(id, []);
  }

  has(conversationId: string): boolean {
    return this.conversations.has(baseConversationId(conversationId));
  }

  /** Ids look like Teams message ids (a number as a string), unique within this process. */
  private newId(): string {
    return `${Date.now()}${String(this.nextId++).padStart(4, '0')}`;
  }

  append(conversationId: string, sender: StoredActivity['sender'], activity: Record<string, unknown>): StoredActivity {
    const id = baseConversationId(conversationId);
    const list = this.conversations.get(id);
    if (!list) throw new Error(`unknown conversation ${conversationId}`);
    const at = this.now().toISOString();
    const activityId = this.newId();
    const stored: StoredActivity = {
      id: activityId,
      conversationId: id,
      sender,
      activity: { ...activity, id: activityId, conversation: { ...(activity.conversation as object | undefined), id: conversationId }, timestamp: at },
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    list.push(stored);
    if (list.length > MAX_ACTIVITIES_PER_CONVERSATION) list.splice(0, list.length - MAX_ACTIVITIES_PER_CONVERSATION);
    this.events.emit('event', { kind: 'upsert', activity: { ...stored } } satisfies StoreEvent);
    return stored;
  }

  get(conversationId: string, activityId: string): StoredActivity | undefined {
    return this.conversations.get(baseConversationId(conversationId))?.find((a) => a.id === activityId);
  }

  /** Replaces an activity in place (the PUT Teams uses to update a card); undefined if unknown. */
  update(conversationId: string, activityId: string, activity: Record<string, unknown>): StoredActivity | undefined {
    const current = this.get(conversationId, activityId);
    if (!current) return undefined;
    current.activity = { ...activity, id: activityId, conversation: current.activity.conversation, timestamp: current.activity.timestamp };
    current.version += 1;
    current.updatedAt = this.now().toISOString();
    // A snapshot: listeners may hold on to it while later updates change the stored one.
    this.events.emit('event', { kind: 'upsert', activity: { ...current } } satisfies StoreEvent);
    return current;
  }

  delete(conversationId: string, activityId: string): boolean {
    const id = baseConversationId(conversationId);
    const list = this.conversations.get(id);
    const index = list?.findIndex((a) => a.id === activityId) ?? -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    this.events.emit('event', { kind: 'delete', conversationId: id, activityId } satisfies StoreEvent);
    return true;
  }

  list(conversationId: string): StoredActivity[] {
    return [...(this.conversations.get(baseConversationId(conversationId)) ?? [])];
  }

  /** Everything kept, for saving to disk; `restore` takes it back after a restart. */
  snapshot(): Record<string, StoredActivity[]> {
    return Object.fromEntries([...this.conversations].map(([id, list]) => [id, list.map((a) => ({ ...a }))]));
  }

  /** Loads a snapshot into conversations that are empty (a restart), without announcing anything. */
  restore(snapshot: Record<string, StoredActivity[]>): void {
    for (const [id, list] of Object.entries(snapshot)) {
      if (!Array.isArray(list) || (this.conversations.get(id)?.length ?? 0) > 0) continue;
      this.conversations.set(id, list.slice(-MAX_ACTIVITIES_PER_CONVERSATION));
    }
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }
}
