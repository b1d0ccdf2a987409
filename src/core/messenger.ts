import type { Lang } from './questionnaire/schema';
import type { Audience } from './round';
import type { Platform, Tenant } from './tenant';
import type { InvitationView, NoticeView, ReminderView } from './views/types';

/**
 * The messenger port: what the core asks of a chat platform. Slack, Teams and the playground
 * each implement it; the core never sees Block Kit or Adaptive Cards. Views are platform-neutral
 * and already localised; the adapter turns them into its own wire format.
 */
export type OutboundMessage =
  | { kind: 'invitation'; view: InvitationView }
  | { kind: 'reminder'; view: ReminderView }
  | { kind: 'notice'; view: NoticeView }
  /** The published summary; `summary` is the core's summary model (src/core/summary). */
  | { kind: 'summary'; summary: unknown; chart?: { png: Buffer; altText: string; url?: string } };

export type PermanentFailureReason = 'user_left' | 'bot_blocked' | 'not_installed' | 'channel_not_found' | 'other';

export type SendResult =
  | { ok: true; messageId: string; conversationId?: string }
  | { ok: false; retryable: true; retryAfterMs?: number; detail: string }
  | { ok: false; retryable: false; reason: PermanentFailureReason; detail: string };

/**
 * Options for a send. `idempotencyKey` names the logical message ("invitation:<round>:<user>"):
 * the scheduler gives the same key on every retry of the same message, and an adapter that was
 * given a key must not deliver a second message for it — it looks for a message it already sent
 * with that key (Slack: message `metadata` in the conversation; Teams: the activity id it stored
 * under the key) and returns that one as the result instead. See src/orchestration/README.md.
 */
export interface SendOptions {
  idempotencyKey?: string;
}

export interface MessageRef {
  conversationId: string;
  messageId: string;
}

/** Documented platform limits the sender paces itself to, so it rarely meets a 429. */
export interface PlatformLimits {
  /** Messages per second into one conversation (Slack: ~1/s per channel). */
  perConversationPerSecond: number;
  /** Requests per second for the whole app in one workspace/tenant (Slack tier ~ 1/s for chat.postMessage bursts; Teams ~50/s). */
  perTenantPerSecond: number;
}

export interface Messenger {
  readonly platform: Platform;
  readonly limits: PlatformLimits;
  /** Platform user ids of everyone the audience stands for (channel members, user group, team roster). */
  resolveAudience(tenant: Tenant, audience: Audience): Promise<string[]>;
  sendDirect(tenant: Tenant, platformUserId: string, message: OutboundMessage, options?: SendOptions): Promise<SendResult>;
  updateMessage(tenant: Tenant, ref: MessageRef, message: OutboundMessage): Promise<SendResult>;
  postToChannel(tenant: Tenant, channelId: string, message: OutboundMessage, options?: SendOptions): Promise<SendResult>;
  /** The person's chat language if the platform tells (Slack: the user's locale); undefined when unknown. */
  userLanguage?(tenant: Tenant, platformUserId: string): Promise<Lang | undefined>;
  /** A short human name for a user id ("@An", "An Peeters"), for coordinator lists. */
  displayName(tenant: Tenant, platformUserId: string): string;
  /**
   * Makes displayName current for this tenant when the adapter answers it from names it keeps
   * (Teams: from the rosters other processes may have stored since this one started). Called
   * before a post everyone reads is rendered.
   */
  loadNames?(tenant: Tenant): Promise<void>;
  /** A link that opens a message the bot posted (the published summary), when the platform has one. */
  messageLink?(tenant: Tenant, ref: MessageRef): Promise<string | undefined>;
}

/** One process can serve several platforms at once; the tenant says which messenger to use. */
export class MessengerRegistry {
  private readonly byPlatform = new Map<Platform, Messenger>();
  register(messenger: Messenger): void {
    this.byPlatform.set(messenger.platform, messenger);
  }
  for(tenant: Pick<Tenant, 'platform'>): Messenger {
    const m = this.byPlatform.get(tenant.platform);
    if (!m) throw new Error(`no messenger registered for platform ${tenant.platform}`);
    return m;
  }
  has(platform: Platform): boolean {
    return this.byPlatform.has(platform);
  }
}
