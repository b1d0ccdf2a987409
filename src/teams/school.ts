import type { Activity } from 'botbuilder';
import type { Clock, Repositories } from '../core/ports';
import type { Actor, Services } from '../core/services';
import type { Tenant } from '../core/tenant';
import { resolveLang } from '../i18n';
import type { TeamsDirectory } from './directory/teams-directory';
import { msTenantIdOf, platformUserIdOf, teamOf, UnknownTenantError } from './identity';

/**
 * Which school a Teams activity is for. A school is a team (each team the app is added to is its
 * own school; the first one in a Microsoft tenant keeps the tenant's short id "teams:<tenant>", so
 * a tenant stored before schools existed is the school of the teams it was set up for). Ids from a
 * card (a round, a school) are trusted only inside the Microsoft tenant the activity comes from.
 */
export interface SchoolDeps {
  services: Services;
  repos: Repositories;
  directory: TeamsDirectory;
  clock: Clock;
}

/** What a card or command may say about the school: the round it is about, or a chosen school. */
export interface SchoolHint {
  roundId?: string;
  schoolId?: string;
}

/**
 * The school of a team: the one its installation record names (kept after removal, so adding the
 * app again finds the same school), else the tenant's default school if no team has it yet, else
 * a school of its own. The installer becomes the first coordinator of a school without one.
 */
export async function schoolOfTeam(deps: SchoolDeps, msTenantId: string, team: { id: string; name?: string }, installerId?: string): Promise<Tenant> {
  const boundId = await deps.directory.schoolOfTeam(team.id);
  const bound = boundId ? await deps.services.tenants.schoolIn('teams', msTenantId, boundId) : null;
  if (bound) {
    if (installerId && bound.settings.coordinators.length === 0) return deps.repos.tenants.addCoordinator(bound.id, installerId, deps.clock.now());
    return bound;
  }
  return deps.services.tenants.schoolFor('teams', msTenantId, team.id, { ...(team.name ? { name: team.name } : {}), ...(installerId ? { installerId } : {}) });
}

/**
 * The actor for an activity. In a team: the team's school. In a personal chat: the school of the
 * round the card is about, or the school chosen on the card, or the one school the person
 * coordinates (a coordinator of several gets `schoolChoices` and is asked which one), or the
 * school of a team they are in.
 */
export async function actorFor(deps: SchoolDeps, activity: Pick<Activity, 'conversation' | 'channelData' | 'from' | 'locale'>, hint: SchoolHint = {}): Promise<Actor> {
  const msTenantId = msTenantIdOf(activity);
  if (!msTenantId) throw new UnknownTenantError();
  const platformUserId = platformUserIdOf(activity.from);
  const { tenants } = deps.services;
  const team = teamOf(activity);
  let school: Tenant | null = null;
  let schoolChoices: Tenant[] | undefined;
  if (hint.roundId) school = await tenants.schoolOfRound('teams', msTenantId, hint.roundId);
  if (!school && hint.schoolId) school = await tenants.schoolIn('teams', msTenantId, hint.schoolId);
  if (!school && team) school = await schoolOfTeam(deps, msTenantId, team);
  if (!school) {
    const mine = await tenants.coordinatedBy('teams', msTenantId, platformUserId);
    if (mine.length > 1) schoolChoices = mine;
    // Not a coordinator: the school of a team they are in, so a refusal names their own coordinators.
    const memberOf = mine.length ? undefined : await deps.directory.schoolOfMember(msTenantId, platformUserId);
    school = mine[0] ?? (memberOf ? await tenants.schoolIn('teams', msTenantId, memberOf) : null) ?? (await tenants.ensure('teams', msTenantId));
  }
  // The language the person chose on a card, else their Teams locale, else the one we learnt before, else the school's.
  const known = await deps.directory.languageOf(msTenantId, platformUserId);
  const lang = known?.chosen ? known.lang : resolveLang(activity.locale, known?.lang ?? school.settings.language);
  return { tenant: school, platformUserId, lang, ...(schoolChoices ? { schoolChoices } : {}) };
}
