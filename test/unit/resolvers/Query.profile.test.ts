import { describe, expect, it } from 'vitest';
import { givenIdentity, thenResult, whenRequest, whenResponse } from '../../support/resolver-steps.js';
import { profileItem } from './content.fixtures.js';

describe('Query.profile', () => {
  const FILE = 'resolvers/Query.profile.ts';
  it('gets the PROFILE item of that user, for anyone', async () => {
    const request = thenResult(await whenRequest(FILE, { args: { userId: 'u1' }, identity: givenIdentity.apiKey() }));
    expect(request).toMatchObject({ operation: 'GetItem', key: { PK: { S: 'USER#u1' }, SK: { S: 'PROFILE' } } });
  });
  it('maps the item, or null when there is none', async () => {
    const profile = thenResult(await whenResponse(FILE, { result: profileItem('u1', { notifsReadUpTo: 'X' }) }));
    expect(profile).toEqual({ id: 'u1', handle: 'ada', bio: 'I take pictures', postCount: 3, createdAt: '2026-01-01T00:00:00.000Z' });
    expect(thenResult(await whenResponse(FILE, { result: null }))).toBeNull();
  });
});
