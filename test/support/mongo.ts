import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { mongoClientOptions } from '../../src/store/connect';
import type { Repositories } from '../../src/core/ports';
import { createRepositories } from '../../src/store/repositories';
import { ensureIndexes } from '../../src/store/indexes';

/** Set by test/support/global-setup.ts: the one server every test file of this run uses. */
export const TEST_MONGODB_URI_VAR = 'ZS_TEST_MONGODB_URI';

export function testMongoUri(): string {
  const uri = process.env[TEST_MONGODB_URI_VAR];
  if (!uri) {
    throw new Error(
      `${TEST_MONGODB_URI_VAR} is not set: test/support/global-setup.ts did not start a MongoDB for this run (see the "[store tests]" line in the jest output)`,
    );
  }
  return uri;
}

export interface TestDatabase {
  client: MongoClient;
  db: Db;
  repos: Repositories;
  /** Drops this file's database and closes the client. */
  close(): Promise<void>;
}

/**
 * A fresh, uniquely named database on the run's server, with the production indexes, so test
 * files can run in parallel workers without seeing each other's data.
 */
export async function openTestDatabase(options: { serverSelectionTimeoutMS?: number } = {}): Promise<TestDatabase> {
  // The product's driver options (pool size, timeouts), so what is measured over this is the product's.
  const client = new MongoClient(testMongoUri(), mongoClientOptions(testMongoUri(), { serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5000 }));
  await client.connect();
  const name = `zs_test_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(5).toString('hex')}`;
  const db = client.db(name);
  await ensureIndexes(db);
  return {
    client,
    db,
    repos: createRepositories(db),
    async close() {
      try {
        await db.dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}
