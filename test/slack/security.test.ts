import { commandBody, eventually, postToSlackEndpoint, sendCommand, sign, startSlackHarness, type SlackHarness } from './harness';

/**
 * Requests that do not come from Slack never reach a listener: Bolt's HTTP receiver checks the
 * signature (HMAC of the body with the signing secret) and refuses timestamps older than five
 * minutes (replays). These tests send real HTTP to the mounted /slack/events route.
 */
describe('Slack request verification', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness((fake) => fake.addUser({ id: 'UCOORD', locale: 'nl-BE' }));
  });
  afterAll(async () => {
    await h.close();
  });

  const tenantCount = async () => (await h.db.db.collection('tenants').countDocuments({})) as number;

  it('answers a correctly signed command (control case)', async () => {
    const res = await sendCommand(h, 'UCOORD', 'help');
    expect(res.status).toBe(200);
    const answer = await eventually(() => h.fake.callsOf('response_url').find((c) => JSON.stringify(c.params).includes('Zorgspiegel: hulp')), 'the help answer');
    expect(answer.params.response_type).toBe('ephemeral');
  });

  it('refuses a bad signature with 401 and stores and sends nothing', async () => {
    const callsBefore = h.fake.calls.length;
    const tenantsBefore = await tenantCount();
    const body = commandBody(h.fake, 'UINTRUDER', 'nieuw');
    const headers = sign(body, Math.floor(Date.now() / 1000), 'not-the-signing-secret');
    const res = await fetch(`${h.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
    expect(res.status).toBe(401);
    // A body changed after signing is just as bad.
    const tampered = await fetch(`${h.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) }, body: body.replace('nieuw', 'sluit') });
    expect(tampered.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.calls.length).toBe(callsBefore);
    expect(await tenantCount()).toBe(tenantsBefore);
  });

  it('refuses a request without signature headers', async () => {
    const body = commandBody(h.fake, 'UCOORD', 'help');
    const res = await fetch(`${h.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(res.status).toBe(401);
  });

  it('refuses a correctly signed but stale request (older than five minutes): a replay', async () => {
    const callsBefore = h.fake.calls.length;
    const body = commandBody(h.fake, 'UCOORD', 'status');
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await postToSlackEndpoint(h.url, body, 'application/x-www-form-urlencoded', sign(body, sixMinutesAgo));
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.calls.length).toBe(callsBefore);
  });
});
