import type { Express } from 'express';
import type { Env } from '../config/env';
import type { Messenger } from '../core/messenger';
import type { Clock, Repositories } from '../core/ports';
import type { Questionnaire } from '../core/questionnaire/schema';
import type { Services } from '../core/services';
import type { Logger } from '../log';

/** What the composition root hands every platform integration. */
export interface IntegrationContext {
  env: Env;
  services: Services;
  repos: Repositories;
  questionnaire: Questionnaire;
  clock: Clock;
  logger: Logger;
  /** The URL the bot is reachable at (PUBLIC_URL, else http://localhost:PORT once listening). */
  publicUrl: () => string;
}

/**
 * A chat platform (Slack, Teams) or the playground: it mounts its HTTP routes, provides a
 * messenger for the scheduler, and translates its wire format to service calls — nothing more.
 */
export interface Integration {
  name: string;
  messenger?: Messenger;
  mount(http: Express): void;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/** Returns undefined when the integration is not configured (e.g. no Slack tokens). */
export type IntegrationFactory = (ctx: IntegrationContext) => Integration | undefined;
