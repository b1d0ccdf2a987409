import { msTenantIdOf, platformUserIdOf, teamOf } from './identity';

test('the Entra object id is the platform user id when Teams gives one', () => {
  expect(platformUserIdOf({ id: '29:abc', aadObjectId: 'aad-1' })).toBe('aad-1');
  expect(platformUserIdOf({ id: '29:abc' })).toBe('29:abc');
  expect(platformUserIdOf({ id: '29:abc', aadObjectId: '' })).toBe('29:abc');
});

test('tenant and team come from channelData, with the conversation as a fallback for the tenant', () => {
  expect(msTenantIdOf({ conversation: { tenantId: 'c' } as never, channelData: { tenant: { id: 't' } } })).toBe('t');
  expect(msTenantIdOf({ conversation: { tenantId: 'c' } as never, channelData: {} })).toBe('c');
  expect(msTenantIdOf({ conversation: {} as never, channelData: undefined })).toBeUndefined();
  expect(teamOf({ channelData: { team: { id: '19:t', name: 'Leraren' } } })).toEqual({ id: '19:t', name: 'Leraren' });
  expect(teamOf({ channelData: { tenant: { id: 't' } } })).toBeUndefined();
});
