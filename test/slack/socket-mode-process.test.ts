import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../support/free-port';
import { openTestDatabase, testMongoUri, type TestDatabase } from '../support/mongo';
import { FakeSlackApi } from './fake-slack-api';
import { FakeSocketMode } from './fake-socket-mode';
import { commandBody, eventually } from './harness';

/**
 * `zorgspiegel serve` as README step 2b sets it up for production — NODE_ENV=production,
 * MONGODB_URI, RESPONDENT_KEY_SECRET, SLACK_BOT_TOKEN and SLACK_APP_TOKEN — in its own process,
 * against a fake Slack (Web API + Socket Mode WebSocket on loopback). Malformed frames of every
 * kind arrive; after each the process is still running, still connected and answers the next
 * command. Then Slack disables the link and refuses the reconnect: the library's reconnect
 * rejects with nobody to catch it, and the process logs that and keeps serving.
 */
const ROOT = path.join(__dirname, '..', '..');
jest.setTimeout(120_000);

const COORDINATOR = 'UCOORD';
const api = new FakeSlackApi();
const slack = new FakeSocketMode();
let db: TestDatabase;
let child: ChildProcess;
let port: number;
let log = '';
let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;

/** The process's log lines (pino JSON) with the given message. */
function logged(msg: string): Record<string, unknown>[] {
  return log
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.msg === msg);
}

async function answersHelp(): Promise<void> {
  const before = api.callsOf('response_url').length;
  await slack.envelope('slash_commands', Object.fromEntries(new URLSearchParams(commandBody(api, COORDINATOR, 'help'))));
  await eventually(() => api.callsOf('response_url').slice(before).some((c) => JSON.stringify(c.params).includes('/zorgspiegel nieuw')), `the answer to help; log:\n${log.slice(-3000)}`, 20_000);
}

beforeAll(async () => {
  await api.start();
  await slack.listen();
  slack.attach(api);
  api.addUser({ id: COORDINATOR, locale: 'nl-BE' });
  db = await openTestDatabase();
  port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    PORT: String(port),
    LOG_LEVEL: 'info',
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: db.db.databaseName,
    RESPONDENT_KEY_SECRET: 'b5c0e6f1a2d3948576a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0',
    SLACK_BOT_TOKEN: 'xoxb-process-test',
    SLACK_APP_TOKEN: 'xapp-1-process-test',
    // README 2b: COORDINATORS names the first coordinator (typing first makes nobody coordinator).
    COORDINATORS: COORDINATOR,
    SLACK_API_URL: api.apiUrl,
  };
  child = spawn(process.execPath, ['bin/zorgspiegel.js', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  child.on('exit', (code, signal) => (exited = { code, signal }));
  await eventually(() => {
    if (exited) throw new Error(`serve exited (${JSON.stringify(exited)}):\n${log}`);
    return log.includes('Zorgspiegel is listening');
  }, 'the server to start', 90_000);
});

afterAll(async () => {
  if (child && !exited) {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  }
  await slack.stop();
  await api.stop();
  await db?.close();
});

const MALFORMED: { kind: string; frame: string | Buffer }[] = [
  { kind: 'garbage', frame: 'this is {not json' },
  { kind: 'binary', frame: Buffer.from([0x00, 0xff, 0x10]) },
  { kind: 'no type', frame: '{"envelope_id":"p-0"}' },
  { kind: 'events_api without event', frame: '{"type":"events_api","envelope_id":"p-1","payload":{"type":"event_callback"},"accepts_response_payload":false}' },
  { kind: 'slash_commands without command', frame: '{"type":"slash_commands","envelope_id":"p-2","payload":{"text":"help"}}' },
  { kind: 'interactive without payload', frame: '{"type":"interactive","envelope_id":"p-3"}' },
  { kind: 'unknown type', frame: '{"type":"surprise","envelope_id":"p-4","payload":{}}' },
  { kind: 'a client event name as type', frame: '{"type":"ws_message","envelope_id":"p-5"}' },
];

describe('zorgspiegel serve over Socket Mode, in production mode', () => {
  it('connects with the app-level token and answers a command; only /healthz is served on the port', async () => {
    expect(api.callsOf('apps.connections.open').map((c) => c.token)).toEqual(['xapp-1-process-test']);
    await answersHelp();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    // Production: no playground and no Bot Framework endpoint on the open port.
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST' })).status).toBe(404);
  });

  it.each(MALFORMED)('keeps running, connected and answering after a malformed frame: $kind', async ({ frame }) => {
    const connection = slack.current;
    slack.sendRaw(frame);
    await answersHelp();
    expect(exited).toBeUndefined();
    expect(slack.current).toBe(connection);
  });

  it('logged each malformed frame with what was wrong, and nothing escaped', async () => {
    // The log comes through a pipe, the answers to "help" through the fake Web API: on a busy
    // machine the last line can arrive after the last answer.
    await eventually(() => logged('ignored a malformed Socket Mode frame').length >= MALFORMED.length, 'a log line per malformed frame');
    const ignored = logged('ignored a malformed Socket Mode frame');
    expect(ignored).toHaveLength(MALFORMED.length);
    expect(ignored.map((l) => l.problem)).toContain('events_api payload without an event');
    expect(logged('unhandled promise rejection; the process keeps serving')).toEqual([]);
  });

  it('when Slack disables the link and refuses to reconnect, logs the library’s unhandled rejection and keeps serving', async () => {
    api.fail('apps.connections.open', { error: 'invalid_auth' }, 1000);
    slack.sendRaw('{"type":"disconnect","reason":"link_disabled"}');
    // The library closes the socket, waits its reconnect delay, and its reconnect rejects.
    await eventually(() => logged('unhandled promise rejection; the process keeps serving').length > 0, `the logged rejection; log:\n${log.slice(-3000)}`, 60_000);
    expect(exited).toBeUndefined();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const [line] = logged('unhandled promise rejection; the process keeps serving');
    expect(JSON.stringify(line!.err)).toContain('invalid_auth');
  });

  it('still stops cleanly on SIGTERM', async () => {
    expect(exited).toBeUndefined();
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await gone;
    expect(exited).toEqual({ code: 0, signal: null });
  });
});
