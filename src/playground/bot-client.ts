import { randomUUID } from 'node:crypto';
import { personalConversationId, type Persona, type School } from './school';

/**
 * Speaks to the bot the way the Teams service does: Bot Framework activities POSTed to the bot's
 * messaging endpoint, with `serviceUrl` pointing at the playground's connector so the bot's
 * replies and proactive messages come back to us. Nothing here knows about the survey.
 */
export type Locale = 'nl-BE' | 'en-GB';

export interface BotEndpoint {
  /** The bot's messaging endpoint, e.g. http://localhost:3978/api/messages. */
  messagesUrl: string;
  /** The emulated connector's base URL the bot should call back (ends with a slash). */
  serviceUrl: string;
}

/** An `adaptiveCard/action` invoke answer, as Teams hands it to the card. */
export type InvokeResult =
  | { type: 'card'; card: Record<string, unknown> }
  | { type: 'message'; text: string }
  | { type: 'error'; status: number; message: string };

export class BotUnreachableError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'BotUnreachableError';
  }
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const ACTIVITY_MESSAGE = 'application/vnd.microsoft.activity.message';

export class BotClient {
  constructor(
    private readonly school: School,
    private readonly endpoint: () => BotEndpoint,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private account(p: Persona) {
    return { id: p.teamsId, name: p.name, aadObjectId: p.aadObjectId };
  }

  private teamChannelData() {
    const { school } = this;
    return {
      tenant: { id: school.tenantId },
      team: { id: school.team.id, name: school.team.name, aadGroupId: school.team.aadGroupId },
      channel: { id: school.channel.id },
    };
  }

  /** The envelope every activity shares; `where` decides personal chat or the team channel. */
  envelope(p: Persona, where: 'personal' | 'channel', locale: Locale): Record<string, unknown> {
    const { school } = this;
    const personal = where === 'personal';
    return {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.endpoint().serviceUrl,
      timestamp: new Date().toISOString(),
      localTimestamp: new Date().toISOString(),
      locale,
      from: this.account(p),
      recipient: { id: school.bot.id, name: school.bot.name },
      conversation: personal
        ? { id: personalConversationId(p), conversationType: 'personal', tenantId: school.tenantId }
        : { id: school.channel.id, conversationType: 'channel', isGroup: true, tenantId: school.tenantId },
      channelData: personal ? { tenant: { id: school.tenantId } } : this.teamChannelData(),
      entities: [{ type: 'clientInfo', locale, country: locale.slice(3), platform: 'Web' }],
    };
  }

  private async post(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    let res: Response;
    try {
      res = await this.fetchImpl(this.endpoint().messagesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
    } catch (e) {
      throw new BotUnreachableError(`the bot's messaging endpoint did not answer: ${e instanceof Error ? e.message : String(e)}`);
    }
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // A plain-text body (e.g. an error message) is kept as text.
    }
    if (res.status === 404 || res.status === 401 || res.status === 403) {
      throw new BotUnreachableError(`the bot's messaging endpoint refused the activity (HTTP ${res.status})`, res.status);
    }
    return { status: res.status, body };
  }

  /** The app is added to the team by `installer`: the bot learns the tenant, team, channel and roster. */
  async installInTeam(installer: Persona, locale: Locale): Promise<void> {
    const { school } = this;
    await this.post({
      ...this.envelope(installer, 'channel', locale),
      type: 'conversationUpdate',
      membersAdded: [{ id: school.bot.id }],
      channelData: { ...this.teamChannelData(), eventType: 'teamMemberAdded', settings: { selectedChannel: { id: school.channel.id } } },
    });
  }

  /** The person adds the app for themselves: the bot learns their 1:1 conversation. */
  async installPersonal(p: Persona, locale: Locale): Promise<void> {
    await this.post({
      ...this.envelope(p, 'personal', locale),
      type: 'conversationUpdate',
      membersAdded: [{ id: this.school.bot.id }],
    });
  }

  async sendMessage(p: Persona, where: 'personal' | 'channel', text: string, locale: Locale, id?: string): Promise<void> {
    const activity: Record<string, unknown> = { ...this.envelope(p, where, locale), type: 'message', text, textFormat: 'plain' };
    if (id) activity.id = id;
    if (where === 'channel') {
      // In a channel people @mention the bot; Teams puts the mention in the text and in entities.
      const mention = `<at>${this.school.bot.name}</at>`;
      activity.text = `${mention} ${text}`;
      activity.entities = [
        ...(activity.entities as unknown[]),
        { type: 'mention', text: mention, mentioned: { id: this.school.bot.id, name: this.school.bot.name } },
      ];
    }
    const { status } = await this.post(activity);
    if (status >= 400) throw new BotUnreachableError(`the bot failed to handle the message (HTTP ${status})`, status);
  }

  /** A click on an `Action.Execute` button: Teams' Universal Actions invoke. */
  async executeAction(
    p: Persona,
    where: 'personal' | 'channel',
    replyToId: string,
    action: { verb?: string; data?: unknown; id?: string },
    locale: Locale,
    conversationId?: string,
  ): Promise<InvokeResult> {
    const envelope = this.envelope(p, where, locale);
    if (conversationId) envelope.conversation = { ...(envelope.conversation as object), id: conversationId };
    const { status, body } = await this.post({
      ...envelope,
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId,
      value: { action: { type: 'Action.Execute', id: action.id, verb: action.verb, data: action.data ?? {} }, trigger: 'manual' },
    });
    return interpretInvokeResponse(status, body);
  }
}

/** Reads the invoke response the way the Teams client does. */
export function interpretInvokeResponse(status: number, body: unknown): InvokeResult {
  const b = (body ?? {}) as { statusCode?: number; type?: string; value?: unknown };
  if (status >= 200 && status < 300 && b.type === ADAPTIVE_CARD && b.value && typeof b.value === 'object') {
    return { type: 'card', card: b.value as Record<string, unknown> };
  }
  if (status >= 200 && status < 300 && b.type === ACTIVITY_MESSAGE) return { type: 'message', text: String(b.value ?? '') };
  if (status >= 200 && status < 300 && !b.type) return { type: 'message', text: '' };
  const value = b.value as { message?: string } | string | undefined;
  const message = typeof value === 'string' ? value : (value?.message ?? (typeof body === 'string' ? body : `HTTP ${status}`));
  return { type: 'error', status: b.statusCode ?? status, message };
}
