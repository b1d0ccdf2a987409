/**
 * Runs the in-process MongoDB stand-in on a worker thread of the benchmark's own process, so the
 * database and the scheduler do not queue behind each other on one event loop (a real MongoDB
 * runs beside the app, not inside its event loop either).
 */
import path from 'node:path';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { startEmbeddedMongo } from '../../src/store/embedded-mongo';

export interface EmbeddedThread {
  uri: string;
  stop(): Promise<void>;
}

export function startEmbeddedMongoThread(): Promise<EmbeddedThread> {
  const worker = new Worker(path.join(__dirname, 'embedded-mongo-thread.ts'), { execArgv: ['--require', 'tsx/cjs'] });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { uri: string }) => {
      resolve({
        uri: message.uri,
        stop: () =>
          new Promise<void>((done) => {
            worker.once('message', () => void worker.terminate().then(() => done()));
            worker.postMessage('stop');
          }),
      });
    });
  });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  void startEmbeddedMongo().then((server) => {
    port.postMessage({ uri: server.uri });
    port.on('message', () => void server.stop().then(() => port.postMessage('stopped')));
  });
}
