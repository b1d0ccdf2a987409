import { App, ExpressReceiver, type InstallationStore } from '@slack/bolt';
import type { Integration, IntegrationContext, IntegrationFactory } from '../app/integration';
import type { PlatformLimits } from '../core/messenger';
import type { Logger } from '../log';
import { boltLogger } from './bolt-logger';
import { BOT_SCOPES, slackConfig, type SlackConfig } from './config';
import type { SlackDeps } from './context';
import { FollowUpGuard } from './dedupe';
import { FollowUps } from './follow-ups';
import { createInstallationStore } from './installation-store';
import { registerListeners } from './listeners';
import { ListenerRouter } from './listener-router';
import { ackQueue } from './ack-queue';
import { acceptOnlyOwnWorkspace } from './own-workspace';
import { storedChannelPosts } from './channel-posts';
import { SlackMessenger, type BotTokenSource } from './messenger';
import { UserDirectory } from './user-directory';
import { createSocketModeReceiver } from './socket-mode/receiver';
import { listenerClientOptions, SlackClients, senderClientOptions } from './web-client';

export interface SlackIntegrationOptions {
  /** Pacing the scheduler uses for Slack (default: Slack's documented limits, see limits.ts). */
  limits?: PlatformLimits;
}

/** Where Slack sends commands, interactivity, options and events (HTTP mode). */
export const SLACK_EVENTS_PATH = '/slack/events';
/**
 * Slack requests this process works on at once; more wait their turn in order (ack-queue.ts).
 * Enough that reads go out together and one slow database reply holds nobody up; few enough that
 * a burst of fifty answers is answered in order instead of all at the end.
 */
const SLACK_REQUESTS_AT_ONCE = 16;
export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_REDIRECT_PATH = '/slack/oauth_redirect';

function tokenSource(config: SlackConfig, store: InstallationStore | undefined): BotTokenSource {
  if (config.mode === 'single-workspace') return async () => config.botToken;
  return async (tenant) => {
    try {
      const installation = await store!.fetchInstallation({ teamId: tenant.externalId, enterpriseId: undefined, isEnterpriseInstall: false });
      return installation.bot?.token;
    } catch {
      return undefined;
    }
  };
}

/**
 * Single workspace has no install step that names a first coordinator, and "whoever types first"
 * would hand the role to anyone in the workspace. So: the ids in COORDINATORS, or, while the
 * workspace has no coordinator, a one-time claim code printed in this process's log.
 */
async function firstCoordinators(ctx: IntegrationContext, teamId: string, name: string | undefined, logger: Logger): Promise<void> {
  const tenant = await ctx.services.tenants.ensure('slack', teamId, { name });
  if (tenant.settings.coordinators.length > 0) return;
  if (ctx.env.COORDINATORS?.length) {
    await ctx.services.tenants.seedCoordinators(tenant.id, ctx.env.COORDINATORS);
    logger.info({ coordinators: ctx.env.COORDINATORS }, 'Slack: first coordinators from COORDINATORS');
    return;
  }
  const code = await ctx.services.tenants.issueClaimCode(tenant.id);
  if (code) logger.warn(`Slack has no coordinator yet. To become the first coordinator, type in Slack: /zorgspiegel claim ${code}`);
}

/**
 * Zorgspiegel on Slack: one Bolt app whose ExpressReceiver router is mounted into the shared
 * Express app at /slack/events (plus /slack/install and /slack/oauth_redirect in multi-workspace
 * mode), or connected over Socket Mode when SLACK_APP_TOKEN is set. Every listener translates a
 * Slack payload into a service call and the result into Block Kit; no survey rule lives here.
 */
export function slackIntegration(options: SlackIntegrationOptions = {}): IntegrationFactory {
  return (ctx: IntegrationContext): Integration | undefined => {
    const config = slackConfig(ctx.env);
    if (!config) return undefined;
    const logger = ctx.logger.child({ integration: 'slack' });
    if (config.mode === 'multi-workspace' && ctx.env.SLACK_APP_TOKEN) logger.warn('SLACK_APP_TOKEN is ignored in multi-workspace (OAuth) mode: the install flow needs the HTTP endpoints');

    const clientOptions = listenerClientOptions(config.apiUrl);
    const store =
      config.mode === 'multi-workspace'
        ? createInstallationStore({ installations: ctx.repos.installations, tenants: ctx.services.tenants, clock: ctx.clock, logger })
        : undefined;
    const bolt = boltLogger(logger);
    const directory = new UserDirectory(logger);
    const messenger = new SlackMessenger({
      clients: new SlackClients(senderClientOptions(config.apiUrl, bolt)),
      tokens: tokenSource(config, store),
      directory,
      logger,
      limits: options.limits,
      channelPosts: storedChannelPosts(ctx.repos.installations, ctx.clock),
    });

    let receiver: ExpressReceiver | undefined;
    let app: App;
    if (config.socketMode) {
      const socketReceiver = createSocketModeReceiver({ appToken: config.appToken!, apiUrl: config.apiUrl, boltLogger: bolt, logger });
      app = new App({ receiver: socketReceiver, token: config.botToken, logger: bolt, clientOptions, convoStore: false, deferInitialization: true });
    } else {
      receiver = new ExpressReceiver({
        signingSecret: config.signingSecret ?? '',
        logger: bolt,
        endpoints: SLACK_EVENTS_PATH,
        // Listeners ack first and work after; the HTTP answer goes out on ack.
        processBeforeResponse: false,
        ...(config.mode === 'multi-workspace'
          ? {
              clientId: config.clientId,
              clientSecret: config.clientSecret,
              stateSecret: config.stateSecret,
              installationStore: store,
              scopes: [...BOT_SCOPES],
              installerOptions: {
                installPath: SLACK_INSTALL_PATH,
                redirectUriPath: SLACK_REDIRECT_PATH,
                clientOptions,
                ...(config.authorizationUrl ? { authorizationUrl: config.authorizationUrl } : {}),
              },
            }
          : {}),
      });
      app = new App({
        receiver,
        ...(config.mode === 'single-workspace' ? { token: config.botToken } : {}),
        logger: bolt,
        clientOptions,
        convoStore: false,
        deferInitialization: true,
      });
    }
    app.error(async (error) => {
      logger.error({ err: error }, 'unhandled error in a Slack listener');
    });

    const deps: SlackDeps = {
      services: ctx.services,
      repos: ctx.repos,
      questionnaire: ctx.questionnaire,
      clock: ctx.clock,
      logger,
      directory,
      messenger,
      mode: config.mode,
      followUps: new FollowUpGuard(ctx.repos.once, ctx.clock, logger),
      refreshes: new FollowUps((err) => logger.warn({ err }, 'a follow-up after an answer failed')),
    };
    // Single workspace: the token's own team, learnt once from auth.test (shared by the check
    // on every request and the start-up below).
    let ownTeam: Promise<{ id?: string; name?: string }> | undefined;
    const ownWorkspace = () =>
      (ownTeam ??= app.client.auth
        .test({ token: config.botToken })
        .then((auth) => ({ id: auth.team_id, name: auth.team }))
        .catch((err: unknown) => {
          ownTeam = undefined;
          throw err;
        }));
    if (config.mode === 'single-workspace') acceptOnlyOwnWorkspace(app, async () => (await ownWorkspace()).id, logger);
    // Every action, view and options listener behind one Bolt listener per kind (listener-router.ts).
    const router = new ListenerRouter();
    registerListeners(router.wrap(app), deps, store);
    router.mount(app);

    return {
      name: 'slack',
      messenger,
      mount(http) {
        if (!receiver) return;
        http.use(SLACK_EVENTS_PATH, ackQueue(SLACK_REQUESTS_AT_ONCE));
        http.use(receiver.router);
      },
      async start() {
        await app.init();
        if (config.mode === 'single-workspace') {
          // The one workspace is known from the token: create its tenant now, so the scheduler
          // and App Home find it before anyone has typed a command.
          const team = await ownWorkspace();
          if (team.id) await firstCoordinators(ctx, team.id, team.name, logger);
          logger.info({ team: team.id, socketMode: config.socketMode }, 'Slack (single workspace) ready');
        } else logger.info({ install: SLACK_INSTALL_PATH }, 'Slack (multi-workspace, OAuth) ready');
        if (config.socketMode) await app.start();
      },
      async stop() {
        if (config.socketMode) await app.stop();
      },
    };
  };
}

/** The Slack integration with Slack's documented limits: what src/app/start.ts registers. */
export const createSlackIntegration: IntegrationFactory = slackIntegration();
