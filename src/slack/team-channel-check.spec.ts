import { checkTeamChannel } from './team-channel-check';

/** Slack's conversations.info answers, as the WebClient hands them over (ok:false throws). */
function client(answer: Record<string, unknown> | { error: string }) {
  return {
    conversations: {
      info: async () => {
        if ('error' in answer) throw Object.assign(new Error(`An API error occurred: ${String(answer.error)}`), { code: 'slack_webapi_platform_error', data: { ok: false, error: answer.error } });
        return { ok: true, channel: answer };
      },
    },
  } as unknown as Parameters<typeof checkTeamChannel>[0];
}

describe('checkTeamChannel', () => {
  it('accepts a channel of the workspace and returns its name', async () => {
    await expect(checkTeamChannel(client({ id: 'C1', name: 'team', context_team_id: 'T1', shared_team_ids: ['T1'] }), 'C1', 'T1')).resolves.toEqual({ ok: true, name: 'team' });
  });
  it('refuses what the token cannot see, and a channel whose owner and sharing name only other workspaces', async () => {
    await expect(checkTeamChannel(client({ error: 'channel_not_found' }), 'C1', 'T1')).resolves.toEqual({ ok: false, reason: 'foreign' });
    await expect(checkTeamChannel(client({ id: 'C1', context_team_id: 'T2', shared_team_ids: ['T2', 'T3'] }), 'C1', 'T1')).resolves.toEqual({ ok: false, reason: 'foreign' });
    await expect(checkTeamChannel(client({ id: 'C2', context_team_id: 'T1' }), 'C1', 'T1')).resolves.toEqual({ ok: false, reason: 'foreign' });
    await expect(checkTeamChannel(client({ id: 'D1', is_im: true }), 'D1', 'T1')).resolves.toEqual({ ok: false, reason: 'foreign' });
  });
  it('accepts an org-wide channel shared with this workspace, but not one shared with another organisation', async () => {
    await expect(checkTeamChannel(client({ id: 'C1', context_team_id: 'E1', shared_team_ids: ['T1', 'T2'] }), 'C1', 'T1')).resolves.toEqual({ ok: true });
    await expect(checkTeamChannel(client({ id: 'C1', context_team_id: 'T1', shared_team_ids: ['T1', 'TX'], is_ext_shared: true }), 'C1', 'T1')).resolves.toEqual({ ok: false, reason: 'external' });
  });
  it('refuses a public channel the bot has not joined: the summary could never be posted there', async () => {
    await expect(checkTeamChannel(client({ id: 'C1', name: 'team', context_team_id: 'T1', is_member: false }), 'C1', 'T1')).resolves.toEqual({ ok: false, reason: 'not_member' });
    await expect(checkTeamChannel(client({ id: 'C1', name: 'team', context_team_id: 'T1', is_member: true }), 'C1', 'T1')).resolves.toEqual({ ok: true, name: 'team' });
  });
  it('decides nothing when Slack cannot answer', async () => {
    await expect(checkTeamChannel(client({ error: 'internal_error' }), 'C1', 'T1')).resolves.toEqual({ ok: false, reason: 'unverified', error: 'internal_error' });
  });
});
