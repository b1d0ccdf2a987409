/**
 * embedded-mongo — a DEVELOPMENT / TEST STAND-IN for MongoDB, never the production recommendation.
 *
 * It exists because `mongod` cannot be installed on our development machines. It listens on a
 * real TCP port and speaks the MongoDB wire protocol, so the application and its tests use the
 * official `mongodb` driver exactly as they would against a real server. It behaves like
 * MongoDB 7.0 for everything it supports and refuses everything else with a MongoDB-style error
 * (see README.md in this folder). Production must run against a real MongoDB deployment.
 */
import { SILENT_LOGGER } from './logger';
import type { EmbeddedMongoServer as ServerClass } from './server';

export interface EmbeddedMongoOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Persist data here (snapshot + journal) when set; in memory only otherwise. */
  dataDir?: string;
  logger?: { info(o: object, msg?: string): void; warn(o: object, msg?: string): void };
}

export interface EmbeddedMongo {
  /** `mongodb://127.0.0.1:PORT`, ready for `new MongoClient(uri)`. */
  uri: string;
  port: number;
  /** Closes all connections, flushes a final snapshot (with dataDir) and releases the port. */
  stop(): Promise<void>;
}

export async function startEmbeddedMongo(opts: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  // Loaded here, not at the top: a process that runs the server on a worker thread
  // (startEmbeddedMongoThread) never loads the query engine on its main thread, which keeps its
  // start-up short. A require, not import(): under tsx's CommonJS hook import() takes Node's ESM path.
  const { EmbeddedMongoServer } = require('./server') as { EmbeddedMongoServer: typeof ServerClass };
  const server = new EmbeddedMongoServer({
    port: opts.port ?? 0,
    host: opts.host ?? '127.0.0.1',
    dataDir: opts.dataDir,
    logger: opts.logger ?? SILENT_LOGGER,
  });
  await server.start();
  return { uri: server.uri, port: server.port, stop: () => server.stop() };
}

export { startEmbeddedMongoThread, type EmbeddedThreadOptions } from './thread';
export { parseStandaloneArgs, runStandalone, type StandaloneArgs } from './standalone';
