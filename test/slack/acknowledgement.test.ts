import { ACTIONS } from '../../src/slack/ids';
import { encodeActionValue } from '../../src/slack/schema';
import { click, eventually, sendCommand, startSlackHarness, type SlackHarness } from './harness';

/**
 * Slack gives an app 3 seconds to acknowledge a command or a click. Listeners ack first and do
 * the slow part (looking the person up, reading the database, calling Slack) afterwards, so even
 * a slow Slack API cannot make the acknowledgement late.
 */
describe('acknowledging within Slack’s 3 seconds', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness((fake) => {
      fake.addUser({ id: 'USLOW', locale: 'en-GB' });
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('acks a command at once even when the follow-up work takes longer than 3 s', async () => {
    h.fake.delay('users.info', 3500);
    const started = Date.now();
    const res = await sendCommand(h, 'USLOW', 'help');
    const acked = Date.now() - started;
    expect(res.status).toBe(200);
    // Within Slack's 3 s, so not after the 3.5 s call.
    expect(acked).toBeLessThan(3000);
    // The answer still comes, in the person's language, through the response_url.
    const answer = await eventually(() => h.fake.callsOf('response_url').find((c) => JSON.stringify(c.params).includes('Zorgspiegel: help')), 'the help answer', 10_000);
    expect(answer.at - started).toBeGreaterThanOrEqual(3500);
    h.fake.delay('users.info', 0);
  }, 20_000);

  it('acks a click at once even when opening the modal is slow', async () => {
    h.fake.delay('users.info', 0);
    h.fake.delay('views.open', 3500);
    const started = Date.now();
    const res = await click(h, 'USLOW', { action_id: ACTIONS.start, value: encodeActionValue({ r: 'no-such-round' }) }, { message: { channel: 'DUSLOW', ts: '1.000001' } });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    // A round that does not exist is explained, not crashed on.
    const notice = await eventually(() => h.fake.callsOf('views.open').find((c) => c.result && JSON.stringify(c.params.view).includes('does not exist')), 'the notice', 10_000);
    expect(notice.result?.ok).toBe(true);
    h.fake.delay('views.open', 0);
  }, 20_000);
});
