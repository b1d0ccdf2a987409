import { ConfigError, developmentSurfaces, listenHost, parseEnv, slackConfigured, type Env } from '../config/env';
import { systemClock } from '../core/ports';
import { loadQuestionnaire, QuestionnaireInvalidError, summarizeQuestionnaire } from '../core/questionnaire/load';
import type { Questionnaire } from '../core/questionnaire/schema';
import { createLogger, type Logger } from '../log';
import { connectStore, loadRespondentKeySecret, monitorStoreHealth, StoreConnectError } from '../store';
import type { OrchestratorFactory } from './build-app';
import { INTEGRATIONS, preloadIntegrations } from './integrations';
import { TeamsConfigError } from '../teams/config-error';

export interface RunningApp {
  env: Env;
  logger: Logger;
  url: string;
  stop(): Promise<void>;
}

/** Ends the process with readable lines (configuration, questionnaire, database) instead of a stack trace. */
function fatal(message: string): never {
  process.stderr.write(message.endsWith('\n') ? message : `${message}\n`);
  process.exit(1);
}

/** One line for a failed listen, e.g. "Cannot listen on PORT=3978: the port is already in use (EADDRINUSE)". */
export function listenFailure(port: number, e: unknown): string {
  const code = (e as { code?: string } | undefined)?.code;
  const why =
    code === 'EADDRINUSE' ? 'the port is already in use' : code === 'EACCES' ? 'permission denied (ports below 1024 need privileges)' : e instanceof Error ? e.message : String(e);
  return `Cannot listen on PORT=${port}: ${why}${code ? ` (${code})` : ''}. Stop the other process or set PORT to a free port.`;
}

/**
 * The app's own code beyond configuration and database: required (not imported at the top) so
 * that start-up loads it while the database starts instead of before that start begins. A
 * require, not import(): under tsx's require hook import() takes Node's ESM loader.
 */
function loadAppCode() {
  return {
    buildApp: (require('./build-app') as typeof import('./build-app')).buildApp,
    createOrchestrator: (require('../orchestration') as typeof import('../orchestration')).createOrchestrator,
  };
}

/**
 * The composition root: configuration → questionnaire → database → services, integrations and
 * scheduler → HTTP. Anything wrong before the port opens ends the process with a clear message.
 */
export async function startApp(source: NodeJS.ProcessEnv = process.env): Promise<RunningApp> {
  let env: Env;
  try {
    env = parseEnv(source);
  } catch (e) {
    if (e instanceof ConfigError) fatal(e.message);
    throw e;
  }
  const logger = createLogger(env.LOG_LEVEL);
  let questionnaire: Questionnaire;
  try {
    questionnaire = loadQuestionnaire(env.QUESTIONNAIRE_PATH);
  } catch (e) {
    if (e instanceof QuestionnaireInvalidError) fatal(e.message);
    throw e;
  }
  logger.info({ questionnaire: summarizeQuestionnaire(questionnaire) }, 'questionnaire loaded');

  let store;
  let appCode: ReturnType<typeof loadAppCode> | undefined;
  const loadCode = () => {
    appCode = loadAppCode();
    preloadIntegrations(env);
  };
  try {
    // A local database (the in-process one on its worker thread, or a local mongod) starts while
    // the rest of the app and the platforms' code load: most of start-up, in parallel instead of
    // before it. With MONGODB_URI the code loads first: the driver's server-selection timer runs
    // from the connect on, and a long load (tsx compiles as it goes) would look like an
    // unreachable server.
    const localDatabase = !env.MONGODB_URI;
    if (!localDatabase) loadCode();
    const connecting = connectStore({ env, logger, inProcessThread: true });
    if (localDatabase) loadCode();
    store = await connecting;
  } catch (e) {
    if (e instanceof StoreConnectError) fatal(e.message);
    throw e;
  }
  const respondentSecret = loadRespondentKeySecret({ env, logger });

  let publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const { buildApp, createOrchestrator } = appCode!;
  const orchestratorFactory: OrchestratorFactory = ({ repos, messengers, clock, logger: log, respondentSecret: secret }) =>
    createOrchestrator({
      repos,
      respondentSecret: secret,
      messengers,
      clock,
      logger: log,
      // The chart's renderer (resvg) loads at the first summary, not at start-up. A lazy require, not import():
      // under tsx's require hook import() goes to Node's ESM loader, which cannot resolve the path.
      renderChart: async (summary) => {
        const { renderSummaryChart } = require('../render/chart/index') as typeof import('../render/chart/index');
        return (await renderSummaryChart(summary, summary.round.language)).png;
      },
      chartUrl: (token) => `${publicUrl}/charts/${token}.png`,
    });
  const health = monitorStoreHealth({ ping: () => store.db.command({ ping: 1 }) });
  let app;
  try {
    app = buildApp({
      env,
      repos: store.repos,
      questionnaire,
      respondentSecret,
      clock: systemClock,
      logger,
      integrations: INTEGRATIONS,
      createOrchestrator: orchestratorFactory,
      storeHealth: () => health.status(),
    });
  } catch (e) {
    // A platform configured unsafely (e.g. Teams without authentication in production) stops here.
    if (e instanceof TeamsConfigError) {
      health.stop();
      await store.close();
      fatal(e.message);
    }
    throw e;
  }
  if (!slackConfigured(env)) logger.info('Slack is not configured (set SLACK_BOT_TOKEN or SLACK_CLIENT_ID to enable it)');
  const surfaces = developmentSurfaces(env);
  logger.info({ because: surfaces.why }, surfaces.on ? 'playground and unauthenticated Teams endpoint are on' : 'playground and unauthenticated Teams endpoint are off');
  let url: string;
  try {
    ({ url } = await app.listen(env.PORT, listenHost(env)));
  } catch (e) {
    // A busy or forbidden port: say which, and stop (nothing started but the store).
    health.stop();
    await app.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    fatal(listenFailure(env.PORT, e));
  }
  if (!env.PUBLIC_URL) publicUrl = url;
  logger.info({ url, host: listenHost(env) ?? 'all interfaces', database: store.server.description }, 'Zorgspiegel is listening');
  return {
    env,
    logger,
    url,
    async stop() {
      health.stop();
      await app.stop();
      await store.close();
    },
  };
}
