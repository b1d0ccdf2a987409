import type { TeamRecord } from '../directory/teams-directory';

/**
 * A Teams deep link to a message the bot posted in a channel (Microsoft's documented "deep link
 * to navigate to channel conversation"):
 *
 *   https://teams.microsoft.com/l/message/<channelId>/<parentMessageId>?tenantId=…&groupId=…
 *     &parentMessageId=…&teamName=…&channelName=…&createdTime=…
 *
 * A root post's id in a channel is its creation time in milliseconds, so it serves as
 * `createdTime` too. The link needs the team's group id (channelData.team.aadGroupId, sent when
 * the app is added to the team; for a team installed before it was kept, the messenger asks Teams
 * for the team's details once): without it there is no link, and the message names the channel
 * instead of offering a button that might not open.
 */
export function channelMessageLink(team: Pick<TeamRecord, 'msTenantId' | 'aadGroupId' | 'name' | 'channels' | 'teamId'>, channelId: string, messageId: string): string | undefined {
  if (!team.aadGroupId || !channelId || !messageId) return undefined;
  // Teams gives the General channel no name of its own; its name in a link is "General".
  const channelName = team.channels.find((c) => c.id === channelId)?.name ?? (channelId === team.teamId ? 'General' : undefined);
  const query = new URLSearchParams({
    tenantId: team.msTenantId,
    groupId: team.aadGroupId,
    parentMessageId: messageId,
    teamName: team.name,
    ...(channelName ? { channelName } : {}),
    ...(/^\d+$/.test(messageId) ? { createdTime: messageId } : {}),
  });
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${encodeURIComponent(messageId)}?${query.toString()}`;
}
