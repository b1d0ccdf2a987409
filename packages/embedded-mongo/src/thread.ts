/**
 * Runs the in-process MongoDB stand-in on a worker thread of this process, so the database (its
 * query work and its journal's fdatasync) and the app's event loop do not queue behind each
 * other: a Slack ack must not wait for a query another person's click started, just as a real
 * MongoDB runs beside the app, not inside its event loop. `serve` uses it; so do the benchmarks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { startEmbeddedMongo, type EmbeddedMongo, type EmbeddedMongoOptions } from './index';

export type EmbeddedThreadOptions = Omit<EmbeddedMongoOptions, 'logger'> & {
  /** Receives the server's log lines on the main thread (a logger cannot cross threads). */
  logger?: EmbeddedMongoOptions['logger'];
};

type FromWorker = { kind: 'ready'; uri: string; port: number } | { kind: 'failed'; message: string } | { kind: 'log'; level: 'info' | 'warn'; obj: object; msg?: string } | { kind: 'stopped' };

export function startEmbeddedMongoThread(options: EmbeddedThreadOptions = {}): Promise<EmbeddedMongo> {
  const { logger, ...serverOptions } = options;
  // The worker runs this same file: compiled JavaScript in production, or the TypeScript source
  // through tsx's require hook in development, as the app itself runs. Compiled, it runs the
  // build's one-file bundle of it when there is one (scripts/bundle-thread.js): ready sooner.
  const fromSource = __filename.endsWith('.ts');
  const bundle = path.join(__dirname, 'thread.bundle.js');
  const file = !fromSource && fs.existsSync(bundle) ? bundle : __filename;
  const worker = new Worker(file, { execArgv: fromSource ? ['--require', require.resolve('tsx/cjs')] : [], workerData: { embeddedMongo: serverOptions } });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: FromWorker) => {
      if (message.kind === 'log') logger?.[message.level](message.obj, message.msg);
      else if (message.kind === 'failed') reject(new Error(message.message));
      else if (message.kind === 'ready') {
        resolve({
          uri: message.uri,
          port: message.port,
          stop: () =>
            new Promise<void>((done) => {
              worker.on('message', (m: FromWorker) => {
                if (m.kind === 'stopped') void worker.terminate().then(() => done());
              });
              worker.postMessage('stop');
            }),
        });
      }
    });
  });
}

const asked = (workerData as { embeddedMongo?: Omit<EmbeddedMongoOptions, 'logger'> } | null)?.embeddedMongo;
if (!isMainThread && parentPort && asked) {
  const port = parentPort;
  const forward = (level: 'info' | 'warn') => (obj: object, msg?: string) => port.postMessage({ kind: 'log', level, obj: JSON.parse(JSON.stringify(obj)), msg });
  startEmbeddedMongo({ ...asked, logger: { info: forward('info'), warn: forward('warn') } }).then(
    (server) => {
      port.postMessage({ kind: 'ready', uri: server.uri, port: server.port });
      port.on('message', () => void server.stop().then(() => port.postMessage({ kind: 'stopped' })));
    },
    (e: unknown) => port.postMessage({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
  );
}
