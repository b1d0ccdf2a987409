import type { Activity, ChannelAccount } from 'botbuilder';

/**
 * Who is acting, in Teams terms. The platform user id is the Entra object id when Teams gives one
 * (it is stable across teams and chats, and it is what rosters carry), else the Teams id — the
 * same rule for activities and rosters, so a person is one id everywhere.
 */
export function platformUserIdOf(account: Pick<ChannelAccount, 'id' | 'aadObjectId'>): string {
  return account.aadObjectId || account.id;
}

/** The Microsoft tenant an activity comes from. */
export function msTenantIdOf(activity: Pick<Activity, 'conversation' | 'channelData'>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return channelData?.tenant?.id || activity.conversation?.tenantId || undefined;
}

/** The team an activity happened in; undefined in personal and group chats. */
export function teamOf(activity: Pick<Activity, 'channelData'>): { id: string; name?: string; aadGroupId?: string } | undefined {
  const team = (activity.channelData as { team?: { id?: string; name?: string; aadGroupId?: unknown } } | undefined)?.team;
  if (!team?.id) return undefined;
  // The team's Microsoft 365 group id: a deep link to a channel message needs it (see message-link.ts).
  const aadGroupId = typeof team.aadGroupId === 'string' && team.aadGroupId ? team.aadGroupId : undefined;
  return { id: team.id, name: team.name, ...(aadGroupId ? { aadGroupId } : {}) };
}

export class UnknownTenantError extends Error {
  constructor() {
    super('the activity carries no Microsoft tenant id');
    this.name = 'UnknownTenantError';
  }
}
