import type { MessageRef, Messenger, OutboundMessage, PlatformLimits, SendOptions, SendResult } from '../core/messenger';
import type { Audience } from '../core/round';
import type { RoundSummary } from '../core/summary';
import type { Tenant } from '../core/tenant';
import type { Lang } from '../core/questionnaire/schema';
import { resolveLang } from '../i18n';
import type { Logger } from '../log';
import { findBlockKitViolations, SLACK_RATE_LIMITS } from './limits';
import { invitationMessage, reminderMessage, type SlackMessage } from './presenters/invitation';
import { noticeBlocks, noticeText } from './presenters/notice';
import { plainDates } from './presenters/slack-dates';
import { summaryPost } from './presenters/summary';
import type { WebClient } from './slack-types';
import type { UserDirectory } from './user-directory';
import { slackErrorCode, toSendFailure } from './web-api-errors';
import type { SlackClients } from './web-client';

/** Finds the bot token of a tenant's workspace (the env token, or the stored installation). */
export type BotTokenSource = (tenant: Tenant) => Promise<string | undefined>;

/** The metadata event type our messages carry, so a retried send can find the message it already made. */
export const MESSAGE_METADATA_TYPE = 'zorgspiegel_message';

/** How far back a retried send looks for its own earlier message in a DM. */
const HISTORY_LOOKBACK = 20;

type Rendered = SlackMessage;

function render(message: OutboundMessage): Rendered {
  const rendered = renderBlocks(message);
  // The notification text (push, screen readers, old clients) is plain: dates as our fallback wording.
  return { ...rendered, text: plainDates(rendered.text) };
}

function renderBlocks(message: OutboundMessage): Rendered {
  switch (message.kind) {
    case 'invitation':
      return invitationMessage(message.view);
    case 'reminder':
      return reminderMessage(message.view);
    case 'notice':
      return { text: noticeText(message.view), blocks: noticeBlocks(message.view) };
    case 'summary':
      return summaryPost(asSummary(message.summary)).main;
  }
}

function asSummary(value: unknown): RoundSummary {
  const s = value as Partial<RoundSummary> | null;
  if (!s || typeof s !== 'object' || s.version !== 1 || !s.round || !Array.isArray(s.dimensions)) throw new Error('not a summary model (version 1)');
  return s as RoundSummary;
}

class NotInstalledError extends Error {
  constructor(tenantId: string) {
    super(`the Slack app has no bot token for ${tenantId}`);
  }
}

/** Channel posts already made, by idempotency key; kept in MongoDB so every process sees them. */
export interface SentChannelPosts {
  get(key: string): Promise<MessageRef | null>;
  save(key: string, ref: MessageRef): Promise<void>;
}

/**
 * The messenger port on the Slack Web API:
 *  - sendDirect: conversations.open + chat.postMessage (the DM channel and message ts are the
 *    conversation and message ids), with the idempotency key in the message metadata so a retry
 *    after an unknown outcome finds the message instead of sending a second one;
 *  - updateMessage: chat.update;
 *  - postToChannel: the summary as blocks, the chart via files.uploadV2, details and an
 *    invitation to discuss as thread replies;
 *  - resolveAudience: conversations.members (paged) or usergroups.users.list, without bots and
 *    deactivated accounts.
 */
export class SlackMessenger implements Messenger {
  readonly platform = 'slack' as const;
  readonly limits: PlatformLimits;
  /** DM channel per user; stable for the lifetime of a workspace. */
  private readonly dmChannels = new Map<string, string>();
  /** Sends finished in this process, by idempotency key: a retry in the same process costs no API call. */
  private readonly sent = new Map<string, Promise<SendResult>>();

  constructor(
    private readonly deps: {
      clients: SlackClients;
      tokens: BotTokenSource;
      directory: UserDirectory;
      logger: Logger;
      limits?: PlatformLimits;
      /** Channel posts made, by idempotency key, in the database (see postToChannel). */
      channelPosts?: SentChannelPosts;
    },
  ) {
    this.limits = deps.limits ?? SLACK_RATE_LIMITS;
  }

  /** The user's Slack locale (users.info, cached by the directory) as one of our languages. */
  async userLanguage(tenant: Tenant, platformUserId: string): Promise<Lang | undefined> {
    try {
      const locale = await this.deps.directory.locale(await this.client(tenant), tenant.externalId, platformUserId);
      // A locale we do not speak (fr-FR) is no answer: the round's language applies then.
      const lang = resolveLang(locale, 'nl');
      return locale && resolveLang(locale, 'en') === lang ? lang : undefined;
    } catch {
      return undefined;
    }
  }

  private async client(tenant: Tenant): Promise<WebClient> {
    const token = await this.deps.tokens(tenant);
    if (!token) throw new NotInstalledError(tenant.id);
    return this.deps.clients.for(token);
  }

  private failure(e: unknown): SendResult {
    if (e instanceof NotInstalledError) return { ok: false, retryable: false, reason: 'not_installed', detail: e.message };
    return toSendFailure(e);
  }

  private check(payload: unknown, what: string): void {
    // Presenters keep to the limits; this is a tripwire that shows up in the logs, not a gate.
    const problems = findBlockKitViolations(payload);
    if (problems.length) this.deps.logger.error({ problems, what }, 'Block Kit limits exceeded');
  }

  /** Runs a send once per idempotency key in this process; a concurrent retry waits for the first. */
  private once(key: string | undefined, send: () => Promise<SendResult>): Promise<SendResult> {
    if (!key) return send();
    const earlier = this.sent.get(key);
    if (earlier) return earlier;
    const attempt = send().then((result) => {
      // Only a success is remembered: a failure must be tried again for real.
      if (!result.ok) this.sent.delete(key);
      return result;
    });
    this.sent.set(key, attempt);
    return attempt;
  }

  async resolveAudience(tenant: Tenant, audience: Audience): Promise<string[]> {
    const client = await this.client(tenant);
    let ids: string[] = [];
    if (audience.kind === 'channel') {
      let cursor: string | undefined;
      do {
        const res = await client.conversations.members({ channel: audience.id, limit: 200, ...(cursor ? { cursor } : {}) });
        ids.push(...(res.members ?? []));
        cursor = res.response_metadata?.next_cursor || undefined;
      } while (cursor);
    } else if (audience.kind === 'usergroup') {
      const res = await client.usergroups.users.list({ usergroup: audience.id });
      ids = res.users ?? [];
    } else if (audience.kind === 'list') {
      ids = audience.id.split(',').map((s) => s.trim()).filter(Boolean);
    } else {
      throw new Error(`audience kind ${audience.kind} does not exist in Slack`);
    }
    const people: string[] = [];
    for (const id of [...new Set(ids)]) {
      const info = await this.deps.directory.get(client, tenant.externalId, id).catch(() => undefined);
      // Bots and deactivated accounts cannot answer; someone we cannot look up is invited anyway
      // (a failed delivery is reported to the coordinator, a silent skip would not be).
      if (info && (info.isBot || info.deleted)) continue;
      people.push(id);
    }
    return people;
  }

  private async dmChannel(client: WebClient, tenant: Tenant, userId: string): Promise<string> {
    const key = `${tenant.id}:${userId}`;
    const known = this.dmChannels.get(key);
    if (known) return known;
    const res = await client.conversations.open({ users: userId });
    const channel = res.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    this.dmChannels.set(key, channel);
    return channel;
  }

  /** A message we already sent under this key (a retry after a crash or a timeout), if any. */
  private async findSent(client: WebClient, channel: string, key: string): Promise<string | undefined> {
    try {
      const res = await client.conversations.history({ channel, limit: HISTORY_LOOKBACK, include_all_metadata: true });
      const match = (res.messages ?? []).find((m) => {
        const meta = (m as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }).metadata;
        return meta?.event_type === MESSAGE_METADATA_TYPE && meta.event_payload?.key === key;
      });
      return match?.ts;
    } catch (e) {
      // Without im:history we cannot look; sending is then at-least-once, which the scheduler's
      // own bookkeeping already makes rare.
      this.deps.logger.debug({ err: slackErrorCode(e) ?? String(e) }, 'could not read the DM history for an idempotency check');
      return undefined;
    }
  }

  private metadata(key: string | undefined) {
    return key ? { metadata: { event_type: MESSAGE_METADATA_TYPE, event_payload: { key } } } : {};
  }

  sendDirect(tenant: Tenant, platformUserId: string, message: OutboundMessage, options: SendOptions = {}): Promise<SendResult> {
    const key = options.idempotencyKey;
    return this.once(key && `${tenant.id}:${key}`, async () => {
      try {
        const client = await this.client(tenant);
        const channel = await this.dmChannel(client, tenant, platformUserId);
        if (key) {
          const existing = await this.findSent(client, channel, key);
          if (existing) return { ok: true, messageId: existing, conversationId: channel };
        }
        const rendered = render(message);
        this.check(rendered, `direct ${message.kind}`);
        const res = await client.chat.postMessage({ channel, text: rendered.text, blocks: rendered.blocks, ...this.metadata(key) });
        return { ok: true, messageId: String(res.ts), conversationId: String(res.channel ?? channel) };
      } catch (e) {
        return this.failure(e);
      }
    });
  }

  async updateMessage(tenant: Tenant, ref: MessageRef, message: OutboundMessage): Promise<SendResult> {
    try {
      const client = await this.client(tenant);
      const rendered = render(message);
      this.check(rendered, `update ${message.kind}`);
      const res = await client.chat.update({ channel: ref.conversationId, ts: ref.messageId, text: rendered.text, blocks: rendered.blocks });
      return { ok: true, messageId: String(res.ts ?? ref.messageId), conversationId: String(res.channel ?? ref.conversationId) };
    } catch (e) {
      return this.failure(e);
    }
  }

  /**
   * A post into a channel. A DM retried after a crash is found in the DM's history (im:history);
   * a channel's history would need channels:history and groups:history, so a channel post is
   * recorded under its key in the database as soon as Slack has it, and a retry — on another
   * process, after a restart, or a job that runs again (a vote closed early and then at its
   * closing time) — finds that record instead of posting twice. Only a crash between Slack's
   * answer and that record can still post twice.
   */
  postToChannel(tenant: Tenant, channelId: string, message: OutboundMessage, options: SendOptions = {}): Promise<SendResult> {
    // The channel is part of the key: the same summary posted into a newly chosen team channel is a new post.
    const key = options.idempotencyKey && `${tenant.id}:${channelId}:${options.idempotencyKey}`;
    return this.once(key, async () => {
      try {
        const earlier = key ? await this.deps.channelPosts?.get(key) : null;
        if (earlier) return { ok: true, messageId: earlier.messageId, conversationId: earlier.conversationId };
        const posted = async (result: Extract<SendResult, { ok: true }>) => {
          if (key) await this.deps.channelPosts?.save(key, { conversationId: result.conversationId ?? channelId, messageId: result.messageId });
          return result;
        };
        const client = await this.client(tenant);
        if (message.kind !== 'summary') {
          const rendered = render(message);
          this.check(rendered, `channel ${message.kind}`);
          const res = await client.chat.postMessage({ channel: channelId, text: rendered.text, blocks: rendered.blocks, ...this.metadata(options.idempotencyKey) });
          return await posted({ ok: true, messageId: String(res.ts), conversationId: String(res.channel ?? channelId) });
        }
        return await this.postSummary(client, channelId, message, options.idempotencyKey, posted);
      } catch (e) {
        return this.failure(e);
      }
    });
  }

  /**
   * The main post decides success: once it is in the channel the summary is published, and the
   * chart, details and discussion prompt that follow are best effort (logged when they fail)
   * so a retry never posts the summary a second time.
   */
  private async postSummary(
    client: WebClient,
    channel: string,
    message: Extract<OutboundMessage, { kind: 'summary' }>,
    key: string | undefined,
    posted: (result: Extract<SendResult, { ok: true }>) => Promise<SendResult>,
  ): Promise<SendResult> {
    const post = summaryPost(asSummary(message.summary));
    this.check(post.main, 'summary');
    const main = await client.chat.postMessage({ channel, text: post.main.text, blocks: post.main.blocks, unfurl_links: false, ...this.metadata(key) });
    const ts = String(main.ts);
    // Recorded before the chart and the thread: a crash among those must not post the summary again.
    const result = await posted({ ok: true, messageId: ts, conversationId: String(main.channel ?? channel) });
    const followUp = async (what: string, call: () => Promise<unknown>) => {
      try {
        await call();
      } catch (e) {
        this.deps.logger.warn({ err: slackErrorCode(e) ?? String(e), what, channel }, 'part of the summary could not be posted');
      }
    };
    // The chart goes into the channel right under the post (not into the thread) so everyone sees it.
    if (message.chart) {
      const chart = message.chart;
      await followUp('chart', () =>
        client.filesUploadV2({ channel_id: channel, file: chart.png, filename: 'zorgspiegel.png', title: chart.altText.slice(0, 250), alt_text: chart.altText.slice(0, 1000) }),
      );
    }
    for (const part of post.details) {
      this.check(part, 'summary details');
      await followUp('details', () => client.chat.postMessage({ channel, thread_ts: ts, text: part.text, blocks: part.blocks, unfurl_links: false }));
    }
    await followUp('discussion', () => client.chat.postMessage({ channel, thread_ts: ts, text: post.discussion.text, blocks: post.discussion.blocks }));
    return result;
  }

  /** Slack's permalink to the post (chat.getPermalink); undefined when Slack cannot give one. */
  async messageLink(tenant: Tenant, ref: MessageRef): Promise<string | undefined> {
    try {
      const client = await this.client(tenant);
      const res = await client.chat.getPermalink({ channel: ref.conversationId, message_ts: ref.messageId });
      return typeof res.permalink === 'string' ? res.permalink : undefined;
    } catch (e) {
      this.deps.logger.debug({ err: slackErrorCode(e) ?? String(e) }, 'no permalink for the summary');
      return undefined;
    }
  }

  displayName(_tenant: Tenant, platformUserId: string): string {
    // Slack renders a mention as the person's current name, in every client and language.
    return `<@${platformUserId}>`;
  }
}
