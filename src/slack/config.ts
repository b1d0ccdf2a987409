import type { Env } from '../config/env';
import type { SlackMode } from './context';
import { normalizeApiUrl } from './web-client';

/** The bot scopes the app asks for on install; the same list as manifests/slack/manifest.yml. */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'im:write',
  'im:history',
  'users:read',
  'channels:read',
  'groups:read',
  'usergroups:read',
  'files:write',
] as const;

export interface SlackConfig {
  mode: SlackMode;
  /** Socket Mode (SLACK_APP_TOKEN): no public URL needed; single workspace only. */
  socketMode: boolean;
  botToken?: string;
  signingSecret?: string;
  appToken?: string;
  clientId?: string;
  clientSecret?: string;
  stateSecret?: string;
  /** Web API base URL ending in "/" (GovSlack, tests); undefined = Slack's own. */
  apiUrl?: string;
  /** The OAuth authorize page that belongs to that API (e.g. slack-gov.com). */
  authorizationUrl?: string;
}

/**
 * Reads the Slack part of the (already validated) environment. Undefined when Slack is not
 * configured. OAuth (SLACK_CLIENT_ID…) wins over a fixed token; Socket Mode needs a fixed token,
 * because the OAuth install flow needs a public URL anyway.
 */
export function slackConfig(env: Env): SlackConfig | undefined {
  const apiUrl = normalizeApiUrl(env.SLACK_API_URL);
  const authorizationUrl = apiUrl ? new URL('../oauth/v2/authorize', apiUrl).toString() : undefined;
  if (env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET && env.SLACK_STATE_SECRET) {
    return {
      mode: 'multi-workspace',
      socketMode: false,
      signingSecret: env.SLACK_SIGNING_SECRET,
      clientId: env.SLACK_CLIENT_ID,
      clientSecret: env.SLACK_CLIENT_SECRET,
      stateSecret: env.SLACK_STATE_SECRET,
      apiUrl,
      authorizationUrl,
    };
  }
  if (env.SLACK_BOT_TOKEN) {
    return {
      mode: 'single-workspace',
      socketMode: Boolean(env.SLACK_APP_TOKEN),
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      appToken: env.SLACK_APP_TOKEN,
      apiUrl,
      authorizationUrl,
    };
  }
  return undefined;
}
