import { toMember } from './roster';

test('a roster entry keeps what proactive messages need and the name, under the same user id as activities', () => {
  expect(toMember({ id: '29:a', aadObjectId: 'aad-a', name: 'An', email: 'an@school.be', userPrincipalName: 'an@school.be' } as never)).toEqual({ platformUserId: 'aad-a', id: '29:a', aadObjectId: 'aad-a', name: 'An' });
  expect(toMember({ id: '29:b' } as never)).toEqual({ platformUserId: '29:b', id: '29:b' });
});
