import express from 'express';
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import pino from 'pino';
import { listensOnLoopbackOnly, loopbackHostOnly } from './loopback-host';

async function withServer(publicUrl: string | undefined, run: (port: number) => Promise<void>): Promise<void> {
  const app = express();
  app.use(loopbackHostOnly(publicUrl, pino({ level: 'silent' })));
  app.get('/playground/api/state', (_req, res) => void res.json({ ok: true }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    await run((server.address() as AddressInfo).port);
  } finally {
    await new Promise((r) => server.close(r));
  }
}

function get(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/playground/api/state', headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe('loopbackHostOnly', () => {
  it('answers requests to loopback names and refuses another host pointed at 127.0.0.1 (DNS rebinding)', async () => {
    await withServer(undefined, async (port) => {
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'LOCALHOST']) expect(await get(port, host)).toBe(200);
      expect(await get(port, `evil.example:${port}`)).toBe(421);
    });
  });

  it("also answers to PUBLIC_URL's host (a tunnel to the development machine)", async () => {
    await withServer('https://dev-tunnel.example.net', async (port) => {
      expect(await get(port, 'dev-tunnel.example.net')).toBe(200);
      expect(await get(port, 'other.example.net')).toBe(421);
    });
  });

  it('applies only when the server listens on loopback alone', () => {
    expect(listensOnLoopbackOnly('127.0.0.1')).toBe(true);
    expect(listensOnLoopbackOnly(undefined)).toBe(false);
    expect(listensOnLoopbackOnly('0.0.0.0')).toBe(false);
  });
});
