import { MongoClient } from 'mongodb';
import { createRepositories } from '../../src/store/repositories';
import { ExportLinks } from '../../src/teams/http/export-links';
import { openTestDatabase, testMongoUri, type TestDatabase } from '../support/mongo';
import { at, T0 } from './fixtures';

let t: TestDatabase;
let other: MongoClient;
beforeAll(async () => {
  t = await openTestDatabase();
  // A second client on the same database stands for a second process behind the load balancer.
  other = await new MongoClient(testMongoUri(), { ignoreUndefined: true }).connect();
});
afterAll(async () => {
  await other.close();
  await t.close();
});

const file = { filename: 'ronde.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]) };

describe('downloads', () => {
  it('keeps a file under its token until it expires, bytes intact', async () => {
    await t.repos.downloads.save({ token: 'tok-1', ...file, expiresAt: at(15) });
    const stored = await t.repos.downloads.get('tok-1', T0);
    expect(stored).toMatchObject({ token: 'tok-1', filename: 'ronde.xlsx', mime: file.mime, expiresAt: at(15) });
    expect(Buffer.isBuffer(stored!.data) && stored!.data.equals(file.data)).toBe(true);
    expect(await t.repos.downloads.get('tok-1', at(15))).toBeNull();
    expect(await t.repos.downloads.get('unknown', T0)).toBeNull();
  });

  it('is removed by a TTL index once expired', async () => {
    const indexes = await t.db.collection('downloads').listIndexes().toArray();
    expect(indexes.find((i) => i.name === 'expiresAt_ttl')).toMatchObject({ key: { expiresAt: 1 }, expireAfterSeconds: 0 });
  });

  it('serves an export link offered by one process from another', async () => {
    const clock = { now: () => T0 };
    const offeredBy = new ExportLinks(t.repos.downloads, clock, () => 'https://bot.example.be');
    const servedBy = new ExportLinks(createRepositories(other.db(t.db.databaseName)).downloads, clock, () => 'https://bot.example.be');
    const { url } = await offeredBy.offer(file);
    const served = await servedBy.get(url.split('/').pop()!);
    expect(served?.filename).toBe('ronde.xlsx');
    expect(served?.data.equals(file.data)).toBe(true);
  });
});
