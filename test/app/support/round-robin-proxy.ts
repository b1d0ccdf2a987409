import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the proxy forwarded: where it went and what came back. */
export interface Forwarded {
  seq: number;
  method: string;
  path: string;
  /** Index of the backend that served it (the order the ports were given in). */
  backend: number;
  status?: number;
}

/**
 * A load balancer in miniature: every request goes to the next backend in turn, so two requests
 * in a row never reach the same process. It forwards method, path, headers and body untouched
 * (Slack's signature covers the raw body) and records which backend served what. A new
 * connection per request: reusing one the backend has just closed as idle would fail at random.
 */
export class RoundRobinProxy {
  readonly forwarded: Forwarded[] = [];
  private server?: Server;
  private next = 0;

  constructor(private backends: number[] = []) {}

  /** The backends' ports (they may start after the proxy, which tells them its URL as PUBLIC_URL). */
  setBackends(ports: number[]): void {
    this.backends = [...ports];
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('proxy not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      if (this.backends.length === 0) {
        res.writeHead(503).end('proxy: no backends yet');
        return;
      }
      const backend = this.next++ % this.backends.length;
      const record: Forwarded = { seq: this.forwarded.length, method: req.method ?? 'GET', path: req.url ?? '/', backend };
      this.forwarded.push(record);
      const upstream = http.request(
        { host: '127.0.0.1', port: this.backends[backend], method: req.method, path: req.url, headers: req.headers, agent: false },
        (answer) => {
          record.status = answer.statusCode;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (e) => {
        record.status = 502;
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: backend ${backend} failed: ${e.message}`);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
  }

  /** The backends that served the requests from `from` on whose path starts with `prefix`. */
  backendsSince(from: number, prefix: string): number[] {
    return this.forwarded.slice(from).filter((f) => f.path.startsWith(prefix)).map((f) => f.backend);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
