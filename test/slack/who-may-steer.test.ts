import pino from 'pino';
import { Writable } from 'node:stream';
import { ACTIONS } from '../../src/slack/ids';
import { commandBody, eventually, interactionBody, postToSlackEndpoint, sendCommand, startSlackHarness, type SlackHarness } from './harness';

/**
 * Single-workspace Slack: only the bot token's own workspace may steer the app, and the first
 * coordinator is whoever can read the server log (a one-time claim code) or whoever COORDINATORS
 * names — never whoever types first.
 */
function capturingLogger(): { logger: pino.Logger; lines: () => string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines: () => lines.map((l) => String((JSON.parse(l) as { msg?: string }).msg ?? '')) };
}

async function answerTo(h: SlackHarness, userId: string, text: string, teamBody?: (body: string) => string): Promise<string> {
  const before = h.fake.callsOf('response_url').length;
  const body = commandBody(h.fake, userId, text);
  const res = await postToSlackEndpoint(h.url, teamBody ? teamBody(body) : body, 'application/x-www-form-urlencoded');
  expect(res.status).toBe(200);
  const call = await eventually(() => h.fake.callsOf('response_url').slice(before)[0], `an answer to "${text}"`);
  return JSON.stringify(call.params);
}

describe('single workspace without COORDINATORS', () => {
  let h: SlackHarness;
  let log: ReturnType<typeof capturingLogger>;
  beforeAll(async () => {
    log = capturingLogger();
    h = await startSlackHarness((fake) => ['U1', 'U2', 'U3'].forEach((id) => fake.addUser({ id, locale: 'nl-BE' })), { logger: log.logger });
  });
  afterAll(async () => {
    await h?.close();
  });
  const tenantId = () => `slack:${h.fake.teamId}`;

  it('logs a one-time claim code at start-up; typing first makes nobody coordinator', async () => {
    const line = log.lines().find((l) => l.includes('/zorgspiegel claim '));
    expect(line).toMatch(/^Slack has no coordinator yet\. To become the first coordinator, type in Slack: \/zorgspiegel claim [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await answerTo(h, 'U1', 'nieuw')).toContain('Zorgspiegel heeft nog geen coördinator in deze werkruimte. Wie de server beheert, vindt in het serverlogboek een eenmalige code: typ dan `/zorgspiegel claim CODE`.');
    expect((await h.db.repos.tenants.get(tenantId()))?.settings.coordinators).toEqual([]);
    // Only a hash of the code is stored.
    const code = line!.split(' ').at(-1)!;
    expect(JSON.stringify(await h.db.db.collection('installations').find({}).toArray())).not.toContain(code);
  });

  it('takes a claim code from any process sharing the database, once', async () => {
    const fromLog = log.lines().find((l) => l.includes('/zorgspiegel claim '))!.split(' ').at(-1)!;
    // A second process started on the same database printed a code of its own.
    const fromOtherProcess = (await h.app.services.tenants.issueClaimCode(tenantId()))!;
    expect(fromOtherProcess).not.toBe(fromLog);
    expect(await answerTo(h, 'U1', 'claim ABCD-EFGH-JKLM')).toContain('Die code klopt niet');
    expect(await answerTo(h, 'U2', `claim ${fromOtherProcess.toLowerCase()}`)).toContain('jij bent nu de eerste coördinator');
    expect((await h.db.repos.tenants.get(tenantId()))?.settings.coordinators).toEqual(['U2']);
    // Every code is spent: the one in the log no longer makes anyone coordinator.
    expect(await answerTo(h, 'U3', `claim ${fromLog}`)).toContain('Zorgspiegel heeft al een coördinator');
    expect(await h.db.db.collection('installations').countDocuments({ platform: 'claim' })).toBe(0);
    expect((await h.db.repos.tenants.get(tenantId()))?.settings.coordinators).toEqual(['U2']);
  });

  it('refuses and logs a signed request that names another workspace', async () => {
    const calls = h.fake.calls.length;
    const other = (body: string) => body.replace(`team_id=${h.fake.teamId}`, 'team_id=T0OTHER');
    const res = await postToSlackEndpoint(h.url, other(commandBody(h.fake, 'UX', 'nieuw')), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    const click = await postToSlackEndpoint(
      h.url,
      interactionBody({ type: 'block_actions', user: { id: 'UX', team_id: 'T0OTHER' }, team: { id: 'T0OTHER', domain: 'other' }, api_app_id: 'AZORG', token: 'legacy', trigger_id: 't.x', actions: [{ type: 'button', action_id: ACTIONS.start, block_id: 'b', value: '{"r":"x"}', action_ts: '1' }] }),
      'application/x-www-form-urlencoded',
    );
    expect(click.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(await h.db.repos.tenants.get('slack:T0OTHER')).toBeNull();
    expect(h.fake.calls.slice(calls).map((c) => c.method)).toEqual([]);
    expect(log.lines().filter((l) => l === 'Slack request from another workspace refused (single-workspace mode)')).toHaveLength(2);
  });
});

describe('single workspace with COORDINATORS', () => {
  it('makes the named users the first coordinators and logs no claim code', async () => {
    const log = capturingLogger();
    const h = await startSlackHarness((fake) => fake.addUser({ id: 'UCOORD', locale: 'nl-BE' }), { logger: log.logger, env: { COORDINATORS: 'UCOORD, UDEPUTY' } });
    try {
      expect((await h.db.repos.tenants.get(`slack:${h.fake.teamId}`))?.settings.coordinators).toEqual(['UCOORD', 'UDEPUTY']);
      expect(log.lines().some((l) => l.includes('claim'))).toBe(false);
      const res = await sendCommand(h, 'UCOORD', 'status');
      expect(res.status).toBe(200);
      const answer = await eventually(() => h.fake.callsOf('response_url')[0], 'the status answer');
      expect(JSON.stringify(answer.params)).not.toContain('coördinator');
    } finally {
      await h.close();
    }
  });
});
