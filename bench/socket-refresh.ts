/**
 * `npm run bench -- socket-refresh`: what a Socket Mode refresh costs. Slack sends `disconnect`
 * (refresh_requested) every few hours; meanwhile commands keep coming. For the library's own
 * behaviour (Bolt's SocketModeReceiver as it comes: close at once, reconnect after
 * `clientPingTimeout`) and for Zorgspiegel's (src/slack/socket-mode: open the new connection
 * first), against the loopback Slack of the tests, it prints per refresh:
 * - the gap: from the old connection's close to the new one's `hello` (0 when they overlap);
 * - commands sent every 100 ms during the switch, and how many were acknowledged (Slack shows the
 *   user "dispatch_failed" for the rest).
 */
import { performance } from 'node:perf_hooks';
import { App, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import pino from 'pino';
import { createSocketModeReceiver } from '../src/slack/socket-mode/receiver';
import { FakeSlackApi } from '../test/slack/fake-slack-api';
import { FakeSocketMode } from '../test/slack/fake-socket-mode';

const REFRESHES = Number(process.env.REFRESHES ?? 3);
const COMMAND_EVERY_MS = 100;
/** How long commands keep coming after the refresh request. */
const WINDOW_MS = 7_000;

const quiet: BoltLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

interface Outcome {
  gapMs: number;
  sent: number;
  acked: number;
}

async function measure(mode: 'library' | 'zorgspiegel'): Promise<Outcome[]> {
  const api = new FakeSlackApi();
  await api.start();
  const slack = new FakeSocketMode();
  await slack.listen();
  slack.attach(api);
  const clientOptions = { slackApiUrl: api.apiUrl };
  const receiver =
    mode === 'library'
      ? new SocketModeReceiver({ appToken: 'xapp-bench', logger: quiet, installerOptions: { clientOptions } })
      : createSocketModeReceiver({ appToken: 'xapp-bench', apiUrl: api.apiUrl, boltLogger: quiet, logger: pino({ level: 'silent' }) });
  const app = new App({ receiver, token: 'xoxb-bench', logger: quiet, clientOptions, tokenVerificationEnabled: false });
  app.command('/zorgspiegel', async ({ ack }) => ack());
  await app.start();

  const outcomes: Outcome[] = [];
  for (let i = 0; i < REFRESHES; i++) {
    const old = slack.current;
    let closedAt = 0;
    let helloAt = 0;
    const before = slack.connections.length;
    void slack.until(() => old.closedBy !== undefined, 'close', 60_000).then(() => (closedAt = performance.now()));
    void slack.until(() => slack.connections.length > before, 'new connection', 60_000).then(() => (helloAt = performance.now()));
    slack.requestRefresh('refresh_requested', old);
    const envelopes: string[] = [];
    const end = performance.now() + WINDOW_MS;
    while (performance.now() < end) {
      if (slack.openConnections > 0) {
        const id = `bench-${mode}-${i}-${envelopes.length}`;
        slack.sendRaw(JSON.stringify({ type: 'slash_commands', envelope_id: id, payload: { command: '/zorgspiegel', text: 'help', team_id: api.teamId, user_id: 'U1', channel_id: 'C1' }, accepts_response_payload: true }));
        envelopes.push(id);
      } else envelopes.push('');
      await new Promise((r) => setTimeout(r, COMMAND_EVERY_MS));
    }
    await slack.until(() => closedAt > 0 && helloAt > 0, 'the switch', 60_000);
    await new Promise((r) => setTimeout(r, 500));
    outcomes.push({ gapMs: Math.max(0, helloAt - closedAt), sent: envelopes.length, acked: envelopes.filter((id) => id && slack.acks.has(id)).length });
  }
  await app.stop();
  await slack.stop();
  await api.stop();
  return outcomes;
}

async function main(): Promise<void> {
  const lines = [`socket-refresh: ${REFRESHES} refreshes per mode; a command every ${COMMAND_EVERY_MS} ms for ${WINDOW_MS / 1000} s after each refresh request`];
  for (const mode of ['library', 'zorgspiegel'] as const) {
    const outcomes = await measure(mode);
    const label = mode === 'library' ? 'baseline, @slack/socket-mode as it comes' : 'Zorgspiegel, new connection first';
    lines.push(`${label}:`);
    for (const o of outcomes) lines.push(`  gap without a connection: ${o.gapMs.toFixed(0)} ms · commands acknowledged: ${o.acked} of ${o.sent}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
