import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import { platformUserIdOf } from '../identity';
import type { TeamChannelInfo, TeamMember } from '../directory/teams-directory';

/** Teams' paged roster API takes 50–500 per page; 500 means one call for a school. */
export const ROSTER_PAGE_SIZE = 500;

export function toMember(account: TeamsChannelAccount): TeamMember {
  return { platformUserId: platformUserIdOf(account), id: account.id, ...(account.aadObjectId ? { aadObjectId: account.aadObjectId } : {}), ...(account.name ? { name: account.name } : {}) };
}

/** Every member of the team, page by page (the unpaged API is deprecated and throttled). */
export async function readRoster(context: TurnContext, teamId: string): Promise<TeamMember[]> {
  const members: TeamMember[] = [];
  const seen = new Set<string>();
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedTeamMembers(context, teamId, ROSTER_PAGE_SIZE, continuationToken);
    for (const account of page.members ?? []) {
      const member = toMember(account);
      if (!seen.has(member.platformUserId)) members.push(member);
      seen.add(member.platformUserId);
    }
    continuationToken = page.continuationToken || undefined;
  } while (continuationToken);
  return members;
}

export async function readChannels(context: TurnContext, teamId: string): Promise<TeamChannelInfo[]> {
  const channels = await TeamsInfo.getTeamChannels(context, teamId);
  return channels.filter((c) => c.id).map((c) => ({ id: c.id!, ...(c.name ? { name: c.name } : {}) }));
}
