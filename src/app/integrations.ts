import { playgroundEnabled, slackConfigured, teamsConfigured, type Env } from '../config/env';
import type { IntegrationFactory } from './integration';

/**
 * A platform's code, and its SDK, loads only when its settings are there: botbuilder alone is
 * the largest part of start-up, and a Slack-only school never needs it. Each factory still makes
 * the final decision (and refuses a half-done configuration); `wanted` only has to be true
 * whenever the factory might do anything.
 */
function whenWanted(wanted: (env: Env) => boolean, load: () => IntegrationFactory): LazyIntegration {
  const factory: LazyIntegration = (ctx) => (wanted(ctx.env) ? load()(ctx) : undefined);
  factory.preload = (env) => void (wanted(env) && load());
  return factory;
}

type LazyIntegration = IntegrationFactory & { preload?: (env: Env) => void };

/**
 * Loads the code of every platform this configuration uses, so start-up can do it while the
 * database starts (the in-process one on its own thread) instead of after it.
 */
export function preloadIntegrations(env: Env): void {
  for (const factory of INTEGRATIONS as LazyIntegration[]) factory.preload?.(env);
}

/**
 * Every platform the process can serve; each factory returns undefined when its platform is not
 * configured. Integrations start in this order: the playground installs its simulated school
 * through the Teams integration, so Teams comes before it; the playground serves "/", so it is last.
 * Required lazily (not import()): under tsx's require hook import() takes Node's ESM loader.
 */
export const INTEGRATIONS: IntegrationFactory[] = [
  whenWanted(slackConfigured, () => (require('../slack') as typeof import('../slack')).createSlackIntegration),
  whenWanted(
    (env) => teamsConfigured(env) || Boolean(env.MicrosoftAppPassword || env.MicrosoftAppTenantId),
    () => (require('../teams') as typeof import('../teams')).teamsIntegration,
  ),
  whenWanted(playgroundEnabled, () => (require('../playground/integration') as typeof import('../playground/integration')).createPlaygroundIntegration),
];
