import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from '../../log';
import { personalConversationId, rosterEntry, schoolOfConversation, type Persona, type School } from '../school';
import { baseConversationId, type ConversationStore } from './conversation-store';

/**
 * A small Bot Connector: the REST API the bot's botbuilder ConnectorClient calls at the
 * activity's `serviceUrl`. It answers the way the Teams service does for the calls Zorgspiegel
 * makes (create a 1:1, send, reply, update in place, delete, roster, team channels) and keeps
 * every activity so the page can show the conversations. It serves every school (team) of the
 * playground's tenant: a team's roster and channel are that school's own.
 */
export const CONNECTOR_PATH = '/playground/connector';

type ErrorCode = 'BadArgument' | 'ConversationNotFound' | 'MemberNotFoundInConversation' | 'ActivityNotFound' | 'NotFound';

function fail(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json({ error: { code, message } });
}

export function createConnectorRouter(deps: { schools: readonly School[]; store: ConversationStore; logger: Logger }): Router {
  const { schools, store, logger } = deps;
  const router = express.Router();
  router.use(express.json({ limit: '5mb' }));

  const schoolOf = (conversationId: string) => schoolOfConversation(schools, baseConversationId(conversationId));
  const isChannel = (conversationId: string) => schoolOf(conversationId) !== undefined;
  const everyone = schools.flatMap((school) => school.personas.map((persona) => ({ school, persona })));
  const personaById = (id: string): { school: School; persona: Persona } | undefined => everyone.find(({ persona: p }) => p.teamsId === id || p.aadObjectId === id);

  /** Everyone in a conversation: the team's whole roster in its channel, the one person in a 1:1. */
  function membersOf(conversationId: string) {
    const team = schoolOf(conversationId);
    if (team) return team.personas.map((p) => rosterEntry(team, p));
    const one = everyone.find(({ persona: p }) => personalConversationId(p) === baseConversationId(conversationId));
    return one ? [rosterEntry(one.school, one.persona)] : undefined;
  }

  function param(req: Request, name: string): string {
    const v = req.params[name];
    return Array.isArray(v) ? v.join('/') : String(v ?? '');
  }

  function send(req: Request, res: Response, replyToId?: string): void {
    const conversationId = param(req, 'conversationId');
    if (!store.has(conversationId)) return fail(res, 404, 'ConversationNotFound', `Conversation ${conversationId} not found`);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body.type !== 'string') return fail(res, 400, 'BadArgument', 'activity.type is required');
    // Typing indicators and other non-message activities are accepted but not kept.
    if (body.type !== 'message') return void res.status(200).json({ id: '' });
    const stored = store.append(conversationId, 'bot', replyToId ? { ...body, replyToId } : body);
    res.status(201).json({ id: stored.id });
  }

  // Create a conversation: a 1:1 with one member, or a new thread in a channel.
  router.post('/v3/conversations', (req, res) => {
    const body = (req.body ?? {}) as {
      isGroup?: boolean;
      members?: { id?: string }[];
      channelData?: { channel?: { id?: string } };
      activity?: Record<string, unknown>;
    };
    const channelId = body.channelData?.channel?.id;
    if (channelId) {
      if (!isChannel(channelId)) return fail(res, 404, 'ConversationNotFound', `Channel ${channelId} not found`);
      if (!body.activity) return res.status(201).json({ id: channelId });
      const stored = store.append(channelId, 'bot', body.activity);
      return res.status(201).json({ id: `${channelId};messageid=${stored.id}`, activityId: stored.id });
    }
    const members = body.members ?? [];
    if (body.isGroup || members.length !== 1) return fail(res, 400, 'BadArgument', 'only 1:1 conversations (one member) can be created here');
    const persona = personaById(String(members[0]!.id ?? ''))?.persona;
    if (!persona) return fail(res, 404, 'MemberNotFoundInConversation', `User ${members[0]!.id} is not a member of this team`);
    const id = personalConversationId(persona);
    store.open(id);
    if (!body.activity) return res.status(201).json({ id });
    const stored = store.append(id, 'bot', body.activity);
    res.status(201).json({ id, activityId: stored.id });
  });

  router.post('/v3/conversations/:conversationId/activities', (req, res) => send(req, res));
  router.post('/v3/conversations/:conversationId/activities/history', (_req, res) => {
    res.status(200).json({ id: '' });
  });
  router.post('/v3/conversations/:conversationId/activities/:activityId', (req, res) => send(req, res, param(req, 'activityId')));

  router.put('/v3/conversations/:conversationId/activities/:activityId', (req, res) => {
    const conversationId = param(req, 'conversationId');
    const activityId = param(req, 'activityId');
    const updated = store.update(conversationId, activityId, (req.body ?? {}) as Record<string, unknown>);
    if (!updated) return fail(res, 404, 'ActivityNotFound', `Activity ${activityId} not found in ${conversationId}`);
    res.status(200).json({ id: activityId });
  });

  router.delete('/v3/conversations/:conversationId/activities/:activityId', (req, res) => {
    if (!store.delete(param(req, 'conversationId'), param(req, 'activityId'))) return fail(res, 404, 'ActivityNotFound', 'activity not found');
    res.status(200).end();
  });

  router.get('/v3/conversations/:conversationId/members', (req, res) => {
    const members = membersOf(param(req, 'conversationId'));
    if (!members) return fail(res, 404, 'ConversationNotFound', 'conversation not found');
    res.json(members);
  });

  router.get('/v3/conversations/:conversationId/pagedmembers', (req, res) => {
    const members = membersOf(param(req, 'conversationId'));
    if (!members) return fail(res, 404, 'ConversationNotFound', 'conversation not found');
    const pageSize = Math.max(1, Math.min(500, Number(req.query.pageSize) || 200));
    const offset = Math.max(0, Number(req.query.continuationToken) || 0);
    const page = members.slice(offset, offset + pageSize);
    const next = offset + pageSize < members.length ? String(offset + pageSize) : undefined;
    res.json(next ? { members: page, continuationToken: next } : { members: page });
  });

  router.get('/v3/conversations/:conversationId/members/:memberId', (req, res) => {
    const members = membersOf(param(req, 'conversationId'));
    if (!members) return fail(res, 404, 'ConversationNotFound', 'conversation not found');
    const memberId = param(req, 'memberId');
    const member = members.find((m) => m.id === memberId || m.aadObjectId === memberId);
    if (!member) return fail(res, 404, 'MemberNotFoundInConversation', `member ${memberId} not found`);
    res.json(member);
  });

  router.get('/v3/teams/:teamId', (req, res) => {
    const school = schoolOf(param(req, 'teamId'));
    if (!school) return fail(res, 404, 'NotFound', 'team not found');
    res.json({ id: school.team.id, name: school.team.name, aadGroupId: school.team.aadGroupId, memberCount: school.personas.length, channelCount: 1 });
  });

  router.get('/v3/teams/:teamId/conversations', (req, res) => {
    const school = schoolOf(param(req, 'teamId'));
    if (!school) return fail(res, 404, 'NotFound', 'team not found');
    // Teams leaves the General channel's name empty; clients show "General" in the user's language.
    res.json({ conversations: [{ id: school.channel.id }] });
  });

  router.use((req, res) => {
    logger.warn({ method: req.method, path: req.path }, 'playground connector: unsupported call');
    fail(res, 404, 'NotFound', `${req.method} ${req.path} is not emulated by the playground`);
  });
  return router;
}
