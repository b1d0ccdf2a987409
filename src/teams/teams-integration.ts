import type { IntegrationContext, IntegrationFactory, Integration } from '../app/integration';
import { teamsConfigured, type Env } from '../config/env';
import type { Actor } from '../core/services';
import { t } from '../i18n';
import { ZorgspiegelBot } from './bot/zorgspiegel-bot';
import { chooseLanguage } from './bot/language';
import type { CardActionDeps } from './card-actions';
import { TeamsDirectory } from './directory/teams-directory';
import { createCloudAdapter, runsUnauthenticated, TeamsConfigError } from './http/create-adapter';
import { ExportLinks } from './http/export-links';
import { mountTeamsRoutes } from './http/routes';
import { TeamsMessenger } from './messenger/teams-messenger';

/**
 * Production with some Microsoft settings but no app id is a half-done Azure registration: say
 * so at start-up rather than silently leaving Teams off.
 */
function assertComplete(env: Env): void {
  if (env.NODE_ENV === 'production' && !env.MicrosoftAppId && (env.MicrosoftAppPassword || env.MicrosoftAppTenantId)) {
    throw new TeamsConfigError('Teams: MicrosoftAppPassword or MicrosoftAppTenantId is set but MicrosoftAppId is not. Set MicrosoftAppId from the Azure Bot registration (see "Set up in Microsoft Teams" in README.md).');
  }
}

/** The card-action dependencies on Teams: audiences and settings choices come from the stored teams. */
function cardActionDeps(ctx: IntegrationContext, directory: TeamsDirectory, exports: ExportLinks, displayName: CardActionDeps['displayName']): CardActionDeps {
  return {
    services: ctx.services,
    questionnaire: ctx.questionnaire,
    clock: ctx.clock,
    logger: ctx.logger,
    displayName,
    async audiences(actor: Actor) {
      return (await directory.teams(actor.tenant.id)).map((team) => ({ kind: 'team' as const, id: team.teamId, name: team.name, size: team.members.length }));
    },
    async settingsOptions(actor: Actor) {
      const teams = await directory.teams(actor.tenant.id);
      const channels = teams.flatMap((team) => team.channels.map((c) => ({ id: c.id, name: `${team.name} › ${c.name ?? t(actor.lang, 'teams:generalChannel')}` })));
      const people = new Map<string, string>();
      for (const team of teams) for (const m of team.members) people.set(m.platformUserId, m.name ?? m.platformUserId);
      return { channels, people: [...people].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)) };
    },
    exportRound: (actor, roundId) => ctx.services.coordinators.exportRound(actor, roundId, 'xlsx'),
    offerDownload: (file) => exports.offer(file),
    memo: directory.memo,
    chooseLanguage: (actor, lang) => chooseLanguage({ directory, services: ctx.services }, actor.tenant.externalId, actor.platformUserId, lang),
  };
}

/**
 * Microsoft Teams: a CloudAdapter at POST /api/messages, the bot, the messenger for the
 * scheduler, and the chart and export routes. Enabled when an app id is set, or outside
 * production without one (Bot Framework Emulator mode, no authentication).
 */
export const teamsIntegration: IntegrationFactory = (ctx): Integration | undefined => {
  const { env, logger } = ctx;
  assertComplete(env);
  if (!teamsConfigured(env)) return undefined;
  const adapter = createCloudAdapter(env, logger);
  if (runsUnauthenticated(env)) logger.warn('Teams: no MicrosoftAppId, so /api/messages runs without authentication (Bot Framework Emulator mode)');
  const directory = new TeamsDirectory(ctx.repos.installations, ctx.clock);
  const exports = new ExportLinks(ctx.repos.downloads, ctx.clock, ctx.publicUrl);
  const messenger = new TeamsMessenger({ adapter, appId: env.MicrosoftAppId ?? '', directory, summaries: ctx.repos.summaries, clock: ctx.clock, logger, publicUrl: ctx.publicUrl, sendsPerSecond: env.TEAMS_SENDS_PER_SECOND });
  const bot = new ZorgspiegelBot({
    services: ctx.services,
    repos: ctx.repos,
    directory,
    clock: ctx.clock,
    logger,
    cardActions: cardActionDeps(ctx, directory, exports, (tenant, id) => messenger.displayName(tenant, id)),
    personalChat: messenger,
  });
  return {
    name: 'teams',
    messenger,
    mount(http) {
      mountTeamsRoutes(http, { adapter, bot, summaries: ctx.repos.summaries, exports, logger });
    },
    async start() {
      await directory.preload();
    },
  };
};
