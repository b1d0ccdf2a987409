import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

/**
 * A small stand-in for Slack's Web API on loopback, pointed at with SLACK_API_URL. It records every
 * call (method, decoded params, token) and answers like Slack does for the methods the app uses:
 * auth.test, users.info (with locale), conversations.open/history/members/info, chat.postMessage/
 * update/postEphemeral, views.open/update/push/publish, usergroups.list/users.list, the files
 * upload v2 flow (getUploadURLExternal → POST to the upload URL → completeUploadExternal), and
 * response_url posts. Failures can be injected per method.
 */

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  token?: string;
  at: number;
  /** What the fake answered (for views: the view with the id and hash it was given). */
  result?: Record<string, unknown>;
}

export interface FakeUser {
  id: string;
  locale?: string;
  isBot?: boolean;
  deleted?: boolean;
  name?: string;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  thread_ts?: string;
}

type Failure = { error?: string; status?: number; retryAfter?: number; times: number };

/** Values Slack's client sends as JSON strings inside a form body. */
const JSON_PARAMS = new Set(['blocks', 'view', 'metadata', 'attachments', 'files', 'users']);

function decode(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' && JSON_PARAMS.has(key) && /^[[{]/.test(value.trim())) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        /* keep the raw string */
      }
    }
    out[key] = value;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly messages: StoredMessage[] = [];
  readonly uploads: { fileId: string; bytes: number }[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, string[]>();
  /**
   * Channels that live elsewhere or are shared (conversations.info): the workspace that owns each
   * (context_team_id), the workspaces it is shared with, and whether another organisation is in it.
   * A channel of `channels` without an entry here belongs to this workspace alone.
   */
  readonly channelHomes = new Map<string, { teamId: string; sharedTeamIds?: string[]; extShared?: boolean }>();
  readonly usergroups = new Map<string, { name: string; handle: string; users: string[] }>();
  /** Public channels the bot was never invited to: conversations.info says is_member false, and posting there fails with not_in_channel (no chat:write.public). */
  readonly botAbsentFrom = new Set<string>();
  teamId = 'T0SCHOOL';
  teamName = 'Basisschool De Linde';
  botUserId = 'UBOT';
  /** Who clicks "Allow" in the OAuth install flow, and the bot token Slack then hands out. */
  installerId = 'UINSTALLER';
  installedBotToken = 'xoxb-installed-token';
  private server?: Server;
  private tsCounter = 0;
  private viewCounter = 0;
  /** The hashes the fake gave each view, oldest first: an update naming an older one is refused, as Slack does. */
  private readonly viewHashes = new Map<string, string[]>();
  private fileCounter = 0;
  private failures = new Map<string, Failure>();
  private delays = new Map<string, number>();
  url = '';
  /** Socket Mode: the WebSocket URL apps.connections.open hands out (see fake-socket-mode.ts). */
  socketModeUrl?: () => string;

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        res.statusCode = 500;
        res.end(String(e));
      });
    });
    // Longer than any test: a client reusing a keep-alive socket the server just closed would
    // see a reset, which is a real-world hazard but not what these tests are about.
    this.server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url Slack would put in a command or message action payload. */
  responseUrl(id: string): string {
    return `${this.url}/response/${encodeURIComponent(id)}`;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** The next `times` calls of `method` fail with a Slack error, or an HTTP status (429 with Retry-After). */
  fail(method: string, failure: { error?: string; status?: number; retryAfter?: number }, times = 1): void {
    this.failures.set(method, { ...failure, times });
  }

  /** Every later call of `method` answers only after `ms` (a slow Slack). */
  delay(method: string, ms: number): void {
    if (ms > 0) this.delays.set(method, ms);
    else this.delays.delete(method);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Everything the app sent that carries Block Kit: messages, views, response_url answers. */
  blockKitPayloads(): { method: string; payload: Record<string, unknown> }[] {
    return this.calls.filter((c) => c.params.blocks !== undefined || c.params.view !== undefined).map((c) => ({ method: c.method, payload: c.params }));
  }

  messagesIn(channel: string): StoredMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  dmChannelOf(userId: string): string {
    return `D${userId}`;
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1772442000.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const raw = await readBody(req);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };

    if (url.pathname.startsWith('/upload/')) {
      this.uploads.push({ fileId: decodeURIComponent(url.pathname.slice('/upload/'.length)), bytes: raw.length });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`OK - ${raw.length}`);
      return;
    }
    if (url.pathname.startsWith('/response/')) {
      const body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
      this.calls.push({ method: 'response_url', params: { ...body, responseUrlId: decodeURIComponent(url.pathname.slice('/response/'.length)) }, at: Date.now() });
      reply(200, { ok: true });
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      reply(404, { ok: false, error: 'unknown_path' });
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const type = req.headers['content-type'] ?? '';
    let params: Record<string, unknown> = {};
    if (type.includes('application/json')) params = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
    else if (type.includes('application/x-www-form-urlencoded')) params = decode(parseQuery(raw.toString('utf8')) as Record<string, unknown>);
    else params = { rawBytes: raw.length };
    const auth = req.headers.authorization;
    const token = typeof auth === 'string' ? auth.replace(/^Bearer /, '') : typeof params.token === 'string' ? params.token : undefined;
    const call: RecordedCall = { method, params, token, at: Date.now() };
    this.calls.push(call);

    const delay = this.delays.get(method);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    const failure = this.failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      if (failure.status === 429) return reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter ?? 1) });
      if (failure.status) return reply(failure.status, { ok: false, error: 'http' });
      return reply(200, { ok: false, error: failure.error ?? 'internal_error' });
    }
    call.result = this.answer(method, params, token);
    reply(200, call.result);
  }

  private answer(method: string, p: Record<string, unknown>, token?: string): Record<string, unknown> {
    const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
    switch (method) {
      case 'apps.connections.open':
        // Slack answers this only for an app-level token (xapp-) with connections:write.
        if (!this.socketModeUrl || !token?.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
        return { ok: true, url: this.socketModeUrl() };
      case 'auth.test':
        return { ok: true, url: 'https://school.slack.com/', team: this.teamName, user: 'zorgspiegel', team_id: this.teamId, user_id: this.botUserId, bot_id: 'BBOT' };
      case 'oauth.v2.access':
        if (!str('code')) return { ok: false, error: 'invalid_code' };
        return {
          ok: true,
          app_id: 'AZORG',
          authed_user: { id: this.installerId },
          scope: 'commands,chat:write',
          token_type: 'bot',
          access_token: this.installedBotToken,
          bot_user_id: this.botUserId,
          team: { id: this.teamId, name: this.teamName },
          enterprise: null,
          is_enterprise_install: false,
        };
      case 'users.info': {
        const user = this.users.get(str('user') ?? '');
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: { id: user.id, name: user.name ?? user.id.toLowerCase(), real_name: user.name ?? user.id, is_bot: Boolean(user.isBot), deleted: Boolean(user.deleted), ...(p.include_locale && user.locale ? { locale: user.locale } : {}), profile: { display_name: user.name ?? '' } },
        };
      }
      case 'conversations.open': {
        const users = String(p.users ?? '');
        const user = this.users.get(users);
        if (user?.isBot) return { ok: false, error: 'cannot_dm_bot' };
        if (!user || user.deleted) return { ok: false, error: 'user_not_found' };
        return { ok: true, channel: { id: this.dmChannelOf(users) } };
      }
      case 'conversations.history': {
        const channel = str('channel') ?? '';
        const limit = Number(p.limit ?? 100);
        const messages = this.messagesIn(channel)
          .filter((m) => !m.thread_ts)
          .slice(-limit)
          .reverse()
          .map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(p.include_all_metadata && m.metadata ? { metadata: m.metadata } : {}) }));
        return { ok: true, messages, has_more: false };
      }
      case 'conversations.members': {
        const members = this.channels.get(str('channel') ?? '');
        if (!members) return { ok: false, error: 'channel_not_found' };
        const limit = Number(p.limit ?? 100);
        const start = Number(str('cursor') ?? '0');
        const page = members.slice(start, start + limit);
        const next = start + limit < members.length ? String(start + limit) : '';
        return { ok: true, members: page, response_metadata: { next_cursor: next } };
      }
      case 'conversations.info': {
        // As Slack does: a channel this workspace's token cannot see is channel_not_found, never
        // a hint that it exists elsewhere; a shared one names its owner and the workspaces in it.
        const id = str('channel') ?? '';
        const home = this.channelHomes.get(id);
        const sharedTeamIds = home ? [home.teamId, ...(home.sharedTeamIds ?? [])] : [this.teamId];
        if ((!home && !this.channels.has(id)) || !sharedTeamIds.includes(this.teamId)) return { ok: false, error: 'channel_not_found' };
        const shared = sharedTeamIds.length > 1 || Boolean(home?.extShared);
        return {
          ok: true,
          channel: {
            id,
            name: id.toLowerCase(),
            is_channel: true,
            is_group: false,
            is_im: false,
            is_mpim: false,
            is_private: false,
            is_archived: false,
            is_general: false,
            is_shared: shared,
            is_ext_shared: Boolean(home?.extShared),
            is_org_shared: sharedTeamIds.length > 1 && !home?.extShared,
            context_team_id: home?.teamId ?? this.teamId,
            shared_team_ids: sharedTeamIds,
            is_member: !this.botAbsentFrom.has(id),
            created: 1700000000,
          },
        };
      }
      case 'usergroups.list':
        return { ok: true, usergroups: [...this.usergroups.entries()].map(([id, g]) => ({ id, name: g.name, handle: g.handle })) };
      case 'usergroups.users.list': {
        const group = this.usergroups.get(str('usergroup') ?? '');
        return group ? { ok: true, users: group.users } : { ok: false, error: 'no_such_subteam' };
      }
      case 'chat.postMessage': {
        let channel = str('channel') ?? '';
        if (channel.startsWith('U')) channel = this.dmChannelOf(channel);
        if (this.botAbsentFrom.has(channel)) return { ok: false, error: 'not_in_channel' };
        const ts = this.nextTs();
        const msg: StoredMessage = {
          channel,
          ts,
          text: str('text'),
          blocks: p.blocks as unknown[] | undefined,
          metadata: p.metadata as StoredMessage['metadata'],
          ...(str('thread_ts') ? { thread_ts: str('thread_ts') } : {}),
        };
        this.messages.push(msg);
        return { ok: true, channel, ts, message: { ts, text: msg.text } };
      }
      case 'chat.update': {
        const msg = this.messages.find((m) => m.channel === str('channel') && m.ts === str('ts'));
        if (!msg) return { ok: false, error: 'message_not_found' };
        msg.text = str('text');
        msg.blocks = p.blocks as unknown[] | undefined;
        return { ok: true, channel: msg.channel, ts: msg.ts };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish': {
        const view = (p.view ?? {}) as Record<string, unknown>;
        const id = method === 'views.update' && str('view_id') ? str('view_id')! : `V${++this.viewCounter}`;
        // Slack's race guard: `hash` names the view the update was computed from; when the view
        // has changed since, the update is refused. (A hash the fake never gave — one Slack made
        // for a response_action update — is taken as current.)
        const given = method === 'views.update' ? str('hash') : undefined;
        const history = this.viewHashes.get(id) ?? [];
        if (given && history.includes(given) && history[history.length - 1] !== given) return { ok: false, error: 'hash_conflict' };
        const hash = `h${++this.viewCounter}.${Date.now()}`;
        this.viewHashes.set(id, [...history, hash]);
        return { ok: true, view: { ...view, id, hash, team_id: this.teamId } };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `F${++this.fileCounter}`;
        return { ok: true, upload_url: `${this.url}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = (p.files as { id: string; title?: string }[] | undefined) ?? [];
        const channel = str('channel_id');
        if (channel) for (const f of files) this.messages.push({ channel, ts: this.nextTs(), text: `file ${f.id}`, ...(str('thread_ts') ? { thread_ts: str('thread_ts') } : {}) });
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}
