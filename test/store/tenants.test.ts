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
    expect(raw).toMatchObject({ _id: 'slack:RAW', schemaVersion: 3, platform: 'slack' });
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

  it('reads a version-2 Teams tenant as the school of the team it was set up for, named after it, and never lets another team claim it', async () => {
    await t.db.collection('tenants').insertOne({
      _id: 'teams:V2' as never,
      platform: 'teams',
      externalId: 'V2',
      settings: { coordinators: ['U1'], language: 'nl', anonymityThreshold: 5, timeZone: 'Europe/Brussels', quietHours: DEFAULT_QUIET_HOURS, teamChannel: { id: '19:leraren', name: 'Leraren › Algemeen' } },
      createdAt: T0,
      updatedAt: T0,
      schemaVersion: 2,
    });
    const school = await t.repos.tenants.get('teams:V2');
    expect(school).toMatchObject({ id: 'teams:V2', externalId: 'V2', name: 'Leraren' });
    expect(school!.schoolKey).toBeUndefined();
    // Its teams are tied to it by their installation records; a newly added team gets a school of its own.
    expect(await t.repos.tenants.claimSchoolKey('teams:V2', '19:other-team', 'Other', at(1))).toBeNull();
    expect((await t.repos.tenants.get('teams:V2'))!.settings.coordinators).toEqual(['U1']);
    // A v2 tenant that was only ever opened from a personal chat (no coordinator) is free to take.
    await t.db.collection('tenants').insertOne({ _id: 'teams:V2EMPTY' as never, platform: 'teams', externalId: 'V2EMPTY', settings: { coordinators: [] }, createdAt: T0, updatedAt: T0, schemaVersion: 2 });
    expect(await t.repos.tenants.claimSchoolKey('teams:V2EMPTY', '19:first-team', 'First', at(1))).toMatchObject({ id: 'teams:V2EMPTY', schoolKey: '19:first-team', name: 'First' });
  });

  it('lists the schools of a platform tenant oldest first; a free default school is claimed by one team only', async () => {
    await t.repos.tenants.ensure(sampleTenant({ id: 'teams:GROUP', platform: 'teams', externalId: 'GROUP' }), T0);
    await t.repos.tenants.ensure(sampleTenant({ id: 'teams:GROUP:team-b', platform: 'teams', externalId: 'GROUP', schoolKey: 'team-b', name: 'B' }), at(2));
    await t.repos.tenants.ensure(sampleTenant({ id: 'teams:ELSEWHERE', platform: 'teams', externalId: 'ELSEWHERE' }), at(1));
    const claims = await Promise.all(['team-a', 'team-c'].map((key) => t.repos.tenants.claimSchoolKey('teams:GROUP', key, key.toUpperCase(), at(3))));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = claims.find(Boolean)!;
    // Claiming again with the same key is the same school; with another key it is not.
    expect((await t.repos.tenants.claimSchoolKey('teams:GROUP', winner.schoolKey!, undefined, at(4)))!.id).toBe('teams:GROUP');
    const schools = await t.repos.tenants.listByPlatformTenant('teams', 'GROUP');
    expect(schools.map((s) => s.id)).toEqual(['teams:GROUP', 'teams:GROUP:team-b']);
    expect(schools[0]).toMatchObject({ schoolKey: winner.schoolKey, name: winner.schoolKey!.toUpperCase() });
    const raw = await t.db.collection('tenants').findOne({ _id: 'teams:GROUP:team-b' as never });
    expect(raw!.schemaVersion).toBe(3);
  });
});

describe('tenants read a moment ago (getRecent, listByPlatformTenant)', () => {
  it("show this process's own writes at once, and another process's after ENSURE_TTL_MS", async () => {
    const { createTenantRepository, ENSURE_TTL_MS } = await import('../../src/store/repositories/tenant-repository');
    let clock = 1_000_000;
    const here = createTenantRepository(t.db, () => clock);
    const elsewhere = createTenantRepository(t.db, () => clock);
    await here.ensure(sampleTenant({ id: 'slack:RECENT', platform: 'slack', externalId: 'RECENT' }), T0);
    expect((await here.getRecent('slack:RECENT'))?.settings.language).toBe(sampleTenant().settings.language);
    expect(await here.listByPlatformTenant('slack', 'RECENT')).toHaveLength(1);

    await here.updateSettings('slack:RECENT', { anonymityThreshold: 9 }, at(1));
    expect((await here.getRecent('slack:RECENT'))?.settings.anonymityThreshold).toBe(9);
    expect((await here.listByPlatformTenant('slack', 'RECENT'))[0]!.settings.anonymityThreshold).toBe(9);

    // Another process changes the school: this one may show the old settings for a moment, no longer.
    await elsewhere.updateSettings('slack:RECENT', { anonymityThreshold: 11 }, at(2));
    clock += ENSURE_TTL_MS + 1;
    expect((await here.getRecent('slack:RECENT'))?.settings.anonymityThreshold).toBe(11);
    expect((await here.listByPlatformTenant('slack', 'RECENT'))[0]!.settings.anonymityThreshold).toBe(11);

    // What a caller does with its copy does not change what the next caller gets.
    (await here.getRecent('slack:RECENT'))!.settings.anonymityThreshold = 99;
    expect((await here.getRecent('slack:RECENT'))?.settings.anonymityThreshold).toBe(11);
  });
});
