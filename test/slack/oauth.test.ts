import { eventually, sendCommand, startSlackHarness, type SlackHarness } from './harness';

/**
 * Multi-workspace mode: Bolt's OAuth install flow on /slack/install and /slack/oauth_redirect,
 * the installation kept in MongoDB, the installer the workspace's first coordinator, and
 * requests from that workspace answered with the installed bot token.
 */
describe('installing the app with OAuth (multi-workspace)', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness(
      (fake) => {
        fake.teamId = 'T0OTHER';
        fake.teamName = 'Campus De Bron';
        fake.addUser({ id: 'UINSTALLER', locale: 'nl-BE' });
        fake.addUser({ id: 'UTEACHER', locale: 'en-US' });
      },
      { env: { SLACK_BOT_TOKEN: undefined, SLACK_CLIENT_ID: '1234.5678', SLACK_CLIENT_SECRET: 'client-secret', SLACK_STATE_SECRET: 'state-secret-for-tests' } },
    );
  });
  afterAll(async () => {
    await h.close();
  });

  it('runs the install flow, stores the installation and makes the installer coordinator', async () => {
    const install = await fetch(`${h.url}/slack/install`, { redirect: 'manual' });
    expect([200, 302]).toContain(install.status);
    const cookie = install.headers.get('set-cookie')!;
    expect(cookie).toContain('slack-app-oauth-state=');
    const page = install.status === 302 ? install.headers.get('location')! : await install.text();
    const authorize = new URL(page.match(/https?:\/\/[^"'\s]+oauth\/v2\/authorize[^"'\s]*/)![0].replace(/&amp;/g, '&'));
    // The authorize page belongs to the configured API host (GovSlack, tests), not slack.com.
    expect(authorize.origin).toBe(new URL(h.fake.url).origin);
    expect(authorize.searchParams.get('client_id')).toBe('1234.5678');
    expect(authorize.searchParams.get('scope')).toContain('chat:write');
    const state = authorize.searchParams.get('state')!;

    const redirect = await fetch(`${h.url}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state)}`, { headers: { cookie: cookie.split(';')[0]! }, redirect: 'manual' });
    expect(redirect.status).toBeLessThan(400);
    expect(h.fake.callsOf('oauth.v2.access')[0]!.params).toMatchObject({ code: 'the-code', client_id: '1234.5678' });

    const stored = await h.db.repos.installations.get('slack', 'team:T0OTHER');
    expect(stored).toMatchObject({ team: { id: 'T0OTHER' }, bot: { token: 'xoxb-installed-token' }, user: { id: 'UINSTALLER' } });
    const tenant = await h.db.repos.tenants.get('slack:T0OTHER');
    expect(tenant).toMatchObject({ name: 'Campus De Bron', settings: { coordinators: ['UINSTALLER'] } });
  });

  it('refuses a redirect whose state was not issued by us', async () => {
    const before = h.fake.callsOf('oauth.v2.access').length;
    const res = await fetch(`${h.url}/slack/oauth_redirect?code=x&state=forged`, { redirect: 'manual' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(h.fake.callsOf('oauth.v2.access')).toHaveLength(before);
  });

  it('answers the installed workspace with its own bot token, and the installer is already coordinator', async () => {
    await sendCommand(h, 'UINSTALLER', 'status');
    const answer = await eventually(() => h.fake.callsOf('response_url').find((c) => JSON.stringify(c.params).includes('nog geen bevragingen')), 'the status answer');
    expect(JSON.stringify(answer.params)).not.toContain('eerste coördinator');
    const usersInfo = h.fake.callsOf('users.info').at(-1)!;
    expect(usersInfo.token).toBe('xoxb-installed-token');
  });

  it('refuses coordinator commands to the other staff of that workspace', async () => {
    await sendCommand(h, 'UTEACHER', 'new');
    const refusal = await eventually(() => h.fake.callsOf('response_url').find((c) => JSON.stringify(c.params).includes('Only coordinators')), 'the refusal');
    expect(JSON.stringify(refusal.params)).toContain('<@UINSTALLER>');
  });
});
