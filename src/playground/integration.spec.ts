import type { IntegrationContext } from '../app/integration';
import { parseEnv } from '../config/env';
import { loadQuestionnaire } from '../core/questionnaire/load';
import type { Services } from '../core/services';
import { systemClock, type Repositories } from '../core/ports';
import { createLogger } from '../log';
import { createPlaygroundIntegration } from './integration';

function context(vars: Record<string, string>, warnings: string[] = []): IntegrationContext {
  const logger = createLogger('silent');
  logger.warn = ((msg: unknown) => void warnings.push(String(msg))) as never;
  return {
    env: parseEnv(vars),
    services: {} as Services,
    repos: {} as Repositories,
    questionnaire: loadQuestionnaire(),
    clock: systemClock,
    logger,
    publicUrl: () => 'http://localhost:3978',
  };
}

describe('createPlaygroundIntegration', () => {
  it('is on outside production and off in production', () => {
    expect(createPlaygroundIntegration(context({ NODE_ENV: 'test' }))?.name).toBe('playground');
    expect(createPlaygroundIntegration(context({ NODE_ENV: 'test', PLAYGROUND: 'false' }))).toBeUndefined();
    expect(createPlaygroundIntegration(context({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://db', RESPONDENT_KEY_SECRET: 'x'.repeat(32) }))).toBeUndefined();
  });

  it('switches itself off, saying why, when the Teams endpoint requires Microsoft-signed activities', () => {
    const warnings: string[] = [];
    const env = { NODE_ENV: 'test', MicrosoftAppId: '00000000-0000-0000-0000-000000000000', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: 't' };
    // A credential alone keeps it off (start-up logs why); asked for with PLAYGROUND=true, it says why it cannot.
    expect(createPlaygroundIntegration(context(env, warnings))).toBeUndefined();
    expect(createPlaygroundIntegration(context({ ...env, PLAYGROUND: 'true' }, warnings))).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/playground is off: MicrosoftAppId is set/);
  });
});
