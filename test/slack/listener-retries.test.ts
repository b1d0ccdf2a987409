import { ACTIONS } from '../../src/slack/ids';
import { encodeActionValue } from '../../src/slack/schema';
import { click, eventually, sendEvent, startSlackHarness, type SlackHarness } from './harness';

/**
 * The Web API calls listeners make answer a person now. A failed one is tried again at most twice
 * within about a second, not with @slack/web-api's default of ten retries over some thirty
 * minutes: a views.open trigger is dead after 3 s, and an App Home or invitation refresh that
 * lands minutes late would overwrite a newer one. A 429 comes back at once rather than holding
 * every other listener's calls behind its retry-after.
 */
describe('Web API calls made by listeners', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness((fake) => {
      fake.addUser({ id: 'UHOME', locale: 'nl-BE' });
      fake.addUser({ id: 'UCLICK', locale: 'nl-BE' });
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const publishes = () => h.fake.callsOf('views.publish').filter((c) => c.params.user_id === 'UHOME');

  it('tries a call that failed with a 5xx twice more within about a second, then gives up', async () => {
    h.fake.fail('views.publish', { status: 503 }, 10);
    await sendEvent(h, { type: 'app_home_opened', user: 'UHOME', channel: h.fake.dmChannelOf('UHOME'), tab: 'home' }, 'Ev-retry-1');
    await eventually(() => publishes().length >= 3, 'three tries of views.publish');
    const tries = publishes();
    expect(tries[2]!.at - tries[0]!.at).toBeLessThan(2_500);
    // Nothing more afterwards: the library's default would try again after about a minute, and so on.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(publishes()).toHaveLength(3);
    h.fake.fail('views.publish', { status: 503 }, 0);
  }, 20_000);

  it('answers a 429 at once instead of holding the other listeners behind its retry-after', async () => {
    const before = publishes().length;
    h.fake.fail('views.publish', { status: 429, retryAfter: 30 }, 1);
    await sendEvent(h, { type: 'app_home_opened', user: 'UHOME', channel: h.fake.dmChannelOf('UHOME'), tab: 'home' }, 'Ev-retry-2');
    await eventually(() => publishes().length > before, 'the rate-limited views.publish');
    // Another person's click right after still gets its modal within the trigger's 3 s.
    const started = Date.now();
    await click(h, 'UCLICK', { action_id: ACTIONS.start, value: encodeActionValue({ r: 'no-such-round' }) }, { message: { channel: h.fake.dmChannelOf('UCLICK'), ts: '1.000002' } });
    const opened = await eventually(() => h.fake.callsOf('views.open').find((c) => c.at >= started), 'the modal for the click', 10_000);
    expect(opened.at - started).toBeLessThan(3_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(publishes().length).toBe(before + 1);
  }, 20_000);
});
