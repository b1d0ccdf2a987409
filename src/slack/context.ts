import type { Clock, Repositories } from '../core/ports';
import type { Questionnaire } from '../core/questionnaire/schema';
import type { Actor, Services } from '../core/services';
import { isSurveyError } from '../core/errors';
import { describeError, resolveLang, t, translator, type Translate } from '../i18n';
import type { Logger } from '../log';
import type { SlackMessenger } from './messenger';
import type { WebClient } from './slack-types';
import type { UserDirectory } from './user-directory';
import type { FollowUpGuard } from './dedupe';
import { resolveSchool, type SchoolHint } from './school';
import type { FollowUps } from './follow-ups';

/** How the app reaches Slack: one workspace with a fixed token, or OAuth installs into many. */
export type SlackMode = 'single-workspace' | 'multi-workspace';

/** Everything a listener needs; built once in src/slack/app.ts. */
export interface SlackDeps {
  services: Services;
  repos: Repositories;
  questionnaire: Questionnaire;
  clock: Clock;
  logger: Logger;
  directory: UserDirectory;
  messenger: SlackMessenger;
  mode: SlackMode;
  /** The work after an accepted request runs once, whatever Slack retries or a double click resend. */
  followUps: FollowUpGuard;
  /** Invitation and App Home refreshes after answers, at most one per person per few seconds. */
  refreshes: FollowUps;
}

export interface SlackIdentity {
  teamId: string;
  userId: string;
}

/** The workspace a Bolt payload belongs to: the team, or the Enterprise Grid org for org-wide installs. */
export function teamIdOf(context: { teamId?: string; enterpriseId?: string }, body?: unknown): string | undefined {
  if (context.teamId) return context.teamId;
  const b = body as { team?: { id?: string } | null; team_id?: string; user?: { team_id?: string } } | undefined;
  return b?.team?.id ?? b?.team_id ?? b?.user?.team_id ?? context.enterpriseId;
}

/**
 * The core's Actor for a Slack user: the school the request is for (see school.ts; the
 * workspace's default school is created on first use), and the language from the user's Slack
 * locale (users.info include_locale), else the school's.
 */
export async function resolveActor(deps: Pick<SlackDeps, 'services' | 'directory'>, client: WebClient, who: SlackIdentity, hint: SchoolHint = {}): Promise<Actor> {
  const { school: tenant, schoolChoices } = await resolveSchool(deps.services, who.teamId, who.userId, hint);
  const locale = await deps.directory.locale(client, who.teamId, who.userId);
  return { tenant, platformUserId: who.userId, lang: resolveLang(locale, tenant.settings.language), ...(schoolChoices ? { schoolChoices } : {}) };
}

export function tr(actor: Pick<Actor, 'lang'>): Translate {
  return translator(actor.lang);
}

/**
 * What to tell a person when something went wrong: a SurveyError in the core's own words, and
 * anything else as a calm "try again" (the details go to the log, never to the user).
 */
export function describeFailure(e: unknown, lang: Actor['lang'], logger: Logger, what: string): string {
  if (isSurveyError(e)) return describeError(e, lang);
  logger.error({ err: e, what }, 'Slack handler failed');
  return t(lang, 'slack:errors.unexpected');
}
