import { ConfigError, parseEnv, slackConfigured, type Env } from '../config/env';
import { systemClock } from '../core/ports';
import { loadQuestionnaire, QuestionnaireInvalidError, summarizeQuestionnaire } from '../core/questionnaire/load';
import type { Questionnaire } from '../core/questionnaire/schema';
import { createLogger, type Logger } from '../log';
import { createOrchestrator } from '../orchestration';
import { renderSummaryChart } from '../render/chart';
import { connectStore, loadRespondentKeySecret, StoreConnectError } from '../store';
import { buildApp, type OrchestratorFactory } from './build-app';
import { INTEGRATIONS } from './integrations';
import { TeamsConfigError } from '../teams';

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
  try {
    store = await connectStore({ env, logger, inProcessThread: true });
  } catch (e) {
    if (e instanceof StoreConnectError) fatal(e.message);
    throw e;
  }
  const respondentSecret = loadRespondentKeySecret({ env, logger });

  let publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const orchestratorFactory: OrchestratorFactory = ({ repos, messengers, clock, logger: log }) =>
    createOrchestrator({
      repos,
      messengers,
      clock,
      logger: log,
      renderChart: async (summary) => (await renderSummaryChart(summary, summary.round.language)).png,
      chartUrl: (token) => `${publicUrl}/charts/${token}.png`,
    });
  let app;
  try {
    app = buildApp({ env, repos: store.repos, questionnaire, respondentSecret, clock: systemClock, logger, integrations: INTEGRATIONS, createOrchestrator: orchestratorFactory });
  } catch (e) {
    // A platform configured unsafely (e.g. Teams without authentication in production) stops here.
    if (e instanceof TeamsConfigError) {
      await store.close();
      fatal(e.message);
    }
    throw e;
  }
  if (!slackConfigured(env)) logger.info('Slack is not configured (set SLACK_BOT_TOKEN or SLACK_CLIENT_ID to enable it)');
  const { url } = await app.listen(env.PORT);
  if (!env.PUBLIC_URL) publicUrl = url;
  logger.info({ url, database: store.server.description }, 'Zorgspiegel is listening');
  return {
    env,
    logger,
    url,
    async stop() {
      await app.stop();
      await store.close();
    },
  };
}
