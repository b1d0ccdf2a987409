/**
 * Test-only helper: starts an embedded server on a random port and connects the official driver
 * to it, optionally recording every command the driver sends (to assert on batches, getMore, …).
 * Specs talk to the server exclusively through this MongoClient.
 */
import { MongoClient, type Binary, type CommandStartedEvent, type Db, type Long, type MongoClientOptions, type ObjectId } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo, type EmbeddedMongoOptions } from './index';

/**
 * Schema-less documents for specs: the driver's default typing insists on ObjectId `_id`s, and
 * an `any` `_id` makes it infer `never`.
 */
export type AnyId = ObjectId | string | number | boolean | Date | Long | Binary;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = { _id?: AnyId; [key: string]: any };

export interface Harness {
  server: EmbeddedMongo;
  client: MongoClient;
  db: Db;
  /** Commands sent by `client` since the last `commands.length = 0` (handshake/heartbeats excluded). */
  commands: CommandStartedEvent[];
  close(): Promise<void>;
}

const NOISE = new Set(['hello', 'isMaster', 'ismaster', 'endSessions']);

export async function startHarness(
  opts: { server?: EmbeddedMongoOptions; client?: MongoClientOptions; dbName?: string } = {},
): Promise<Harness> {
  const server = await startEmbeddedMongo({ port: 0, ...opts.server });
  const client = new MongoClient(server.uri, { monitorCommands: true, serverSelectionTimeoutMS: 5000, ...opts.client });
  const commands: CommandStartedEvent[] = [];
  client.on('commandStarted', (e) => {
    if (!NOISE.has(e.commandName)) commands.push(e);
  });
  await client.connect();
  return {
    server,
    client,
    db: client.db(opts.dbName ?? 'test'),
    commands,
    async close() {
      await client.close();
      await server.stop();
    },
  };
}

/** Runs `fn` and returns the error it throws (fails the test if it does not throw). */
export type ErrorLike = Error & { code?: number; codeName?: string; [k: string]: unknown };

export async function errorOf(fn: () => Promise<unknown>): Promise<ErrorLike> {
  try {
    await fn();
  } catch (err) {
    return err as ErrorLike;
  }
  throw new Error('expected the operation to fail, but it succeeded');
}
