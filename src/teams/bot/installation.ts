import { CardFactory, type TurnContext } from 'botbuilder';
import type { Clock, Repositories } from '../../core/ports';
import type { Services } from '../../core/services';
import { tenantId } from '../../core/tenant';
import { resolveLang, t } from '../../i18n';
import type { Logger } from '../../log';
import { personalWelcomeCard, teamWelcomeCard } from '../cards/presenters/welcome';
import { teamsTenantKey, type TeamsDirectory } from '../directory/teams-directory';
import { schoolOfTeam } from '../school';
import { msTenantIdOf, platformUserIdOf, teamOf } from '../identity';
import { readChannels, readRoster } from './roster';

export interface InstallationDeps {
  services: Services;
  repos: Repositories;
  directory: TeamsDirectory;
  clock: Clock;
  logger: Logger;
}

/**
 * Teams announces one install twice (a conversationUpdate and an installationUpdate), often at
 * the same moment. Within this process the two are handled one after the other, so the second
 * sees the first's work; across processes the greeting itself is claimed in the database
 * (`claimGreeting`), so the channel is greeted once whichever process each announcement reaches.
 */
const inFlight = new Map<string, Promise<unknown>>();
async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = inFlight.get(key) ?? Promise.resolve();
  const run = before.catch(() => undefined).then(work);
  inFlight.set(key, run);
  try {
    return await run;
  } finally {
    if (inFlight.get(key) === run) inFlight.delete(key);
  }
}

/**
 * Whether this process may send the greeting for `key`: the first claim within ten minutes wins
 * (both announcements of one install arrive within seconds; an install months later greets again).
 */
async function claimGreeting(deps: InstallationDeps, key: string): Promise<boolean> {
  return deps.repos.once.claim(`teams-greeting:${key}`, new Date(deps.clock.now().getTime() + GREETING_CLAIM_MS));
}
const GREETING_CLAIM_MS = 10 * 60_000;

/** True when this conversationUpdate says the bot itself was added. */
export function botWasAdded(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.membersAdded ?? []).some((m) => m.id === botId);
}

export function botWasRemoved(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.membersRemoved ?? []).some((m) => m.id === botId);
}

/**
 * The app was added to a team: the team's school comes into being with the installer as its
 * first coordinator (each team is its own school; a team added again returns to its school); the
 * team, its channels, the roster (paged) and the way back into the team are stored; the General
 * channel becomes the school's team channel unless one is set; and the channel is greeted once
 * with how to start.
 */
export async function installInTeam(context: TurnContext, deps: InstallationDeps): Promise<void> {
  const team = teamOf(context.activity);
  if (team) await oneAtATime(`team:${team.id}`, () => installTeamNow(context, deps, team));
}

async function installTeamNow(context: TurnContext, deps: InstallationDeps, team: { id: string; name?: string; aadGroupId?: string }): Promise<void> {
  const { activity } = context;
  const msTenantId = msTenantIdOf(activity);
  if (!msTenantId) return;
  const installerId = platformUserIdOf(activity.from);
  let tenant = await schoolOfTeam(deps, msTenantId, team, installerId);
  const lang = resolveLang(activity.locale, tenant.settings.language);
  const [channels, members] = await Promise.all([readChannels(context, team.id), readRoster(context, team.id)]);
  const existing = await deps.directory.getTeam(team.id);
  const now = deps.clock.now().toISOString();
  const record = {
    kind: 'team' as const,
    tenantId: tenant.id,
    msTenantId,
    teamId: team.id,
    name: team.name ?? existing?.name ?? team.id,
    ...(team.aadGroupId || existing?.aadGroupId ? { aadGroupId: team.aadGroupId ?? existing?.aadGroupId } : {}),
    serviceUrl: activity.serviceUrl,
    botId: activity.recipient.id,
    channels: channels.length ? channels : [{ id: team.id }],
    members,
    rosterUpdatedAt: now,
    installedBy: existing?.installedBy ?? installerId,
    installedAt: existing?.installedAt ?? now,
    ...(existing?.welcomedAt ? { welcomedAt: existing.welcomedAt } : {}),
  };
  await deps.directory.saveTeam(record);
  if (!tenant.settings.teamChannel) {
    // Setting up the workspace is the install's job, not a coordinator's action.
    tenant = await deps.repos.tenants.updateSettings(tenant.id, { teamChannel: { id: team.id, name: `${record.name} › ${t(lang, 'teams:generalChannel')}` } }, deps.clock.now());
  }
  deps.logger.info({ tenantId: tenant.id, members: members.length, channels: channels.length }, 'Teams: installed in a team');
  if (record.welcomedAt || !(await claimGreeting(deps, `team:${team.id}`))) return;
  const installer = members.find((m) => m.platformUserId === installerId)?.name ?? activity.from.name ?? '';
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(teamWelcomeCard(lang, { name: record.name, installer }))] });
  await deps.directory.saveTeam({ ...record, welcomedAt: deps.clock.now().toISOString() });
}

/** The app was removed from a team: forget the team (answers and rounds stay). */
export async function uninstallFromTeam(context: TurnContext, deps: InstallationDeps): Promise<void> {
  const team = teamOf(context.activity);
  if (team) await deps.directory.deleteTeam(team.id);
}

/**
 * Stores (or refreshes) the person's 1:1 conversation with the bot, so proactive messages can
 * reach them. Called on a personal install and on every personal activity, because Teams may
 * hand out a new conversation id after a reinstall. One per person and Microsoft tenant: every
 * school of the tenant reaches them through it.
 */
export async function rememberPersonalConversation(context: TurnContext, deps: InstallationDeps): Promise<void> {
  const { activity } = context;
  const msTenantId = msTenantIdOf(activity);
  if (!msTenantId || activity.conversation?.conversationType !== 'personal' || !activity.from?.id) return;
  const tenantId = teamsTenantKey(msTenantId);
  const platformUserId = platformUserIdOf(activity.from);
  const existing = await deps.directory.getPersonal(tenantId, platformUserId);
  if (existing && existing.conversationId === activity.conversation.id && existing.serviceUrl === activity.serviceUrl) return;
  await deps.directory.savePersonal({
    kind: 'personal',
    tenantId,
    msTenantId,
    platformUserId,
    memberId: activity.from.id,
    ...(activity.from.name ? { name: activity.from.name } : existing?.name ? { name: existing.name } : {}),
    serviceUrl: activity.serviceUrl,
    botId: activity.recipient.id,
    conversationId: activity.conversation.id,
    updatedAt: deps.clock.now().toISOString(),
  });
}

/** Someone added the app for themselves: remember the conversation and say hello. */
export async function installPersonal(context: TurnContext, deps: InstallationDeps): Promise<void> {
  const msTenantId = msTenantIdOf(context.activity);
  if (!msTenantId) return;
  await oneAtATime(`personal:${msTenantId}:${platformUserIdOf(context.activity.from)}`, () => greetPersonal(context, deps, msTenantId));
}

async function greetPersonal(context: TurnContext, deps: InstallationDeps, msTenantId: string): Promise<void> {
  const existing = await deps.directory.getPersonal(teamsTenantKey(msTenantId), platformUserIdOf(context.activity.from));
  await rememberPersonalConversation(context, deps);
  if (existing || !(await claimGreeting(deps, `personal:${msTenantId}:${platformUserIdOf(context.activity.from)}`))) return;
  // A personal chat belongs to no one school: the person's language, else the tenant's first school's.
  const firstSchool = await deps.services.tenants.get(tenantId('teams', msTenantId));
  const lang = resolveLang(context.activity.locale, firstSchool?.settings.language ?? 'nl');
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(personalWelcomeCard(lang))] });
}
