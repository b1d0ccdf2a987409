import { SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log';
import { guardSocketModeClient } from './guard';

export interface SocketModeReceiverOptions {
  appToken: string;
  /** Web API base URL (GovSlack, tests); also where apps.connections.open is called. */
  apiUrl?: string;
  boltLogger: BoltLogger;
  logger: Logger;
}

/**
 * Bolt's own SocketModeReceiver, guarded (guard.ts). Built here rather than by `new App({
 * socketMode: true })` because Bolt then gives the Socket Mode client no Web API options: it
 * would open its connection at slack.com even with SLACK_API_URL set.
 */
export function createSocketModeReceiver(options: SocketModeReceiverOptions): SocketModeReceiver {
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.boltLogger,
    installerOptions: { clientOptions: options.apiUrl ? { slackApiUrl: options.apiUrl } : {} },
  });
  guardSocketModeClient(receiver.client, options.logger.child({ component: 'socket-mode' }));
  return receiver;
}
