import { CloudAdapter } from 'botbuilder';
import { parseEnv } from '../../config/env';
import { createLogger } from '../../log';
import { assertSafeAuthentication, createCloudAdapter, runsUnauthenticated, TeamsConfigError } from './create-adapter';

const logger = createLogger('silent');

test('without an app id the bot runs open only outside production', () => {
  expect(runsUnauthenticated({ MicrosoftAppId: undefined })).toBe(true);
  expect(() => assertSafeAuthentication({ NODE_ENV: 'development', MicrosoftAppId: undefined })).not.toThrow();
  expect(() => assertSafeAuthentication({ NODE_ENV: 'production', MicrosoftAppId: undefined })).toThrow(TeamsConfigError);
  expect(() => assertSafeAuthentication({ NODE_ENV: 'production', MicrosoftAppId: undefined })).toThrow(/MicrosoftAppId is not set/);
  expect(() => assertSafeAuthentication({ NODE_ENV: 'production', MicrosoftAppId: '00000000-0000-0000-0000-000000000001' })).not.toThrow();
});

test('an adapter is built from the Microsoft settings, in Emulator mode or with a single-tenant registration', () => {
  expect(createCloudAdapter(parseEnv({ NODE_ENV: 'test' }), logger)).toBeInstanceOf(CloudAdapter);
  const env = parseEnv({
    NODE_ENV: 'test',
    MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
    MicrosoftAppPassword: 'secret',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002',
  });
  expect(createCloudAdapter(env, logger)).toBeInstanceOf(CloudAdapter);
  expect(() => createCloudAdapter(parseEnv({ NODE_ENV: 'production', RESPONDENT_KEY_SECRET: 'x'.repeat(32), MONGODB_URI: 'mongodb://db' }), logger)).toThrow(TeamsConfigError);
});
