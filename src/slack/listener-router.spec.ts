import { App, type Receiver } from '@slack/bolt';
import { ListenerRouter } from './listener-router';

/** A real Bolt app with no HTTP in front: requests go in through processEvent, as a receiver sends them. */
async function boltApp() {
  const receiver: Receiver = { init: () => undefined, start: async () => undefined, stop: async () => undefined };
  const app = new App({ receiver, signingSecret: 'unused', authorize: async () => ({ botToken: 'xoxb-test', botId: 'B1', botUserId: 'UBOT' }) });
  const errors: unknown[] = [];
  app.error(async (e) => {
    errors.push(e);
  });
  return { app, errors };
}

const TEAM = { id: 'T1', domain: 't1' };
const USER = { id: 'U1', team_id: 'T1' };
const viewBody = (type: 'view_submission' | 'view_closed', callbackId: string) => ({
  type,
  team: TEAM,
  user: USER,
  api_app_id: 'A1',
  token: 'x',
  view: { id: 'V1', team_id: 'T1', type: 'modal', callback_id: callbackId, hash: 'h1', private_metadata: '', state: { values: {} }, blocks: [], title: { type: 'plain_text', text: 'x' } },
});
const actionBody = (actionId: string) => ({
  type: 'block_actions',
  team: TEAM,
  user: USER,
  api_app_id: 'A1',
  token: 'x',
  trigger_id: '1.2.3',
  container: { type: 'message', message_ts: '1.1', channel_id: 'D1', is_ephemeral: false },
  channel: { id: 'D1', name: 'directmessage' },
  actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value: 'v', action_ts: '1.2' }],
});

async function send(app: App, body: object): Promise<{ acked: boolean }> {
  const result = { acked: false };
  await app.processEvent({
    body,
    ack: async () => {
      result.acked = true;
    },
  });
  return result;
}

describe('ListenerRouter', () => {
  it('gives a request only to the listeners its id and type name, one Bolt listener per kind', async () => {
    const { app } = await boltApp();
    const router = new ListenerRouter();
    const wrapped = router.wrap(app);
    const ran: string[] = [];
    wrapped.view('zs_section', async ({ ack }) => {
      ran.push('section submitted');
      await ack();
    });
    wrapped.view({ callback_id: 'zs_section', type: 'view_closed' }, async ({ ack }) => {
      ran.push('section closed');
      await ack();
    });
    wrapped.view('zs_review', async ({ ack }) => {
      ran.push('review');
      await ack();
    });
    wrapped.action('zs_start', async ({ ack }) => {
      ran.push('start');
      await ack();
    });
    router.mount(app);
    expect((app as unknown as { listeners: unknown[] }).listeners).toHaveLength(2);

    expect(await send(app, viewBody('view_submission', 'zs_section'))).toEqual({ acked: true });
    expect(await send(app, viewBody('view_closed', 'zs_section'))).toEqual({ acked: true });
    expect(await send(app, actionBody('zs_start'))).toEqual({ acked: true });
    expect(ran).toEqual(['section submitted', 'section closed', 'start']);
  });

  it('leaves a request no route names unanswered, as Bolt does with no listener for it', async () => {
    const { app } = await boltApp();
    const router = new ListenerRouter();
    const ran: string[] = [];
    router.wrap(app).action('zs_start', async ({ ack }) => {
      ran.push('start');
      await ack();
    });
    router.mount(app);
    expect(await send(app, actionBody('zs_other'))).toEqual({ acked: false });
    expect(ran).toEqual([]);
  });

  it('matches patterns as Bolt does, with the matches in the context', async () => {
    const { app } = await boltApp();
    const router = new ListenerRouter();
    const seen: unknown[] = [];
    router.wrap(app).action(/^zs_choose_school:(.+)$/, async ({ ack, context }) => {
      seen.push(context.actionIdMatches?.[1]);
      await ack();
    });
    router.mount(app);
    await send(app, actionBody('zs_choose_school:school-2'));
    await send(app, actionBody('zs_start'));
    expect(seen).toEqual(['school-2']);
  });

  it('runs every matching listener, as Bolt does, and reports a failing one to the error handler', async () => {
    const { app, errors } = await boltApp();
    const router = new ListenerRouter();
    const wrapped = router.wrap(app);
    const ran: string[] = [];
    wrapped.action('zs_input', async ({ ack }) => {
      ran.push('by id');
      await ack();
    });
    wrapped.action({ type: 'block_actions', action_id: /^zs_/ }, async () => {
      ran.push('by pattern');
      throw new Error('listener failed');
    });
    router.mount(app);
    await send(app, actionBody('zs_input'));
    expect(ran.sort()).toEqual(['by id', 'by pattern']);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('listener failed');
  });

  it('passes everything else to the app itself, and refuses a chain of several listeners', async () => {
    const { app } = await boltApp();
    const router = new ListenerRouter();
    const wrapped = router.wrap(app);
    wrapped.event('app_home_opened', async () => undefined);
    expect((app as unknown as { listeners: unknown[] }).listeners).toHaveLength(1);
    expect(() =>
      wrapped.action(
        'zs_start',
        async ({ next }) => next(),
        async () => undefined,
      ),
    ).toThrow(/one listener/);
  });
});
