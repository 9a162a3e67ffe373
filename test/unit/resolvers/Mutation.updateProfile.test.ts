import { describe, expect, it } from 'vitest';
import { givenIdentity, thenError, thenResult, thenUnauthorized, whenRequest, whenResponse } from '../../support/resolver-steps.js';
import { profileItem } from './content.fixtures.js';

const FILE = 'resolvers/Mutation.updateProfile.ts';
const me = givenIdentity.user('u-1', { username: 'cognito_name' });

describe('Mutation.updateProfile', () => {
  it('sets handle and bio on the caller’s profile, creating it with defaults if needed', async () => {
    const request = thenResult(await whenRequest(FILE, { args: { input: { handle: 'ada_99', bio: ' hi ' } }, identity: me }));
    expect(request.operation).toBe('UpdateItem');
    expect(request.key).toEqual({ PK: { S: 'USER#u-1' }, SK: { S: 'PROFILE' } });
    expect(request.update.expression).toBe(
      'SET #pid = if_not_exists(#pid, :pid), #phandle = :phandle, #pcreated = if_not_exists(#pcreated, :pnow), #ptype = :ptype, #bio = :bio',
    );
    expect(request.update.expressionValues).toMatchObject({ ':phandle': { S: 'ada_99' }, ':bio': { S: 'hi' }, ':pid': { S: 'u-1' } });
  });

  it('keeps the stored handle when none is given, and an empty bio removes it', async () => {
    const request = thenResult(await whenRequest(FILE, { args: { input: { bio: '' } }, identity: me }));
    expect(request.update.expression).toContain('#phandle = if_not_exists(#phandle, :phandle)');
    expect(request.update.expression).toMatch(/ REMOVE #bio$/);
    expect(request.update.expressionValues[':phandle']).toEqual({ S: 'cognito_name' });
  });

  it('validates the handle (3..24 of a-z, 0-9, _) and the bio length', async () => {
    thenError(await whenRequest(FILE, { args: { input: { handle: 'ab' } }, identity: me }), 'ValidationError', 'handle: must be at least 3 characters');
    thenError(await whenRequest(FILE, { args: { input: { handle: 'Ada!' } }, identity: me }), 'ValidationError', 'handle: may only contain a-z, 0-9 and _');
    thenError(await whenRequest(FILE, { args: { input: { handle: 'a'.repeat(25) } }, identity: me }), 'ValidationError', /^handle: must be at most 24/);
    thenError(await whenRequest(FILE, { args: { input: { bio: 'b'.repeat(301) } }, identity: me }), 'ValidationError', /^bio: must be at most 300/);
  });

  it('anonymous callers cannot edit profiles', async () => {
    thenUnauthorized(await whenRequest(FILE, { args: { input: { bio: 'x' } }, identity: givenIdentity.apiKey() }));
  });

  it('returns the updated profile', async () => {
    const profile = thenResult(await whenResponse(FILE, { result: profileItem('u-1', { bio: null, postCount: undefined }) }));
    expect(profile).toEqual({ id: 'u-1', handle: 'ada', bio: null, postCount: 0, createdAt: '2026-01-01T00:00:00.000Z' });
  });
});
