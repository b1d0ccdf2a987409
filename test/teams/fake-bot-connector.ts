import type { Server } from 'node:http';
import express, { type Request, type Response } from 'express';

/**
 * A small Bot Connector on loopback: the REST API botbuilder's ConnectorClient calls at an
 * activity's `serviceUrl`. It answers the calls Zorgspiegel makes the way the Teams service does
 * (send, reply, update, create a 1:1, paged roster, team channels, one member) and records
 * everything the bot sends, so tests can read the cards people would see.
 */
/** 3 March 2026 09:00 UTC in milliseconds: the fake's channel post ids count up from here. */
const CHANNEL_POST_EPOCH = 1_772_528_400_000;

export interface RosterMember {
  id: string;
  aadObjectId?: string;
  name: string;
}

export interface SentActivity {
  seq: number;
  conversationId: string;
  activityId: string;
  kind: 'send' | 'reply' | 'update';
  replyToId?: string;
  activity: Record<string, unknown>;
  /** When the fake received it (Date.now()), for rate checks. */
  at: number;
}

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: unknown;
}

export interface InjectedFailure {
  method?: string;
  /** Matched against the decoded path. */
  path?: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many calls it applies to (default 1). */
  times?: number;
}

export class FakeBotConnector {
  readonly calls: RecordedCall[] = [];
  readonly sent: SentActivity[] = [];
  /** Team id → roster; the paged endpoint serves it `pageSize` at a time, whatever the bot asks. */
  readonly rosters = new Map<string, RosterMember[]>();
  readonly channels = new Map<string, { id: string; name?: string }[]>();
  /** What GET /v3/teams/{teamId} answers (TeamsInfo.getTeamDetails): the team's name and group id. */
  readonly teamDetails = new Map<string, { name?: string; aadGroupId?: string }>();
  readonly createdConversations: { conversationId: string; body: Record<string, unknown> }[] = [];
  private readonly failures: InjectedFailure[] = [];
  private server?: Server;
  private seq = 0;

  constructor(readonly pageSize = 4) {}

  get url(): string {
    const address = this.server?.address();
    if (!address || typeof address !== 'object') throw new Error('fake connector not started');
    return `http://127.0.0.1:${address.port}/`;
  }

  /** The next matching call(s) fail with this status and body. */
  failNext(failure: InjectedFailure): void {
    this.failures.push({ times: 1, ...failure });
  }

  addTeam(teamId: string, members: RosterMember[], channels: { id: string; name?: string }[] = [{ id: teamId }]): void {
    this.rosters.set(teamId, members);
    this.channels.set(teamId, channels);
  }

  /** Every card the bot sent or put into a conversation (updates included), oldest first. */
  cards(conversationId?: string): { conversationId: string; activityId: string; card: Record<string, unknown>; kind: SentActivity['kind'] }[] {
    return this.sent
      .filter((s) => !conversationId || s.conversationId === conversationId)
      .flatMap((s) =>
        ((s.activity.attachments as { contentType?: string; content?: Record<string, unknown> }[] | undefined) ?? [])
          .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive' && a.content)
          .map((a) => ({ conversationId: s.conversationId, activityId: s.activityId, card: a.content!, kind: s.kind })),
      );
  }

  lastCard(conversationId: string): Record<string, unknown> {
    const cards = this.cards(conversationId);
    if (!cards.length) throw new Error(`no card in ${conversationId}; sent to: ${[...new Set(this.sent.map((s) => s.conversationId))].join(', ')}`);
    return cards[cards.length - 1]!.card;
  }

  /** The 1:1 conversation id the fake hands out for a member (Teams keeps one per person). */
  static personalConversationId(memberId: string): string {
    return `a:dm-${memberId}`;
  }

  private injected(req: Request, res: Response): boolean {
    const index = this.failures.findIndex((f) => (!f.method || f.method === req.method) && (!f.path || f.path.test(decodeURIComponent(req.path))));
    if (index < 0) return false;
    const failure = this.failures[index]!;
    if (--failure.times! <= 0) this.failures.splice(index, 1);
    res.status(failure.status).set(failure.headers ?? {});
    if (failure.body === undefined) res.end();
    else res.json(failure.body);
    return true;
  }

  private allMembers(): RosterMember[] {
    return [...this.rosters.values()].flat();
  }

  async start(): Promise<void> {
    const app = express();
    app.use(express.json({ limit: '5mb' }));
    app.use((req, res, next) => {
      this.calls.push({ method: req.method, path: decodeURIComponent(req.path), query: { ...req.query }, body: req.body });
      if (!this.injected(req, res)) next();
    });

    const record = (req: Request, res: Response, kind: SentActivity['kind']) => {
      const conversationId = req.params.conversationId as string;
      // Teams gives a new post in a channel (not a reply in its thread) its creation time in
      // milliseconds as id; other messages get an opaque id.
      const channelPost = kind === 'send' && conversationId.startsWith('19:') && !conversationId.includes(';messageid=');
      const activityId = kind === 'update' ? (req.params.activityId as string) : channelPost ? String(CHANNEL_POST_EPOCH + ++this.seq) : `act-${++this.seq}`;
      this.sent.push({ seq: this.seq, conversationId, activityId, kind, ...(kind === 'reply' ? { replyToId: req.params.activityId as string } : {}), activity: req.body, at: Date.now() });
      res.json({ id: activityId });
    };
    app.post('/v3/conversations/:conversationId/activities', (req, res) => record(req, res, 'send'));
    app.post('/v3/conversations/:conversationId/activities/:activityId', (req, res) => record(req, res, 'reply'));
    app.put('/v3/conversations/:conversationId/activities/:activityId', (req, res) => record(req, res, 'update'));

    app.post('/v3/conversations', (req, res) => {
      const body = req.body as { members?: { id: string }[] };
      const member = body.members?.[0];
      if (!member || !this.allMembers().some((m) => m.id === member.id)) {
        res.status(404).json({ error: { code: 'MemberNotFoundInConversation', message: 'User not found in tenant' } });
        return;
      }
      const conversationId = FakeBotConnector.personalConversationId(member.id);
      this.createdConversations.push({ conversationId, body: req.body });
      res.status(201).json({ id: conversationId });
    });

    app.get('/v3/conversations/:conversationId/pagedmembers', (req, res) => {
      const roster = this.rosters.get(req.params.conversationId);
      if (!roster) {
        res.status(404).json({ error: { code: 'ConversationNotFound', message: 'Conversation not found.' } });
        return;
      }
      const start = Number(req.query.continuationToken ?? 0);
      const page = roster.slice(start, start + this.pageSize);
      const next = start + this.pageSize < roster.length ? String(start + this.pageSize) : undefined;
      res.json({ members: page.map((m) => ({ ...m, userRole: 'user', tenantId: 'fake' })), ...(next ? { continuationToken: next } : {}) });
    });

    app.get('/v3/conversations/:conversationId/members/:memberId', (req, res) => {
      const member = this.allMembers().find((m) => m.id === req.params.memberId || m.aadObjectId === req.params.memberId);
      if (!member) res.status(404).json({ error: { code: 'MemberNotFoundInConversation', message: 'Member not found' } });
      else res.json(member);
    });

    // As Teams: a team the bot is in answers its details; any other is not found.
    app.get('/v3/teams/:teamId', (req, res) => {
      const details = this.teamDetails.get(req.params.teamId);
      if (!this.channels.has(req.params.teamId)) res.status(404).json({ error: { code: 'NotFound', message: 'Team not found' } });
      else res.json({ id: req.params.teamId, ...(details ?? {}) });
    });

    app.get('/v3/teams/:teamId/conversations', (req, res) => {
      const channels = this.channels.get(req.params.teamId);
      if (!channels) res.status(404).json({ error: { code: 'NotFound', message: 'Team not found' } });
      else res.json({ conversations: channels });
    });

    app.use((req, res) => {
      res.status(404).json({ error: { code: 'NotFound', message: `fake connector has no ${req.method} ${req.path}` } });
    });

    this.server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections?.();
  }
}
