import { DEFAULT_QUIET_HOURS } from '../../src/core/tenant';
import { openTestDatabase, type TestDatabase } from '../support/mongo';
import { at, expectNoStorageFields, sampleTenant, T0 } from './fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe('tenants', () => {
  it('ensure creates the tenant once and returns the stored one after that', async () => {
    const created = await t.repos.tenants.ensure(sampleTenant({ id: 'slack:ENSURE' }), T0);
    expect(created).toEqual({ ...sampleTenant({ id: 'slack:ENSURE' }), createdAt: T0, updatedAt: T0 });
    expectNoStorageFields(created);
    expect(created.createdAt).toBeInstanceOf(Date);

    const again = await t.repos.tenants.ensure(sampleTenant({ id: 'slack:ENSURE', name: 'other name' }), at(5));
    expect(again).toEqual(created);
    expect(await t.repos.tenants.get('slack:ENSURE')).toEqual(created);
  });

  it('stores the tenant id as _id with the current schema version', async () => {
    await t.repos.tenants.ensure(sampleTenant({ id: 'slack:RAW' }), T0);
    const raw = await t.db.collection('tenants').findOne({ _id: 'slack:RAW' as never });
    expect(raw).toMatchObject({ _id: 'slack:RAW', schemaVersion: 2, platform: 'slack' });
    expect(raw).not.toHaveProperty('id');
  });

  it('ten concurrent ensures of one tenant leave one document and agree on it', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => t.repos.tenants.ensure(sampleTenant({ id: 'slack:RACE', name: `n${i}` }), at(i))));
    expect(new Set(results.map((r) => r.name)).size).toBe(1);
    expect(await t.db.collection('tenants').countDocuments({ _id: 'slack:RACE' as never })).toBe(1);
  });

  it('get returns null for an unknown tenant', async () => {
    expect(await t.repos.tenants.get('slack:NOPE')).toBeNull();
  });

  it('updateSettings changes only the given settings', async () => {
    await t.repos.tenants.ensure(sampleTenant({ id: 'slack:SET' }), T0);
    const updated = await t.repos.tenants.updateSettings('slack:SET', { anonymityThreshold: 7, teamChannel: { id: 'C9', name: 'team' } }, at(1));
    expect(updated.settings).toEqual({ ...sampleTenant().settings, anonymityThreshold: 7, teamChannel: { id: 'C9', name: 'team' } });
    expect(updated.updatedAt).toEqual(at(1));
    expect(updated.createdAt).toEqual(T0);
    await expect(t.repos.tenants.updateSettings('slack:NOPE', { language: 'en' }, at(1))).rejects.toThrow(/does not exist/);
  });

  it('addCoordinator adds a user once', async () => {
    await t.repos.tenants.ensure(sampleTenant({ id: 'slack:COORD' }), T0);
    await t.repos.tenants.addCoordinator('slack:COORD', 'U2', at(1));
    const tenant = await t.repos.tenants.addCoordinator('slack:COORD', 'U2', at(2));
    expect(tenant.settings.coordinators).toEqual(['U-coord', 'U2']);
    await expect(t.repos.tenants.addCoordinator('slack:NOPE', 'U2', at(1))).rejects.toThrow(/does not exist/);
  });

  it('reads a version-1 tenant (no quiet hours or time zone yet) with the defaults filled in', async () => {
    await t.db.collection('tenants').insertOne({
      _id: 'teams:OLD' as never,
      platform: 'teams',
      externalId: 'OLD',
      settings: { coordinators: ['U1'], language: 'en', anonymityThreshold: 6 },
      createdAt: T0,
      updatedAt: T0,
      // v1 documents were written before schemaVersion existed
    });
    const tenant = await t.repos.tenants.get('teams:OLD');
    expect(tenant).toEqual({
      id: 'teams:OLD',
      platform: 'teams',
      externalId: 'OLD',
      settings: { coordinators: ['U1'], language: 'en', anonymityThreshold: 6, timeZone: 'Europe/Brussels', quietHours: DEFAULT_QUIET_HOURS },
      createdAt: T0,
      updatedAt: T0,
    });
    // Writing to the old document works and keeps reading right.
    const updated = await t.repos.tenants.updateSettings('teams:OLD', { timeZone: 'Europe/Amsterdam' }, at(1));
    expect(updated.settings).toMatchObject({ timeZone: 'Europe/Amsterdam', quietHours: DEFAULT_QUIET_HOURS, anonymityThreshold: 6 });
  });
});
