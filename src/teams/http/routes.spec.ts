import type { Server } from 'node:http';
import express from 'express';
import type { CloudAdapter } from 'botbuilder';
import type { SummaryRepository } from '../../core/ports';
import { createLogger } from '../../log';
import type { ZorgspiegelBot } from '../bot/zorgspiegel-bot';
import { ExportLinks } from './export-links';
import { memoryDownloads } from '../../core/testing/memory-downloads';
import { mountTeamsRoutes } from './routes';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz012345';
const png = Buffer.from('89504e470d0a1a0a0000', 'hex');
let server: Server;
let base: string;
let exports: ExportLinks;
const processed: unknown[] = [];

beforeAll(async () => {
  const http = express();
  const adapter = { process: async (req: express.Request, res: express.Response) => void (processed.push(req.body), res.status(200).end()) } as unknown as CloudAdapter;
  const summaries = { getByChartToken: async (token: string) => (token === TOKEN ? { chartPng: png } : token === 'x'.repeat(32) ? { chartPng: undefined } : null) } as unknown as SummaryRepository;
  exports = new ExportLinks(memoryDownloads(), { now: () => new Date() }, () => base);
  mountTeamsRoutes(http, { adapter, bot: {} as ZorgspiegelBot, summaries, exports, logger: createLogger('silent') });
  server = await new Promise((resolve) => {
    const s = http.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('activities reach the adapter as parsed JSON', async () => {
  const activity = { type: 'message', text: 'hi', channelId: 'msteams', conversation: { id: 'c1' } };
  const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  expect(res.status).toBe(200);
  expect(processed.at(-1)).toEqual(activity);
});

test('a body that is no activity never reaches the adapter', async () => {
  const before = processed.length;
  for (const body of ['{}', '{"text": "hi"}', '{"type": "message"}', '[]']) {
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect([body, res.status, await res.json()]).toEqual([body, 400, { error: 'not a Bot Framework activity' }]);
  }
  expect(processed).toHaveLength(before);
});

test('charts are served by token as PNG; anything else is a plain 404', async () => {
  const res = await fetch(`${base}/charts/${TOKEN}.png`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
  for (const path of [`/charts/${TOKEN}`, `/charts/${'y'.repeat(32)}.png`, `/charts/${'x'.repeat(32)}.png`, '/charts/short.png', '/charts/..%2F..%2Fetc.png']) {
    expect([path, (await fetch(`${base}${path}`)).status]).toEqual([path, 404]);
  }
});

test('an export link downloads the file as an attachment until it expires', async () => {
  const { url } = await exports.offer({ filename: 'ronde.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: Buffer.from('PK..') });
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toContain('ronde.xlsx');
  expect(res.headers.get('cache-control')).toBe('no-store');
  const gone = await fetch(`${base}/teams/exports/${'z'.repeat(32)}`, { headers: { 'accept-language': 'en-GB' } });
  expect(gone.status).toBe(404);
  expect(await gone.text()).toBe('This download link has expired. Ask Zorgspiegel for a new export.');
});
