import { randomUUID } from 'node:crypto';
import { BOT, cardText, type Person, type TeamRef } from '../../teams/teams-harness';
import type { FakeBotConnector } from '../../teams/fake-bot-connector';

/**
 * What Teams sends to the bot's /api/messages for one school (a Microsoft tenant and one of its
 * teams), posted to `url` (here: the load balancer). Replies arrive at the fake Bot Connector,
 * which is the activities' serviceUrl. The same envelopes as test/teams/teams-harness.ts.
 */
export class TeamsSchool {
  constructor(
    readonly url: string,
    readonly connector: FakeBotConnector,
    readonly msTenant: string,
    readonly team: TeamRef,
  ) {}

  private envelope(p: Person, where: 'personal' | 'channel'): Record<string, unknown> {
    const personal = where === 'personal';
    return {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      timestamp: new Date().toISOString(),
      locale: 'nl-BE',
      from: { id: p.id, name: p.name, aadObjectId: p.aadObjectId },
      recipient: BOT,
      conversation: personal
        ? { id: `a:dm-${p.id}`, conversationType: 'personal', tenantId: this.msTenant }
        : { id: this.team.id, conversationType: 'channel', isGroup: true, tenantId: this.msTenant },
      channelData: personal ? { tenant: { id: this.msTenant } } : { tenant: { id: this.msTenant }, team: { id: this.team.id, name: this.team.name }, channel: { id: this.team.id } },
    };
  }

  private async post(activity: Record<string, unknown>): Promise<{ status: number; text: string }> {
    const res = await fetch(`${this.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    return { status: res.status, text: await res.text() };
  }

  /** The bot added to the school's team (Teams' conversationUpdate): installs the school. */
  async install(installer: Person): Promise<void> {
    const base = this.envelope(installer, 'channel');
    const res = await this.post({ ...base, type: 'conversationUpdate', membersAdded: [{ id: BOT.id }], channelData: { ...(base.channelData as object), eventType: 'teamMemberAdded' } });
    if (res.status >= 300) throw new Error(`install of ${this.msTenant} failed: HTTP ${res.status} ${res.text}`);
  }

  /** A message that @mentions the bot in the team's channel; resolves to the card it answered with (in the channel or in private). */
  async say(p: Person, text: string, wanted: (card: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
    const mention = `<at>${BOT.name}</at>`;
    const activity = { ...this.envelope(p, 'channel'), type: 'message', text: `${mention} ${text}`, entities: [{ type: 'mention', text: mention, mentioned: BOT }] };
    const before = this.connector.sent.length;
    const res = await this.post(activity);
    if (res.status >= 300) throw new Error(`"${text}" failed: HTTP ${res.status} ${res.text}`);
    // The bot answers in the channel, or privately in the person's 1:1 chat (a form only they may use).
    const replies = this.connector.sent.slice(before).filter((s) => s.conversationId === this.team.id || s.conversationId === `a:dm-${p.id}`);
    const reply = replies
      .map((s) => (s.activity.attachments as { content?: Record<string, unknown> }[] | undefined)?.[0]?.content)
      .find((card) => card !== undefined && wanted(card));
    if (!reply) throw new Error(`the bot answered "${text}" in ${this.msTenant} without a card: ${JSON.stringify(replies.map((r) => r.activity.text ?? cardText((r.activity.attachments as { content?: unknown }[] | undefined)?.[0]?.content)))}`);
    return reply;
  }

  /** A click on an Action.Execute button (by default on a card in the person's 1:1 chat); resolves to the card the bot answered with. */
  async invoke(p: Person, verb: string, data: Record<string, unknown>, where: 'personal' | 'channel' = 'personal'): Promise<Record<string, unknown> | undefined> {
    const res = await this.post({
      ...this.envelope(p, where),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: `card-${randomUUID()}`,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
    if (res.status >= 300) throw new Error(`${verb} failed: HTTP ${res.status} ${res.text}`);
    const body = (res.text ? JSON.parse(res.text) : {}) as { type?: string; value?: Record<string, unknown> };
    return body.type === 'application/vnd.microsoft.card.adaptive' ? body.value : undefined;
  }
}
