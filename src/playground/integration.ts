import path from 'node:path';
import type { IntegrationFactory } from '../app/integration';
import { playgroundEnabled } from '../config/env';
import { createApiRouter, API_PATH } from './api';
import type { BotEndpoint } from './bot-client';
import { CONNECTOR_PATH, createConnectorRouter } from './connector/routes';
import { TranscriptFile } from './connector/transcript-file';
import { SCHOOLS, type School } from './school';
import { PlaygroundSession } from './session';
import { createStaticRouter } from './static';

/** Where the Teams integration's CloudAdapter listens (issue #6). */
export const BOT_MESSAGES_PATH = '/api/messages';

export interface PlaygroundOptions {
  /** The schools of the simulated tenant; the first is there from the start, the others can be added. */
  schools?: readonly School[];
  /** The bot's messaging endpoint path on this same server. */
  messagesPath?: string;
  /**
   * Where the conversations are saved so a restart keeps them (default: DATA_DIR, except under
   * NODE_ENV=test); false keeps them in memory only.
   */
  transcriptFile?: string | false;
}

/**
 * The playground: simulated schools of one tenant in the browser that talks to the bot exactly as Microsoft
 * Teams does — Bot Framework activities to the Teams integration's `/api/messages`, with
 * `serviceUrl` pointing at an emulated Bot Connector on this server — so it drives the real core,
 * the real store and the real cards.
 *
 * It needs the Teams integration running without authentication (no MicrosoftAppId): with an app
 * id, the bot would only accept activities signed by Microsoft and would fetch tokens to answer,
 * so the playground switches itself off and says so.
 */
export function playgroundIntegration(options: PlaygroundOptions = {}): IntegrationFactory {
  return (ctx) => {
    const { env, logger } = ctx;
    if (!playgroundEnabled(env)) return undefined;
    if (env.MicrosoftAppId) {
      logger.warn('playground is off: MicrosoftAppId is set, so the Teams endpoint only accepts activities signed by Microsoft. Unset MicrosoftAppId (or use a separate development instance) to use the playground.');
      return undefined;
    }
    const schools = options.schools ?? SCHOOLS;
    const messagesPath = options.messagesPath ?? BOT_MESSAGES_PATH;
    // The bot calls itself on loopback; behind PUBLIC_URL (a tunnel) the local port is still the shortest way.
    const base = () => (env.PUBLIC_URL ? `http://127.0.0.1:${env.PORT}` : ctx.publicUrl()).replace(/\/$/, '');
    const endpoint = (): BotEndpoint => ({ messagesUrl: `${base()}${messagesPath}`, serviceUrl: `${base()}${CONNECTOR_PATH}/` });
    const session = new PlaygroundSession(schools, endpoint, { services: ctx.services, logger, defaultLang: env.DEFAULT_LANGUAGE });
    const api = createApiRouter({ session, questionnaire: ctx.questionnaire, logger, defaultLang: env.DEFAULT_LANGUAGE });
    const file = options.transcriptFile ?? (env.NODE_ENV === 'test' ? false : path.resolve(env.DATA_DIR, 'playground', 'conversations.json'));
    const transcript = file ? new TranscriptFile(file, session.store, logger) : undefined;
    transcript?.attach();
    return {
      name: 'playground',
      mount(http) {
        http.use(CONNECTOR_PATH, createConnectorRouter({ schools, store: session.store, logger }));
        http.use(API_PATH, api.router);
        http.use(createStaticRouter());
      },
      async start() {
        try {
          await session.ensureTeamInstalled();
        } catch (e) {
          // The page retries on its next load; the bot may simply not be mounted yet.
          logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'playground: could not install the school in the bot yet');
        }
        logger.info({ url: ctx.publicUrl() }, 'playground ready: open this URL in a browser');
      },
      async stop() {
        api.closeStreams();
        transcript?.close();
      },
    };
  };
}

export const createPlaygroundIntegration: IntegrationFactory = playgroundIntegration();
