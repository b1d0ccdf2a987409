import type { Server } from 'node:http';
import express from 'express';
import { ConfigError, parseEnv, playgroundEnabled, slackConfigured, type Env } from '../config/env';
import { loadQuestionnaire, QuestionnaireInvalidError, summarizeQuestionnaire } from '../core/questionnaire/load';
import { createLogger, type Logger } from '../log';

export interface RunningApp {
  env: Env;
  logger: Logger;
  url: string;
  stop(): Promise<void>;
}

/**
 * The composition root: configuration → questionnaire → database → services → HTTP. Anything
 * wrong with configuration ends the process here with readable lines, before a port is opened.
 */
export async function startApp(source: NodeJS.ProcessEnv = process.env): Promise<RunningApp> {
  let env: Env;
  try {
    env = parseEnv(source);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(e.message + '\n');
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(env.LOG_LEVEL);
  let questionnaire;
  try {
    questionnaire = loadQuestionnaire(env.QUESTIONNAIRE_PATH);
  } catch (e) {
    if (e instanceof QuestionnaireInvalidError) {
      process.stderr.write(e.message + '\n');
      process.exit(1);
    }
    throw e;
  }
  logger.info({ questionnaire: summarizeQuestionnaire(questionnaire) }, 'questionnaire loaded');

  const http = express();
  http.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  if (!slackConfigured(env)) logger.info('Slack is not configured (no SLACK_BOT_TOKEN or SLACK_CLIENT_ID)');
  if (!playgroundEnabled(env)) logger.info('playground is off');

  const server: Server = await new Promise((resolve) => {
    const s = http.listen(env.PORT, () => resolve(s));
  });
  const url = `http://localhost:${env.PORT}`;
  logger.info({ url }, 'Zorgspiegel is listening');
  return {
    env,
    logger,
    url,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
