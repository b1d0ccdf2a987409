import type { WebClient } from './slack-types';

/**
 * Whether a channel chosen in the settings belongs to the workspace, asked of Slack with the
 * workspace's own bot token (`conversations.info`). A submission's channel id is only a string the
 * client sent: an edited payload could name another workspace's channel, or one shared with
 * another organisation, and the anonymous summary would be posted there.
 */
export type TeamChannelCheck =
  | { ok: true; name?: string }
  /** Slack does not show this token the channel, or it lives in another workspace. */
  | { ok: false; reason: 'foreign' }
  /** A Slack Connect channel: people of another organisation would read the summary. */
  | { ok: false; reason: 'external' }
  /** A public channel the bot has not joined: every post there would fail with not_in_channel. */
  | { ok: false; reason: 'not_member' }
  /** Slack could not answer now (rate limit, outage): nothing is decided. */
  | { ok: false; reason: 'unverified'; error: string };

interface ChannelInfo {
  id?: string;
  name?: string;
  context_team_id?: string;
  shared_team_ids?: string[];
  is_ext_shared?: boolean;
  is_im?: boolean;
  is_mpim?: boolean;
  is_member?: boolean;
}

/** Errors with which Slack says "no such channel for this token" (a forged or foreign id). */
const NOT_HERE = new Set(['channel_not_found', 'not_in_channel', 'method_not_supported_for_channel_type']);

export async function checkTeamChannel(client: Pick<WebClient, 'conversations'>, channelId: string, teamId: string): Promise<TeamChannelCheck> {
  let channel: ChannelInfo | undefined;
  try {
    const res = await client.conversations.info({ channel: channelId });
    channel = res.channel as ChannelInfo | undefined;
  } catch (e) {
    const error = String((e as { data?: { error?: unknown } }).data?.error ?? (e as Error).message ?? e);
    return NOT_HERE.has(error) ? { ok: false, reason: 'foreign' } : { ok: false, reason: 'unverified', error };
  }
  if (!channel || channel.id !== channelId || channel.is_im || channel.is_mpim) return { ok: false, reason: 'foreign' };
  // An org-wide channel of an Enterprise Grid names its owner in context_team_id and every
  // workspace it is shared with in shared_team_ids; either must be ours.
  const teams = [channel.context_team_id, ...(channel.shared_team_ids ?? [])].filter((id): id is string => typeof id === 'string');
  if (teams.length > 0 && !teams.includes(teamId)) return { ok: false, reason: 'foreign' };
  if (channel.is_ext_shared) return { ok: false, reason: 'external' };
  // The manifest asks no chat:write.public: the summary can only go where the bot was invited.
  if (channel.is_member === false) return { ok: false, reason: 'not_member' };
  return { ok: true, ...(channel.name ? { name: channel.name } : {}) };
}
