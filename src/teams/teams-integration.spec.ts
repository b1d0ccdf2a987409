import type { IntegrationContext } from '../app/integration';
import { parseEnv } from '../config/env';
import { createLogger } from '../log';
import { TeamsConfigError } from './http/create-adapter';
import { teamsIntegration } from './teams-integration';

const context = (env: Record<string, string>): IntegrationContext =>
  ({ env: parseEnv(env), services: {}, repos: { installations: {}, summaries: {} }, questionnaire: {}, clock: { now: () => new Date() }, logger: createLogger('silent'), publicUrl: () => 'http://localhost:3978' }) as unknown as IntegrationContext;
const production = { NODE_ENV: 'production', RESPONDENT_KEY_SECRET: 'x'.repeat(32), MONGODB_URI: 'mongodb://db' };

test('on outside production without an app id (Emulator mode), off in production without one', () => {
  const dev = teamsIntegration(context({ NODE_ENV: 'development' }));
  expect(dev?.name).toBe('teams');
  expect(dev?.messenger?.platform).toBe('teams');
  expect(teamsIntegration(context(production))).toBeUndefined();
});

test('on in production with an app registration', () => {
  const integration = teamsIntegration(context({ ...production, MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 's', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002' }));
  expect(integration?.name).toBe('teams');
});

test('a half-done registration in production stops the start with what to set', () => {
  expect(() => teamsIntegration(context({ ...production, MicrosoftAppPassword: 'secret' }))).toThrow(TeamsConfigError);
  expect(() => teamsIntegration(context({ ...production, MicrosoftAppPassword: 'secret' }))).toThrow(/MicrosoftAppId is not/);
});
