import { buildApp, type BuiltApp, type OrchestratorFactory } from '../../../src/app/build-app';
import type { IntegrationFactory } from '../../../src/app/integration';
import { parseEnv } from '../../../src/config/env';
import { loadQuestionnaire } from '../../../src/core/questionnaire/load';
import { systemClock } from '../../../src/core/ports';
import { createLogger } from '../../../src/log';
import { openTestDatabase, type TestDatabase } from '../../support/mongo';

export const TEST_SECRET = 'playground-test-secret-0123456789abcdef';

export const idleOrchestrator: OrchestratorFactory = () => ({ start: () => undefined, stop: async () => undefined, wake: () => undefined });

export interface RunningTestApp {
  app: BuiltApp;
  url: string;
  db: TestDatabase;
  close(): Promise<void>;
}

/** buildApp on a fresh test database with the given integrations, listening on a random port. */
export async function startTestApp(opts: { integrations: IntegrationFactory[]; createOrchestrator?: OrchestratorFactory; env?: Record<string, string> }): Promise<RunningTestApp> {
  const db = await openTestDatabase();
  const env = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RESPONDENT_KEY_SECRET: TEST_SECRET, ...opts.env });
  const app = buildApp({
    env,
    repos: db.repos,
    questionnaire: loadQuestionnaire(undefined),
    respondentSecret: TEST_SECRET,
    clock: systemClock,
    logger: createLogger(process.env.PLAYGROUND_TEST_LOG ?? 'silent'),
    integrations: opts.integrations,
    createOrchestrator: opts.createOrchestrator ?? idleOrchestrator,
  });
  const { url } = await app.listen(0);
  return {
    app,
    url,
    db,
    async close() {
      await app.stop();
      await db.close();
    },
  };
}
