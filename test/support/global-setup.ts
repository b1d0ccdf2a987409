import { chooseServer, hostsOf, startInProcessServer, startMemoryServer, type LocalServer } from '../../src/store/server-selection';
import { TEST_MONGODB_URI_VAR } from './mongo';

/** Where the teardown finds the server this setup started (global setup and teardown share globals). */
export const LOCAL_SERVER_GLOBAL = '__ZS_TEST_MONGO_SERVER__';

function announce(line: string): void {
  process.stdout.write(`\n[store tests] ${line}\n`);
}

/**
 * Picks one MongoDB for the whole jest run, in the same order the app does: MONGODB_URI, then
 * mongodb-memory-server on a mongod already on disk, then the in-process stand-in started here.
 * Test files reach it through ZS_TEST_MONGODB_URI (workers inherit the environment).
 */
export default async function globalSetup(): Promise<void> {
  const choice = chooseServer(process.env);
  if (choice.kind === 'uri') {
    process.env[TEST_MONGODB_URI_VAR] = choice.uri;
    announce(`using MONGODB_URI (${hostsOf(choice.uri)})`);
    return;
  }
  let server: LocalServer | undefined;
  if (choice.kind === 'memory-server') {
    try {
      server = await startMemoryServer(choice.binary);
      announce(`using mongodb-memory-server at ${server.uri} (${choice.binary})`);
    } catch (e) {
      announce(`mongodb-memory-server could not start ${choice.binary} (${messageOf(e)}); falling back to the in-process server`);
    }
  }
  if (!server) {
    try {
      server = await startInProcessServer();
      announce(`using in-process MongoDB-compatible server at ${server.uri}`);
    } catch (e) {
      // Only the tests that need a database fail (openTestDatabase says why); the rest still run.
      announce(`could not start the in-process MongoDB-compatible server: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return;
    }
  }
  (globalThis as Record<string, unknown>)[LOCAL_SERVER_GLOBAL] = server;
  process.env[TEST_MONGODB_URI_VAR] = server.uri;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
