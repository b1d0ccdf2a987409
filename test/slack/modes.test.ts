import express from 'express';
import type { IntegrationContext } from '../../src/app/integration';
import { parseEnv } from '../../src/config/env';
import { loadQuestionnaire } from '../../src/core/questionnaire/load';
import { systemClock } from '../../src/core/ports';
import { createLogger } from '../../src/log';
import { createSlackIntegration } from '../../src/slack';
import { slackConfig } from '../../src/slack/config';

/** Which Slack set-up the environment selects, and which routes each one mounts. */
function context(vars: Record<string, string>): IntegrationContext {
  return {
    env: parseEnv({ NODE_ENV: 'test', ...vars }),
    // Building the integration touches neither; they are only used when requests arrive.
    services: {} as IntegrationContext['services'],
    repos: { installations: {} } as unknown as IntegrationContext['repos'],
    questionnaire: loadQuestionnaire(undefined),
    clock: systemClock,
    logger: createLogger('silent'),
    publicUrl: () => 'http://localhost',
  };
}

function routes(vars: Record<string, string>): string[] {
  const integration = createSlackIntegration(context(vars));
  if (!integration) return [];
  const http = express();
  integration.mount(http);
  const stack = (http as unknown as { router: { stack: { handle: { stack?: { route?: { path: string; methods: Record<string, boolean> } }[] } }[] } }).router.stack;
  return stack.flatMap((layer) => (layer.handle.stack ?? []).flatMap((l) => (l.route ? Object.keys(l.route.methods).map((m) => `${m.toUpperCase()} ${l.route!.path}`) : [])));
}

describe('Slack modes', () => {
  it('is off without Slack settings', () => {
    expect(createSlackIntegration(context({}))).toBeUndefined();
    expect(slackConfig(parseEnv({ NODE_ENV: 'test' }))).toBeUndefined();
  });

  it('single workspace over HTTP mounts /slack/events only', () => {
    expect(routes({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).toEqual(['POST /slack/events']);
  });

  it('multi-workspace also mounts the install page (the OAuth redirect is middleware; oauth.test.ts runs it)', () => {
    expect(routes({ SLACK_CLIENT_ID: 'c', SLACK_CLIENT_SECRET: 's', SLACK_STATE_SECRET: 'x', SLACK_SIGNING_SECRET: 's' }).sort()).toEqual(['GET /slack/install', 'POST /slack/events']);
  });

  it('Socket Mode (SLACK_APP_TOKEN) mounts nothing: Zorgspiegel connects to Slack itself', () => {
    expect(slackConfig(parseEnv({ NODE_ENV: 'test', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).toMatchObject({ mode: 'single-workspace', socketMode: true });
    expect(routes({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toEqual([]);
  });

  it('points the Web API and the OAuth authorize page at SLACK_API_URL (with the trailing slash Slack needs)', () => {
    expect(slackConfig(parseEnv({ NODE_ENV: 'test', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'https://slack-gov.com/api' }))).toMatchObject({
      apiUrl: 'https://slack-gov.com/api/',
      authorizationUrl: 'https://slack-gov.com/oauth/v2/authorize',
    });
  });
});
