import { channelMessageLink } from './message-link';

const team = { msTenantId: 'tenant-1', aadGroupId: 'group-1', name: 'Leraren & co', teamId: '19:general@thread.tacv2', channels: [{ id: '19:general@thread.tacv2' }, { id: '19:zorg@thread.tacv2', name: 'Zorgteam' }] };

test('a deep link to the post, in the documented format, with the post id as parent and creation time', () => {
  const url = new URL(channelMessageLink(team, '19:zorg@thread.tacv2', '1772528400007')!);
  expect(url.origin + url.pathname).toBe('https://teams.microsoft.com/l/message/19%3Azorg%40thread.tacv2/1772528400007');
  expect(Object.fromEntries(url.searchParams)).toEqual({
    tenantId: 'tenant-1',
    groupId: 'group-1',
    parentMessageId: '1772528400007',
    teamName: 'Leraren & co',
    channelName: 'Zorgteam',
    createdTime: '1772528400007',
  });
});

test('the General channel is named "General"; an id that is not a time gives no createdTime', () => {
  const url = new URL(channelMessageLink(team, team.teamId, 'abc')!);
  expect(url.searchParams.get('channelName')).toBe('General');
  expect(url.searchParams.has('createdTime')).toBe(false);
});

test('without the team group id there is no link (the message names the channel instead)', () => {
  const { aadGroupId: _omit, ...withoutGroup } = team;
  expect(channelMessageLink(withoutGroup, team.teamId, '1772528400007')).toBeUndefined();
});
