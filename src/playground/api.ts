import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Lang, Questionnaire } from '../core/questionnaire/schema';
import { t } from '../i18n';
import type { Logger } from '../log';
import { BotUnreachableError } from './bot-client';
import type { StoredActivity, StoreEvent } from './connector/conversation-store';
import { personaById, personalConversationId, schoolOfPersona, type Persona, type School } from './school';
import type { PlaygroundSession, Where } from './session';
import { simulateAnswers } from './simulate';
import { pageStrings } from './strings';

/**
 * The page's API. The browser never speaks Bot Framework itself: it asks this API to type a
 * message or click a card button as one of the personas, and listens for what the bot sends.
 */
export const API_PATH = '/playground/api';
export const MAX_MESSAGE_LENGTH = 2000;

const langSchema = z.enum(['nl', 'en']).catch('nl');
const messageSchema = z.object({ as: z.string().min(1), lang: langSchema, text: z.string() });
const executeSchema = z.object({
  as: z.string().min(1),
  lang: langSchema,
  action: z.object({ id: z.string().optional(), verb: z.string().optional(), data: z.unknown().optional() }),
});
const simulateSchema = z.object({ as: z.string().min(1), lang: langSchema });

/** What the page needs of an activity to draw it. */
export interface ActivityView {
  id: string;
  version: number;
  conversation: string;
  sender: 'bot' | 'user';
  from: { id?: string; name?: string };
  /** The persona who typed a user message. */
  personaKey?: string;
  text?: string;
  textFormat?: string;
  attachments: { contentType: string; content?: unknown; contentUrl?: string; name?: string }[];
  timestamp: string;
  updatedAt: string;
  replyToId?: string;
}

/** A school's team channel as the page names it: "channel" for the first school, "channel-<key>" for the others. */
export function channelKey(schools: readonly School[], school: School): string {
  return school === schools[0] ? 'channel' : `channel-${school.key}`;
}

export function activityView(schools: readonly School[], key: string, a: StoredActivity): ActivityView {
  const act = a.activity as {
    from?: { id?: string; name?: string };
    text?: string;
    textFormat?: string;
    attachments?: ActivityView['attachments'];
    replyToId?: string;
  };
  return {
    id: a.id,
    version: a.version,
    conversation: key,
    sender: a.sender,
    from: { id: act.from?.id, name: act.from?.name },
    personaKey: a.sender === 'user' && act.from?.id ? schools.map((school) => personaById(school, act.from!.id!)).find(Boolean)?.key : undefined,
    text: act.text,
    textFormat: act.textFormat,
    attachments: Array.isArray(act.attachments) ? act.attachments : [],
    timestamp: a.createdAt,
    updatedAt: a.updatedAt,
    replyToId: act.replyToId,
  };
}

class HttpError extends Error {
  constructor(readonly status: number, readonly key: string, readonly params: Record<string, string | number> = {}) {
    super(key);
  }
}

export function createApiRouter(deps: { session: PlaygroundSession; questionnaire: Questionnaire; logger: Logger; defaultLang: Lang }): { router: Router; closeStreams(): void } {
  const { session, logger } = deps;
  const { schools, store } = session;
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));
  const streams = new Set<Response>();

  const langOf = (req: Request): Lang => langSchema.parse(req.query.lang ?? deps.defaultLang);
  /** A school the page names; one the app has not been added to yet has no conversations to use. */
  const addedSchool = async (school: School): Promise<School> => {
    if (!(await session.isAdded(school))) throw new HttpError(409, 'playground:server.schoolNotAdded', { school: school.name });
    return school;
  };
  const persona = async (key: string): Promise<Persona> => {
    const found = schoolOfPersona(schools, key);
    if (!found) throw new HttpError(404, 'playground:server.unknownPersona');
    await addedSchool(found.school);
    return found.persona;
  };
  /** A conversation key is a school's channel ("channel", "channel-<school>") or a persona key (that persona's chat). */
  const conversation = async (key: string): Promise<{ where: Where; id: string; school: School; owner?: Persona }> => {
    const team = schools.find((school) => channelKey(schools, school) === key);
    if (team) return { where: 'channel', id: team.channel.id, school: await addedSchool(team) };
    const found = schoolOfPersona(schools, key);
    if (!found) throw new HttpError(404, 'playground:server.unknownConversation');
    return { where: 'personal', id: personalConversationId(found.persona), school: await addedSchool(found.school), owner: found.persona };
  };
  /** Only the school's own people speak in its channel; only the owner in a personal chat. */
  const assertMayUse = (c: { school: School; owner?: Persona }, who: Persona): void => {
    if (c.owner ? c.owner.key !== who.key : session.schoolOf(who) !== c.school) throw new HttpError(403, 'playground:server.unknownConversation');
  };
  const keyOf = (conversationId: string): string | undefined => {
    const team = schools.find((school) => school.channel.id === conversationId);
    if (team) return channelKey(schools, team);
    return schools.flatMap((school) => school.personas).find((p) => personalConversationId(p) === conversationId)?.key;
  };
  const param = (req: Request, name: string) => String(req.params[name] ?? '');

  /** Wraps a handler: known problems become a localised JSON error, never a crash. */
  const handle =
    (fn: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      const lang = langSchema.parse((req.body as { lang?: unknown } | undefined)?.lang ?? req.query.lang ?? deps.defaultLang);
      try {
        await fn(req, res);
      } catch (e) {
        if (e instanceof HttpError) {
          res.status(e.status).json({ error: t(lang, e.key, e.params) });
        } else if (e instanceof z.ZodError) {
          res.status(400).json({ error: t(lang, 'playground:server.badRequest') });
        } else if (e instanceof BotUnreachableError) {
          logger.warn({ err: e.message }, 'playground: the bot did not take the activity');
          res.status(502).json({ error: t(lang, 'playground:status.botUnreachable'), detail: e.message });
        } else {
          logger.error({ err: e }, 'playground: request failed');
          res.status(500).json({ error: t(lang, 'playground:status.error', { message: e instanceof Error ? e.message : String(e) }) });
        }
      }
    };

  const schoolView = async (school: School) => ({
    key: school.key,
    name: school.name,
    team: school.team.name,
    channelKey: channelKey(schools, school),
    added: await session.isAdded(school),
    personas: school.personas.map((p) => ({ key: p.key, name: p.name, group: p.group, coordinator: p.coordinator })),
  });

  router.get(
    '/bootstrap',
    handle(async (req, res) => {
      const lang = langOf(req);
      let installError: string | undefined;
      try {
        await session.ensureTeamInstalled();
      } catch (e) {
        installError = e instanceof Error ? e.message : String(e);
        logger.warn({ err: installError }, 'playground: the school could not be installed yet');
      }
      res.json({
        lang,
        strings: pageStrings(lang),
        bot: { name: session.school.bot.name },
        schools: await Promise.all(schools.map((school) => schoolView(school))),
        installError: installError ? t(lang, 'playground:status.botUnreachable') : undefined,
      });
    }),
  );

  // Someone adds the app to a further school's team (as in Teams, they become its first coordinator).
  router.post(
    '/schools/:key',
    handle(async (req, res) => {
      const school = schools.find((s) => s.key === param(req, 'key'));
      if (!school) throw new HttpError(404, 'playground:server.unknownSchool');
      await session.addSchool(school);
      res.status(201).json({ school: await schoolView(school) });
    }),
  );

  router.get(
    '/strings/:lang',
    handle(async (req, res) => {
      res.json(pageStrings(langSchema.parse(param(req, 'lang'))));
    }),
  );

  router.get(
    '/conversations/:key',
    handle(async (req, res) => {
      const key = param(req, 'key');
      const c = await conversation(key);
      // Opening someone's chat is opening the app as them: the bot learns their conversation.
      if (c.owner) await session.ensurePersonalInstalled(c.owner, langOf(req)).catch((e: unknown) => logger.warn({ err: String(e) }, 'playground: personal install failed'));
      res.json({ key, activities: store.list(c.id).map((a) => activityView(schools, key, a)) });
    }),
  );

  router.post(
    '/conversations/:key/messages',
    handle(async (req, res) => {
      const body = messageSchema.parse(req.body);
      const c = await conversation(param(req, 'key'));
      const who = await persona(body.as);
      assertMayUse(c, who);
      const text = body.text.trim();
      if (!text) throw new HttpError(400, 'playground:server.emptyMessage');
      if (text.length > MAX_MESSAGE_LENGTH) throw new HttpError(400, 'playground:server.messageTooLong', { max: MAX_MESSAGE_LENGTH });
      const shown = await session.sendMessage(who, c.where, text, body.lang);
      res.status(201).json({ activity: activityView(schools, param(req, 'key'), shown) });
    }),
  );

  router.post(
    '/conversations/:key/activities/:activityId/execute',
    handle(async (req, res) => {
      const body = executeSchema.parse(req.body);
      const key = param(req, 'key');
      const c = await conversation(key);
      const who = await persona(body.as);
      assertMayUse(c, who);
      const stored = store.get(c.id, param(req, 'activityId'));
      if (!stored || stored.sender !== 'bot') throw new HttpError(404, 'playground:server.unknownActivity');
      const { result, activity } = await session.execute(who, c.where, stored, body.action, body.lang);
      res.json({ result, activity: activityView(schools, key, activity) });
    }),
  );

  router.post(
    '/simulate',
    handle(async (req, res) => {
      const body = simulateSchema.parse(req.body);
      const who = await persona(body.as);
      if (!who.coordinator) throw new HttpError(403, 'playground:simulate.onlyCoordinator');
      const report = await simulateAnswers(session, { school: session.schoolOf(who), questionnaire: deps.questionnaire, lang: body.lang, except: [who], logger });
      res.json(report);
    }),
  );

  // Server-Sent Events: every activity the bot sends or updates, as it happens.
  router.get('/events', (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 2000\n\n');
    const push = (event: StoreEvent) => {
      const conversationId = event.kind === 'upsert' ? event.activity.conversationId : event.conversationId;
      const key = keyOf(conversationId);
      if (!key) return;
      const data = event.kind === 'upsert' ? { kind: 'upsert', activity: activityView(schools, key, event.activity) } : { kind: 'delete', conversation: key, id: event.activityId };
      res.write(`data: ${JSON.stringify(data)}\n\n`);
    };
    const unsubscribe = store.subscribe(push);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 20_000);
    streams.add(res);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', end);
    res.on('close', end);
  });

  return {
    router,
    // The server cannot close while event streams are open; the integration ends them on stop.
    closeStreams() {
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}
