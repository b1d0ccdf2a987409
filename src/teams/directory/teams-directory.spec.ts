import { MemoryInstallations } from '../../../test/teams/memory-installations';
import { conversationReference, TeamsDirectory, type TeamRecord } from './teams-directory';

const clock = { now: () => new Date('2026-03-03T09:00:00Z') };
const team = (id: string, tenantId: string, members: TeamRecord['members']): TeamRecord => ({
  kind: 'team',
  tenantId,
  msTenantId: tenantId.replace('teams:', '').split(':')[0]!,
  teamId: id,
  name: `Team ${id}`,
  serviceUrl: 'https://smba.example/emea/',
  botId: '28:bot',
  channels: [{ id }, { id: `${id}-zorg`, name: 'Zorg' }],
  members,
  rosterUpdatedAt: '',
  installedBy: 'a',
  installedAt: '',
});

test('teams are found by id, by tenant and by any of their channels; members across teams', async () => {
  const directory = new TeamsDirectory(new MemoryInstallations(), clock);
  await directory.saveTeam(team('t1', 'teams:x', [{ platformUserId: 'a', id: '29:a', name: 'An' }]));
  await directory.saveTeam(team('t2', 'teams:x', [{ platformUserId: 'b', id: '29:b', name: 'Bo' }]));
  await directory.saveTeam(team('t3', 'teams:y', [{ platformUserId: 'c', id: '29:c' }]));
  expect((await directory.teams('teams:x')).map((t) => t.teamId)).toEqual(['t1', 't2']);
  expect((await directory.teamOfChannel('teams:x', 't2-zorg'))?.teamId).toBe('t2');
  expect(await directory.teamOfChannel('teams:y', 't2-zorg')).toBeUndefined();
  expect((await directory.findMember('teams:x', 'b'))?.team.teamId).toBe('t2');
  expect(await directory.findMember('teams:x', 'c')).toBeUndefined();
  expect(directory.nameOf('x', 'a')).toBe('An');
  await directory.deleteTeam('t1');
  expect(await directory.getTeam('t1')).toBeNull();
  expect((await directory.teams('teams:x')).map((t) => t.teamId)).toEqual(['t2']);
  // The team remembers its school, so adding the app again brings it back there.
  expect(await directory.schoolOfTeam('t1')).toBe('teams:x');
  expect(await directory.schoolOfTeam('t9')).toBeUndefined();
});

test('two schools of one Microsoft tenant: each lists its own teams; names are known tenant-wide', async () => {
  const directory = new TeamsDirectory(new MemoryInstallations(), clock);
  await directory.saveTeam(team('t1', 'teams:x', [{ platformUserId: 'a', id: '29:a', name: 'An' }]));
  await directory.saveTeam(team('t2', 'teams:x:t2', [{ platformUserId: 'b', id: '29:b', name: 'Bo' }]));
  expect((await directory.teams('teams:x')).map((t) => t.teamId)).toEqual(['t1']);
  expect((await directory.teams('teams:x:t2')).map((t) => t.teamId)).toEqual(['t2']);
  expect(await directory.teamOfChannel('teams:x', 't2-zorg')).toBeUndefined();
  expect(await directory.findMember('teams:x', 'b')).toBeUndefined();
  expect(directory.nameOf('x', 'b')).toBe('Bo');
});

test('names survive a restart through preload; personal chats are found by conversation', async () => {
  const store = new MemoryInstallations();
  const first = new TeamsDirectory(store, clock);
  await first.saveTeam(team('t1', 'teams:x', [{ platformUserId: 'a', id: '29:a', name: 'An' }]));
  await first.savePersonal({ kind: 'personal', tenantId: 'teams:x', msTenantId: 'x', platformUserId: 'd', memberId: '29:d', name: 'Dirk', serviceUrl: 's', botId: 'b', conversationId: 'a:d', updatedAt: '' });
  const second = new TeamsDirectory(store, clock);
  expect(second.nameOf('x', 'a')).toBeUndefined();
  await second.preload();
  expect(second.nameOf('x', 'a')).toBe('An');
  expect(second.nameOf('x', 'd')).toBe('Dirk');
  expect((await second.personalByConversation('teams:x', 'a:d'))?.platformUserId).toBe('d');
  expect(await second.personalByConversation('teams:y', 'a:d')).toBeUndefined();
});

test('loadNames picks up names another process stored after this one started, for one Microsoft tenant', async () => {
  const store = new MemoryInstallations();
  const running = new TeamsDirectory(store, clock);
  await running.preload();
  const other = new TeamsDirectory(store, clock);
  await other.saveTeam(team('t1', 'teams:x', [{ platformUserId: 'a', id: '29:a', name: 'An' }]));
  await other.saveTeam(team('t9', 'teams:y', [{ platformUserId: 'z', id: '29:z', name: 'Zoë' }]));
  await other.savePersonal({ kind: 'personal', tenantId: 'teams:x', msTenantId: 'x', platformUserId: 'd', memberId: '29:d', name: 'Dirk', serviceUrl: 's', botId: 'b', conversationId: 'a:d', updatedAt: '' });
  expect(running.nameOf('x', 'a')).toBeUndefined();
  await running.loadNames('x');
  expect([running.nameOf('x', 'a'), running.nameOf('x', 'd')]).toEqual(['An', 'Dirk']);
  expect(running.nameOf('y', 'z')).toBeUndefined();
});

test('sent messages and action results are remembered under their keys', async () => {
  const directory = new TeamsDirectory(new MemoryInstallations(), clock);
  expect(await directory.getSent('invitation:r:u')).toBeNull();
  await directory.saveSent('invitation:r:u', { conversationId: 'a:1', messageId: 'm1' });
  expect(await directory.getSent('invitation:r:u')).toEqual({ kind: 'sent', conversationId: 'a:1', messageId: 'm1' });
  expect(await directory.memo.get('createRound:c')).toBeUndefined();
  await directory.memo.set('createRound:c', 'round-1');
  expect(await directory.memo.get('createRound:c')).toBe('round-1');
});

test('a stored conversation becomes a reference botbuilder can continue', () => {
  expect(conversationReference({ serviceUrl: 'https://s/', botId: '28:b', conversationId: '19:c', msTenantId: 'x', group: true })).toEqual({
    channelId: 'msteams',
    serviceUrl: 'https://s/',
    bot: { id: '28:b', name: 'Zorgspiegel' },
    conversation: { id: '19:c', isGroup: true, conversationType: 'channel', tenantId: 'x', name: '' },
  });
});
