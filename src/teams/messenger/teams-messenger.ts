import { CardFactory, TeamsInfo, type Activity, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { MessageRef, Messenger, OutboundMessage, PlatformLimits, SendOptions, SendResult } from '../../core/messenger';
import type { Clock, SummaryRepository } from '../../core/ports';
import type { Audience } from '../../core/round';
import { plainDates } from '../../core/views/date-mention';
import type { RoundSummary } from '../../core/summary/model';
import type { Tenant } from '../../core/tenant';
import type { Lang } from '../../core/questionnaire/schema';
import type { Logger } from '../../log';
import { readRoster } from '../bot/roster';
import { conversationReference, teamsTenantKey, type TeamRecord, type TeamsDirectory } from '../directory/teams-directory';
import { TEAMS_LIMITS } from './limits';
import { outboundCard } from './outbound-card';
import { channelMessageLink } from './message-link';
import { mapSendError } from './send-errors';

export interface TeamsMessengerDeps {
  adapter: CloudAdapter;
  /** MicrosoftAppId ('' in Emulator mode). */
  appId: string;
  directory: TeamsDirectory;
  summaries: SummaryRepository;
  clock: Clock;
  logger: Logger;
  /** Where the bot's chart route is reachable over HTTPS (PUBLIC_URL). */
  publicUrl: () => string;
  /** Sends per second per tenant when the operator set fewer than TEAMS_LIMITS' (TEAMS_SENDS_PER_SECOND). */
  sendsPerSecond?: number;
}

const msTenantIdOf = (tenant: Tenant) => tenant.externalId;

/** How long a team whose group id Teams could not give is not asked again (in one process). */
const GROUP_ID_RETRY_MS = 10 * 60_000;

/**
 * The messenger port on Teams: 1:1 messages through the person's conversation with the bot
 * (opened from a team roster when there is none yet), channel posts through the team, in-place
 * updates, rosters as audiences. Sends fail fast and report; the scheduler retries.
 */
export class TeamsMessenger implements Messenger {
  readonly platform = 'teams' as const;
  readonly limits: PlatformLimits;
  /** Team group-id lookups in flight, and when one last could not get an answer (see groupIdOf). */
  private readonly groupIdLookups = new Map<string, Promise<string | undefined>>();
  private readonly groupIdFailures = new Map<string, number>();

  constructor(private readonly deps: TeamsMessengerDeps) {
    this.limits = { ...TEAMS_LIMITS, perTenantPerSecond: Math.min(deps.sendsPerSecond ?? Infinity, TEAMS_LIMITS.perTenantPerSecond) };
  }

  /** The person's language as their activities (or their choice on a card) taught it; see bot/language.ts. */
  async userLanguage(tenant: Tenant, platformUserId: string): Promise<Lang | undefined> {
    return (await this.deps.directory.languageOf(tenant.externalId, platformUserId))?.lang;
  }

  /** Runs `logic` with a connector client for the conversation. */
  private async withConversation<T>(reference: Partial<ConversationReference>, logic: (client: ConnectorClient, context: TurnContext) => Promise<T>): Promise<T> {
    let result: T | undefined;
    let failure: { error: unknown } | undefined;
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
      // The adapter's turn-error handler would swallow a failure; the caller must see it.
      try {
        const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
        result = await logic(client, context);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
    return result as T;
  }

  private async activity(message: OutboundMessage): Promise<Partial<Activity>> {
    const chartUrl = message.kind === 'summary' ? (message.chart?.url ?? (await this.chartUrl(message.summary as RoundSummary, Boolean(message.chart)))) : undefined;
    const { card, summary } = outboundCard(message, chartUrl);
    // The notification line is plain text: dates in our own wording (the card shows them localised).
    return { type: 'message', summary: plainDates(summary), attachments: [CardFactory.adaptiveCard(card)] };
  }

  /** The chart is served by this bot (see http/routes.ts) under the summary's unguessable token. */
  private async chartUrl(summary: RoundSummary, hasChart: boolean): Promise<string | undefined> {
    if (!hasChart) return undefined;
    const record = await this.deps.summaries.get(summary.round.id);
    return record?.chartToken ? `${this.deps.publicUrl().replace(/\/$/, '')}/charts/${record.chartToken}.png` : undefined;
  }

  private async send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string> {
    const conversationId = reference.conversation!.id;
    const response = await this.withConversation(reference, (client) => client.conversations.sendToConversation(conversationId, activity as Activity));
    return response.id ?? '';
  }

  /** Looks up an earlier send under the same key, so a retried job never posts twice. */
  private async once(options: SendOptions | undefined, send: () => Promise<SendResult>): Promise<SendResult> {
    const key = options?.idempotencyKey;
    if (key) {
      const sent = await this.deps.directory.getSent(key);
      if (sent) return { ok: true, messageId: sent.messageId, conversationId: sent.conversationId };
    }
    const result = await send();
    // A crash between the send and this line sends once more on retry: Teams has no way to find
    // a message by our key, so this is as close to exactly-once as the platform allows.
    if (key && result.ok) await this.deps.directory.saveSent(key, { conversationId: result.conversationId ?? '', messageId: result.messageId });
    return result;
  }

  async sendDirect(tenant: Tenant, platformUserId: string, message: OutboundMessage, options?: SendOptions): Promise<SendResult> {
    return this.once(options, async () => this.deliverDirect(tenant, platformUserId, await this.activity(message)));
  }

  /**
   * Any card into the person's 1:1 chat with the bot (opened from a roster when needed): where a
   * coordinator's command typed in a team channel is answered, so no form lands where others
   * could press it.
   */
  async sendCardDirect(tenant: Tenant, platformUserId: string, card: Record<string, unknown>): Promise<SendResult> {
    return this.deliverDirect(tenant, platformUserId, { type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
  }

  private async deliverDirect(tenant: Tenant, platformUserId: string, activity: Partial<Activity>): Promise<SendResult> {
    const { directory } = this.deps;
    const personal = await directory.getPersonal(teamsTenantKey(msTenantIdOf(tenant)), platformUserId);
    let staleChat: SendResult | undefined;
    if (personal) {
      const reference = conversationReference({ ...personal, msTenantId: personal.msTenantId, group: false });
      try {
        return { ok: true, messageId: await this.send(reference, activity), conversationId: personal.conversationId };
      } catch (e) {
        const failure = mapSendError(e);
        // A stale 1:1 (e.g. the person removed the app) is opened again below from the roster.
        if (failure.retryable || failure.reason !== 'user_left') return failure;
        staleChat = failure;
      }
    }
    const found = await directory.findMember(tenant.id, platformUserId);
    // Gone from the chat and from every roster: the person left, rather than never being reachable.
    if (!found) return staleChat ?? { ok: false, retryable: false, reason: 'not_installed', detail: 'no 1:1 conversation and not in any roster the bot knows' };
    try {
      const conversationId = await this.openPersonal(tenant, found.team, found.member.id, found.member.name, platformUserId);
      const reference = conversationReference({ serviceUrl: found.team.serviceUrl, botId: found.team.botId, conversationId, msTenantId: msTenantIdOf(tenant), group: false });
      return { ok: true, messageId: await this.send(reference, activity), conversationId };
    } catch (e) {
      return mapSendError(e);
    }
  }

  /** Creates (or gets back: Teams keeps one per person) the 1:1 conversation and stores it. */
  private async openPersonal(tenant: Tenant, team: TeamRecord, memberId: string, name: string | undefined, platformUserId: string): Promise<string> {
    let conversationId = '';
    const msTenantId = msTenantIdOf(tenant);
    await this.deps.adapter.createConversationAsync(
      this.deps.appId,
      'msteams',
      team.serviceUrl,
      '',
      { isGroup: false, bot: { id: team.botId, name: 'Zorgspiegel' }, members: [{ id: memberId, name: name ?? '' }], tenantId: msTenantId, channelData: { tenant: { id: msTenantId } } } as never,
      async (context) => {
        conversationId = context.activity.conversation.id;
      },
    );
    await this.deps.directory.savePersonal({
      kind: 'personal',
      tenantId: teamsTenantKey(msTenantId),
      msTenantId,
      platformUserId,
      memberId,
      ...(name ? { name } : {}),
      serviceUrl: team.serviceUrl,
      botId: team.botId,
      conversationId,
      updatedAt: this.deps.clock.now().toISOString(),
    });
    return conversationId;
  }

  async updateMessage(tenant: Tenant, ref: MessageRef, message: OutboundMessage): Promise<SendResult> {
    const { directory } = this.deps;
    const personal = await directory.personalByConversation(teamsTenantKey(msTenantIdOf(tenant)), ref.conversationId);
    const team = personal ? undefined : ((await directory.teamOfChannel(tenant.id, ref.conversationId)) ?? (await directory.teams(tenant.id))[0]);
    const via = personal ?? team;
    if (!via) return { ok: false, retryable: false, reason: 'not_installed', detail: 'no conversation the bot knows in this tenant' };
    const reference = conversationReference({ serviceUrl: via.serviceUrl, botId: via.botId, conversationId: ref.conversationId, msTenantId: msTenantIdOf(tenant), group: !personal });
    try {
      const activity = { ...(await this.activity(message)), id: ref.messageId };
      await this.withConversation(reference, (_client, context) => context.updateActivity(activity));
      return { ok: true, messageId: ref.messageId, conversationId: ref.conversationId };
    } catch (e) {
      return mapSendError(e, personal ? 'direct' : 'channel');
    }
  }

  async postToChannel(tenant: Tenant, channelId: string, message: OutboundMessage, options?: SendOptions): Promise<SendResult> {
    const posted = await this.once(options, async () => {
      const team = await this.deps.directory.teamOfChannel(tenant.id, channelId);
      if (!team) return { ok: false, retryable: false, reason: 'channel_not_found', detail: `no installed team has channel ${channelId}` };
      const reference = conversationReference({ serviceUrl: team.serviceUrl, botId: team.botId, conversationId: channelId, msTenantId: msTenantIdOf(tenant), group: true });
      try {
        return { ok: true, messageId: await this.send(reference, await this.activity(message)), conversationId: channelId };
      } catch (e) {
        return mapSendError(e, 'channel');
      }
    });
    if (!posted.ok || message.kind !== 'summary') return posted;
    return this.postReplies(tenant, channelId, posted, message, options?.idempotencyKey);
  }

  /**
   * The summary's details as replies under the overview, in order, each under its own key so a
   * retry sends only those that did not go out yet. A passing failure makes the whole post
   * retryable (the overview is found under its key and not posted again); a permanent one is
   * logged and the overview stands.
   */
  private async postReplies(tenant: Tenant, channelId: string, root: Extract<SendResult, { ok: true }>, message: OutboundMessage, key: string | undefined): Promise<SendResult> {
    const replies = outboundCard(message).replies ?? [];
    if (replies.length === 0) return root;
    const team = await this.deps.directory.teamOfChannel(tenant.id, channelId);
    if (!team) return root;
    // A reply in a channel thread is sent to the thread's conversation id: "<channel>;messageid=<root>".
    const thread = `${channelId};messageid=${root.messageId}`;
    const reference = conversationReference({ serviceUrl: team.serviceUrl, botId: team.botId, conversationId: thread, msTenantId: msTenantIdOf(tenant), group: true });
    for (const [i, card] of replies.entries()) {
      const result = await this.once(key ? { idempotencyKey: `${key}:reply:${i}` } : undefined, async () => {
        try {
          return { ok: true, messageId: await this.send(reference, { type: 'message', attachments: [CardFactory.adaptiveCard(card)] }), conversationId: thread };
        } catch (e) {
          return mapSendError(e, 'channel');
        }
      });
      if (!result.ok && result.retryable) return result;
      if (!result.ok) {
        this.deps.logger.warn({ channelId, reply: i, reason: result.reason }, 'a summary detail reply could not be posted');
        return root;
      }
    }
    return root;
  }

  /**
   * A team's roster, read again (paged) so people who joined since the install are invited; when
   * Teams cannot be asked right now, the roster stored at install or last refresh is used.
   */
  async resolveAudience(tenant: Tenant, audience: Audience): Promise<string[]> {
    const { directory, logger } = this.deps;
    if (audience.kind !== 'team' && audience.kind !== 'channel') return [];
    const team = await directory.teamOfChannel(tenant.id, audience.id);
    if (!team) return [];
    try {
      const reference = conversationReference({ serviceUrl: team.serviceUrl, botId: team.botId, conversationId: team.teamId, msTenantId: msTenantIdOf(tenant), group: true });
      const members = await this.withConversation(reference, (_client, context) => readRoster(context, team.teamId));
      await directory.saveTeam({ ...team, members, rosterUpdatedAt: this.deps.clock.now().toISOString() });
      return members.map((m) => m.platformUserId);
    } catch (e) {
      logger.warn({ err: e, teamId: team.teamId }, 'Teams roster refresh failed; using the stored roster');
      return team.members.map((m) => m.platformUserId);
    }
  }

  /** A deep link to a post in one of the school's team channels (the published summary); see message-link.ts. */
  async messageLink(tenant: Tenant, ref: MessageRef): Promise<string | undefined> {
    const team = await this.deps.directory.teamOfChannel(tenant.id, ref.conversationId);
    if (!team) return undefined;
    const aadGroupId = team.aadGroupId ?? (await this.groupIdOf(tenant, team));
    return channelMessageLink({ ...team, ...(aadGroupId ? { aadGroupId } : {}) }, ref.conversationId, ref.messageId);
  }

  /**
   * The team's group id for a team installed before it was kept (or whose install event lacked
   * it): asked of Teams once (the team's details), then stored with the team. Concurrent asks for
   * one team in this process share one request. Undefined when Teams cannot say: the message then
   * names the channel, as before, and this process does not ask again for a while (one results
   * message per colleague would otherwise ask, and log, sixty times).
   */
  private groupIdOf(tenant: Tenant, team: TeamRecord): Promise<string | undefined> {
    const key = `${tenant.id}\u0000${team.teamId}`;
    const failedAt = this.groupIdFailures.get(key);
    if (failedAt !== undefined && this.deps.clock.now().getTime() - failedAt < GROUP_ID_RETRY_MS) return Promise.resolve(undefined);
    let pending = this.groupIdLookups.get(key);
    if (!pending) {
      pending = (async () => {
        try {
          const reference = conversationReference({ serviceUrl: team.serviceUrl, botId: team.botId, conversationId: team.teamId, msTenantId: msTenantIdOf(tenant), group: true });
          const details = await this.withConversation(reference, (_client, context) => TeamsInfo.getTeamDetails(context, team.teamId));
          const aadGroupId = typeof details?.aadGroupId === 'string' && details.aadGroupId ? details.aadGroupId : undefined;
          if (!aadGroupId) {
            this.groupIdFailures.set(key, this.deps.clock.now().getTime());
            return undefined;
          }
          // Stored on the team as it is now (its roster may have been refreshed meanwhile).
          const current = await this.deps.directory.getTeam(team.teamId);
          if (current) await this.deps.directory.saveTeam({ ...current, aadGroupId });
          return aadGroupId;
        } catch (e) {
          this.groupIdFailures.set(key, this.deps.clock.now().getTime());
          this.deps.logger.warn({ err: e, teamId: team.teamId }, "could not read the team's group id; the results message names the channel instead");
          return undefined;
        } finally {
          this.groupIdLookups.delete(key);
        }
      })();
      this.groupIdLookups.set(key, pending);
    }
    return pending;
  }

  async loadNames(tenant: Tenant): Promise<void> {
    await this.deps.directory.loadNames(msTenantIdOf(tenant));
  }

  displayName(tenant: Tenant, platformUserId: string): string {
    return this.deps.directory.nameOf(msTenantIdOf(tenant), platformUserId) ?? platformUserId;
  }
}
