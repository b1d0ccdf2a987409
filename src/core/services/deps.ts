import type { Logger } from 'pino';
import type { Clock, Repositories } from '../ports';
import type { Questionnaire, Lang } from '../questionnaire/schema';
import type { Tenant } from '../tenant';

/** What every service needs; the composition root (src/app) builds it once. */
export interface ServiceDeps {
  repos: Repositories;
  questionnaire: Questionnaire;
  /** HMAC secret for respondent keys (RESPONDENT_KEY_SECRET). */
  respondentSecret: string;
  clock: Clock;
  logger: Logger;
  /** Called after jobs are enqueued so the worker picks them up now rather than at its next poll. */
  wakeScheduler?: () => void;
  newId?: () => string;
}

/** Who is acting, in which school, in which language. Adapters build it from their payloads. */
export interface Actor {
  /** The school the action is for; every service checks a round's tenantId against it. */
  tenant: Tenant;
  platformUserId: string;
  lang: Lang;
  /**
   * Set when nothing in the request said which school is meant (a personal chat) and the person
   * coordinates several schools of the platform tenant: adapters ask them to choose.
   */
  schoolChoices?: Tenant[];
}
