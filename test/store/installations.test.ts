import { openTestDatabase, type TestDatabase } from '../support/mongo';
import { at, T0 } from './fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe('installations', () => {
  const slackInstall = { team: { id: 'T1', name: 'De Linde' }, bot: { token: 'xoxb-1', userId: 'B1' }, enterprise: undefined, isEnterpriseInstall: false };

  it('saves, reads, replaces and deletes an installation', async () => {
    await t.repos.installations.save('slack', 'T1', slackInstall, T0);
    expect(await t.repos.installations.get('slack', 'T1')).toEqual({ team: { id: 'T1', name: 'De Linde' }, bot: { token: 'xoxb-1', userId: 'B1' }, isEnterpriseInstall: false });
    await t.repos.installations.save('slack', 'T1', { ...slackInstall, bot: { token: 'xoxb-2', userId: 'B1' } }, at(1));
    expect(await t.repos.installations.get('slack', 'T1')).toMatchObject({ bot: { token: 'xoxb-2' } });
    const raw = await t.db.collection('installations').find({ platform: 'slack', key: 'T1' }).toArray();
    expect(raw).toHaveLength(1);
    expect(raw[0]).toMatchObject({ createdAt: T0, updatedAt: at(1), schemaVersion: 1 });

    await t.repos.installations.delete('slack', 'T1');
    expect(await t.repos.installations.get('slack', 'T1')).toBeNull();
    await t.repos.installations.delete('slack', 'T1'); // deleting twice is fine
  });

  it('the same key on two platforms is two installations', async () => {
    await t.repos.installations.save('slack', 'X', { a: 1 }, T0);
    await t.repos.installations.save('teams', 'X', { a: 2 }, T0);
    expect(await t.repos.installations.get('slack', 'X')).toEqual({ a: 1 });
    expect(await t.repos.installations.get('teams', 'X')).toEqual({ a: 2 });
  });

  it('concurrent saves of one installation keep one document', async () => {
    await Promise.all([1, 2, 3, 4, 5].map((n) => t.repos.installations.save('teams', 'race', { n }, at(n))));
    expect(await t.db.collection('installations').countDocuments({ platform: 'teams', key: 'race' })).toBe(1);
  });

  it('lists a platform’s installations filtered on their data', async () => {
    await t.repos.installations.save('teams', 'conv-1', { kind: 'personal', tenantId: 'M1' }, T0);
    await t.repos.installations.save('teams', 'conv-2', { kind: 'team', tenantId: 'M1' }, T0);
    await t.repos.installations.save('teams', 'conv-3', { kind: 'personal', tenantId: 'M2' }, T0);
    expect(await t.repos.installations.list('teams', { tenantId: 'M1', kind: 'personal' })).toEqual([{ kind: 'personal', tenantId: 'M1' }]);
    expect(await t.repos.installations.list('teams', { tenantId: 'M1' })).toHaveLength(2);
    expect(await t.repos.installations.list('nowhere')).toEqual([]);
    await expect(t.repos.installations.list('teams', { $where: '1' })).rejects.toThrow(/not a field name/);
  });
});
