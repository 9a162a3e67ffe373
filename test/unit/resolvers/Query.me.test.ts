import { describe, expect, it } from 'vitest';
import { givenIdentity, thenResult, whenRequest, whenResponse } from '../../support/resolver-steps.js';
import { profileItem } from './content.fixtures.js';

describe('Query.me', () => {
  const FILE = 'resolvers/Query.me.ts';
  it("gets the caller's own profile", async () => {
    const request = thenResult(await whenRequest(FILE, { identity: givenIdentity.user('me') }));
    expect(request).toMatchObject({ key: { PK: { S: 'USER#me' }, SK: { S: 'PROFILE' } } });
  });
  it('falls back to a default profile with the Cognito username as handle', async () => {
    const me = thenResult(await whenResponse(FILE, { identity: givenIdentity.user('me', { username: 'grace' }), result: null }));
    expect(me).toMatchObject({ id: 'me', handle: 'grace', bio: null, postCount: 0 });
    expect(Date.parse(me.createdAt)).not.toBeNaN();
  });
  it('returns the stored profile', async () => {
    const me = thenResult(await whenResponse(FILE, { identity: givenIdentity.user('me'), result: profileItem('me') }));
    expect(me.handle).toBe('ada');
  });
});
