import { webApi } from '@slack/bolt';
import type { WebClient, WebClientOptions } from './slack-types';

/**
 * Web API clients for the messenger, one per bot token. Slack's own retries are off and 429s are
 * rejected at once (`rejectRateLimitedCalls`), so the scheduler — not a hidden queue inside the
 * client — decides when a failed send is tried again and paces every workspace.
 */
export function senderClientOptions(slackApiUrl: string | undefined, logger?: WebClientOptions['logger']): WebClientOptions {
  return {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    ...(logger ? { logger } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // A call that hangs would hold a scheduler slot; the scheduler has its own send timeout too.
    timeout: 20_000,
  };
}

/**
 * The client Bolt hands to listeners (views.open, views.update, chat.update, views.publish,
 * users.info). Their calls answer a person now: a views.open trigger expires after 3 s, and a
 * refresh of an invitation or App Home retried minutes later would overwrite a newer one. So a
 * failed call (a network error, a 5xx) is tried at most twice more within about a second, never
 * with the library's default of ten retries over some thirty minutes, which also kept a stopped
 * process alive that long. A 429 comes back at once instead of pausing every listener's calls
 * behind it; the listener reports it, and the next refresh shows the truth.
 */
export function listenerClientOptions(slackApiUrl: string | undefined): WebClientOptions {
  return {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 800 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  };
}

export class SlackClients {
  private readonly byToken = new Map<string, WebClient>();
  constructor(private readonly options: WebClientOptions) {}

  for(token: string): WebClient {
    let client = this.byToken.get(token);
    if (!client) {
      client = new webApi.WebClient(token, this.options);
      this.byToken.set(token, client);
    }
    return client;
  }

  forget(token: string): void {
    this.byToken.delete(token);
  }
}

/** Slack wants the API base URL to end with a slash ("https://slack.com/api/"). */
export function normalizeApiUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}
