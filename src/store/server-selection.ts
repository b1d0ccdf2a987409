import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../log';
import { startEmbeddedMongo, startEmbeddedMongoThread } from '@zorgspiegel/embedded-mongo';

/**
 * Which MongoDB the process talks to, in this order:
 *  1. MONGODB_URI — a real server (production, CI, anyone who has one);
 *  2. mongodb-memory-server — a real `mongod`, but only when one is already on this machine
 *     (MONGOMS_SYSTEM_BINARY, or a binary in its cache). It is never allowed to download one;
 *  3. the in-process MongoDB-compatible server (packages/embedded-mongo) — a stand-in for
 *     development and tests only, never a production recommendation.
 */
export type ServerChoice =
  | { kind: 'uri'; uri: string }
  | { kind: 'memory-server'; binary: string }
  | { kind: 'in-process' };

export interface LookupPlaces {
  cwd?: string;
  homedir?: string;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The directories mongodb-memory-server keeps downloaded binaries in (see its DryMongoBinary). */
export function memoryServerCacheDirs(processEnv: NodeJS.ProcessEnv, places: LookupPlaces = {}): string[] {
  const cwd = places.cwd ?? process.cwd();
  const dirs = [
    processEnv.MONGOMS_DOWNLOAD_DIR,
    path.join(places.homedir ?? os.homedir(), '.cache', 'mongodb-binaries'),
    path.join(cwd, 'node_modules', '.cache', 'mongodb-memory-server'),
    path.join(cwd, 'mongodb-binaries'),
  ];
  return dirs.filter((d): d is string => Boolean(d)).map((d) => path.resolve(cwd, d));
}

/**
 * A `mongod` that is already on disk: MONGOMS_SYSTEM_BINARY when that file exists, else the
 * newest-named binary in a cache directory. Only looks at files; never starts a download.
 */
export function findLocalMongod(processEnv: NodeJS.ProcessEnv, places: LookupPlaces = {}): string | undefined {
  const system = processEnv.MONGOMS_SYSTEM_BINARY;
  if (system && isExecutableFile(path.resolve(places.cwd ?? process.cwd(), system))) return path.resolve(places.cwd ?? process.cwd(), system);
  for (const dir of memoryServerCacheDirs(processEnv, places)) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    const binaries = names
      .filter((n) => n === 'mongod' || n.startsWith('mongod-'))
      .sort()
      .reverse()
      .map((n) => path.join(dir, n))
      .filter(isExecutableFile);
    if (binaries[0]) return binaries[0];
  }
  return undefined;
}

export function chooseServer(processEnv: NodeJS.ProcessEnv, places: LookupPlaces = {}): ServerChoice {
  if (processEnv.MONGODB_URI) return { kind: 'uri', uri: processEnv.MONGODB_URI };
  const binary = findLocalMongod(processEnv, places);
  if (binary) return { kind: 'memory-server', binary };
  return { kind: 'in-process' };
}

/** "user:pass@" and everything after the host list removed: "db1.example.be:27017,db2…". */
export function hostsOf(uri: string): string {
  const afterScheme = uri.replace(/^[a-z+]+:\/\//i, '');
  const hostPart = afterScheme.split(/[/?]/, 1)[0] ?? '';
  return hostPart.slice(hostPart.lastIndexOf('@') + 1) || '(no host)';
}

/** The URI with any password replaced, fit for a log line. */
export function redactUri(uri: string): string {
  return uri.replace(/^([a-z+]+:\/\/)([^@/?]*)@/i, (_m, scheme: string, userinfo: string) => {
    const user = userinfo.split(':', 1)[0];
    return `${scheme}${user}${userinfo.includes(':') ? ':***' : ''}@`;
  });
}

/** Removes the URI's password (raw and decoded) from a text, e.g. a driver error message. */
export function withoutPassword(text: string, uri: string): string {
  const userinfo = /^[a-z+]+:\/\/([^@/?]*)@/i.exec(uri)?.[1];
  const password = userinfo?.includes(':') ? userinfo.slice(userinfo.indexOf(':') + 1) : '';
  let out = text;
  for (const secret of new Set([password, safeDecode(password)])) if (secret) out = out.split(secret).join('***');
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export interface LocalServer {
  uri: string;
  /** For the log line: which server this is. */
  description: string;
  stop(): Promise<void>;
}

/**
 * Starts mongodb-memory-server on the given local binary. Downloads are switched off before the
 * package is even loaded, so a missing binary fails instead of reaching for the network.
 */
export async function startMemoryServer(binary: string, options: { dataDir?: string } = {}): Promise<LocalServer> {
  process.env.MONGOMS_DISABLE_POSTINSTALL = '1';
  process.env.MONGOMS_RUNTIME_DOWNLOAD = 'false';
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const server = await MongoMemoryServer.create({
    binary: { systemBinary: binary },
    instance: { ip: '127.0.0.1', ...(options.dataDir ? { dbPath: options.dataDir, storageEngine: 'wiredTiger' as const } : {}) },
  });
  return {
    uri: server.getUri(),
    description: `mongodb-memory-server (${binary})`,
    stop: async () => {
      await server.stop();
    },
  };
}

/** Starts the in-process stand-in; in memory unless a data directory is given. */
export async function startInProcessServer(options: { dataDir?: string; port?: number; logger?: Logger; thread?: boolean } = {}): Promise<LocalServer> {
  const serverOptions = { host: '127.0.0.1', port: options.port, dataDir: options.dataDir, logger: options.logger };
  // On its own worker thread (serve): its queries and journal syncs never hold up the app's event loop.
  const server = options.thread ? await startEmbeddedMongoThread(serverOptions) : await startEmbeddedMongo(serverOptions);
  return {
    uri: server.uri,
    description: `in-process MongoDB-compatible server (development/test stand-in${options.thread ? ', on a worker thread' : ''}) at ${server.uri}${options.dataDir ? `, data in ${options.dataDir}` : ', in memory'}`,
    stop: () => server.stop(),
  };
}
