import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { ClaimsIdentity, ConnectorFactory } from 'botframework-connector';
import type { Env } from '../../config/env';
import type { Logger } from '../../log';

import { TeamsConfigError } from '../config-error';

// Defined on its own so start-up can recognise it without loading botbuilder.
export { TeamsConfigError };

/** Whether the bot checks Bot Framework tokens: only without an app id does it run open, as the Emulator expects. */
export function runsUnauthenticated(env: Pick<Env, 'MicrosoftAppId'>): boolean {
  return !env.MicrosoftAppId;
}

/**
 * An open messaging endpoint in production would let anyone on the internet act as any teacher.
 * Refuse it with a message that says what to set.
 */
export function assertSafeAuthentication(env: Pick<Env, 'NODE_ENV' | 'MicrosoftAppId'>): void {
  if (env.NODE_ENV === 'production' && runsUnauthenticated(env)) {
    throw new TeamsConfigError(
      'Teams: MicrosoftAppId is not set, so /api/messages would accept unauthenticated requests. That is only allowed outside production (for the Bot Framework Emulator). Set MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId from the Azure Bot registration (see "Set up in Microsoft Teams" in README.md).',
    );
  }
}

type ConnectorClientLike = { client?: { pipeline?: { removePolicy(options: { name?: string; phase?: string }): unknown } } };

/**
 * The connector client retries 429s (waiting out Retry-After) and 5xx responses by itself, up to
 * three times with long waits. The scheduler owns retries (it is durable, paces per tenant and
 * honours Retry-After across all sends), so a send here must fail fast and report.
 */
class FailFastAuthentication extends ConfigurationBotFrameworkAuthentication {
  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const inner = super.createConnectorFactory(claimsIdentity);
    return {
      async create(serviceUrl: string, audience?: string) {
        const client = await inner.create(serviceUrl, audience);
        // ServiceClientContext keeps its core-client pipeline in `client`; the retry policy is named.
        (client as unknown as ConnectorClientLike).client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
        return client;
      },
    } as ConnectorFactory;
  }
}

export function createCloudAdapter(env: Env, logger: Logger): CloudAdapter {
  assertSafeAuthentication(env);
  const auth = new FailFastAuthentication(
    env.MicrosoftAppId
      ? {
          MicrosoftAppId: env.MicrosoftAppId,
          MicrosoftAppPassword: env.MicrosoftAppPassword,
          MicrosoftAppType: env.MicrosoftAppType,
          MicrosoftAppTenantId: env.MicrosoftAppTenantId,
        }
      : {},
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // The bot handles its own errors per turn; anything reaching here is a bug worth a log line.
    logger.error({ err: error, activityType: context.activity.type }, 'Teams turn failed');
  };
  return adapter;
}
