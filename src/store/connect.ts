import path from 'node:path';
import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';
import type { Env } from '../config/env';
import type { Repositories } from '../core/ports';
import type { Logger } from '../log';
import { StoreConnectError } from './errors';
import { createRepositories } from './repositories';
import { ensureIndexes } from './indexes';
import { scrubActivityTimes } from './scrub-activity-times';
import {
  chooseServer,
  hostsOf,
  redactUri,
  startInProcessServer,
  startMemoryServer,
  withoutPassword,
  type LocalServer,
  type LookupPlaces,
  type ServerChoice,
} from './server-selection';

export const DEFAULT_SERVER_SELECTION_TIMEOUT_MS = 5000;

/**
 * Connections per process unless the URI says otherwise (`maxPoolSize=`). The driver's own
 * default, 100, let fifty colleagues answering at once open some forty connections in the first
 * second, and the handshakes pushed those answers' acks past Slack's 3 s (npm run bench -- ack:
 * max 4.7 s; with 8 connections 1.1 s). Ten in flight is plenty for one bot process, and several
 * processes on one Atlas or Cosmos DB cluster stay far from its connection limit.
 */
export const DEFAULT_MAX_POOL_SIZE = 10;

/** The driver's options for `uri`; what the URI itself sets wins. Tests connect with the same. */
export function mongoClientOptions(uri: string, options: { serverSelectionTimeoutMS?: number } = {}): MongoClientOptions {
  const uriSets = (option: string) => new RegExp(`[?&]${option}=`, 'i').test(uri);
  return {
    appName: 'zorgspiegel',
    // Optional fields that are not set stay absent in documents instead of becoming null.
    ignoreUndefined: true,
    ...(uriSets('serverSelectionTimeoutMS') ? {} : { serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? DEFAULT_SERVER_SELECTION_TIMEOUT_MS }),
    ...(uriSets('maxPoolSize') ? {} : { maxPoolSize: DEFAULT_MAX_POOL_SIZE }),
  };
}

export interface ConnectStoreOptions {
  env: Pick<Env, 'MONGODB_URI' | 'MONGODB_DB' | 'DATA_DIR'>;
  logger: Logger;
  /** Where MONGOMS_* are read from (mongodb-memory-server's own settings). */
  processEnv?: NodeJS.ProcessEnv;
  /**
   * How long to wait for a server before an operation fails (at start-up: before giving up).
   * A `serverSelectionTimeoutMS` in MONGODB_URI wins over this; default 5 s.
   */
  serverSelectionTimeoutMS?: number;
  /**
   * Whether a local server (mongodb-memory-server or the in-process one) keeps its data in
   * DATA_DIR. On for `npm start` so a local demo survives a restart; tests switch it off.
   */
  persist?: boolean;
  /** A fixed port for the in-process server (default: any free port). */
  inProcessPort?: number;
  /** Run the in-process server on a worker thread (serve); default: on this thread (tests, tools). */
  inProcessThread?: boolean;
  /** Where to look for an already-downloaded mongod (default: the current and home directory). */
  lookup?: LookupPlaces;
}

export interface StoreConnection {
  client: MongoClient;
  db: Db;
  repos: Repositories;
  /** Which server was picked, e.g. "MONGODB_URI (db.example.be:27017)". */
  server: { kind: ServerChoice['kind']; description: string };
  /** Closes the client and stops a local server this call started. */
  close(): Promise<void>;
}

/** The data directory of a local server, inside DATA_DIR next to the respondent-key secret. */
export function localDataDir(dataDir: string, kind: 'memory-server' | 'in-process'): string {
  return path.resolve(dataDir, kind === 'memory-server' ? 'mongod' : 'embedded-mongo');
}

/**
 * Picks the server (MONGODB_URI → a local mongod via mongodb-memory-server → the in-process
 * stand-in), logs which one, connects and creates the indexes. An unreachable MONGODB_URI ends
 * here with a StoreConnectError naming the host(s), never the password.
 */
export async function connectStore(options: ConnectStoreOptions): Promise<StoreConnection> {
  const { env, logger } = options;
  const processEnv = { ...(options.processEnv ?? process.env), MONGODB_URI: env.MONGODB_URI };
  const persist = options.persist ?? true;
  const choice = chooseServer(processEnv, options.lookup);

  let kind: ServerChoice['kind'] = choice.kind;
  let local: LocalServer | undefined;
  let uri: string;
  let description: string;
  if (choice.kind === 'uri') {
    uri = choice.uri;
    description = `MONGODB_URI (${hostsOf(uri)})`;
  } else {
    if (choice.kind === 'memory-server') {
      try {
        local = await startMemoryServer(choice.binary, { dataDir: persist ? localDataDir(env.DATA_DIR, 'memory-server') : undefined });
      } catch (e) {
        // A cached mongod that will not run (wrong platform, missing libraries) should not stop a
        // local run: say so and use the stand-in.
        logger.warn({ binary: choice.binary, err: e }, 'store: mongodb-memory-server could not start that mongod; using the in-process server instead');
        kind = 'in-process';
      }
    }
    local ??= await startInProcessServer({ dataDir: persist ? localDataDir(env.DATA_DIR, 'in-process') : undefined, port: options.inProcessPort, logger, thread: options.inProcessThread });
    uri = local.uri;
    description = local.description;
  }
  logger.info({ server: kind, uri: redactUri(uri), database: env.MONGODB_DB }, `store: using ${description}`);

  const client = new MongoClient(uri, mongoClientOptions(uri, options));
  const db = client.db(env.MONGODB_DB);
  try {
    await client.connect();
    await ensureIndexes(db);
    await scrubActivityTimes(db);
  } catch (e) {
    await client.close().catch(() => undefined);
    await local?.stop().catch(() => undefined);
    const reason = withoutPassword(e instanceof Error ? e.message : String(e), uri);
    throw new StoreConnectError(`Cannot reach MongoDB at ${hostsOf(uri)} (${reason})`, { cause: e });
  }

  return {
    client,
    db,
    repos: createRepositories(db),
    server: { kind, description },
    async close() {
      await client.close();
      await local?.stop();
    },
  };
}
