// The startup benchmark's baseline: a bare Bolt app (the ExpressReceiver set-up the product uses)
// with one /healthz route and nothing else, started the way production starts: plain `node`.
const http = require('node:http');
const { App, ExpressReceiver } = require('@slack/bolt');

const receiver = new ExpressReceiver({ signingSecret: 'bench-signing-secret', endpoints: '/slack/events' });
new App({ receiver, token: 'xoxb-bench', tokenVerificationEnabled: false });
receiver.app.get('/healthz', (_req, res) => {
  res.json({ ok: true });
});
http.createServer(receiver.app).listen(Number(process.env.PORT), '127.0.0.1');
