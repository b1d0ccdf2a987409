import http from 'node:http';
import { App, ExpressReceiver } from '@slack/bolt';
import { postToSlackEndpoint, SIGNING_SECRET, BOT_TOKEN, interactionBody } from '/work/wt-i16/test/slack/harness';
(async () => {
  const receiver = new ExpressReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events', processBeforeResponse: false });
  const app = new App({ receiver, token: BOT_TOKEN, tokenVerificationEnabled: false, convoStore: false });
  app.view(/.*/, async ({ ack }) => { await ack(); });
  const server = http.createServer(receiver.app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as any).port;
  const body = interactionBody({ type: 'view_submission', team: { id: 'T1' }, user: { id: 'U1', team_id: 'T1' }, api_app_id: 'A', token: 'x', trigger_id: 't', view: { id: 'V1', callback_id: 'zs_section', state: { values: {} }, hash: 'h', private_metadata: '' } });
  const res = await postToSlackEndpoint(`http://127.0.0.1:${port}`, body, 'application/x-www-form-urlencoded');
  console.log(res.status, res.text.slice(0, 200));
  server.close();
})();
