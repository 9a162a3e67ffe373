import { describe, expect, it } from 'vitest';
import { givenIdentity, thenResult, thenUnauthorized, whenRequest, whenResponse } from '../../support/resolver-steps.js';

const FILE = 'resolvers/Query.upload.ts';

describe('Query.upload', () => {
  it("reads the upload under the caller's own key (nobody reads another's upload)", async () => {
    const request = thenResult(await whenRequest(FILE, { args: { id: 'up1' }, identity: givenIdentity.user('me') }));
    expect(request).toMatchObject({ operation: 'GetItem', key: { PK: { S: 'USER#me' }, SK: { S: 'UPLOAD#up1' } } });
  });
  it('is for signed-in users only', async () => {
    thenUnauthorized(await whenRequest(FILE, { args: { id: 'up1' }, identity: givenIdentity.apiKey() }));
  });
  it('returns status and reason', async () => {
    const result = { PK: 'USER#me', SK: 'UPLOAD#up1', id: 'up1', status: 'REJECTED', reason: 'not an image' };
    expect(thenResult(await whenResponse(FILE, { result }))).toEqual({ id: 'up1', status: 'REJECTED', reason: 'not an image' });
    expect(thenResult(await whenResponse(FILE, { result: { id: 'up1', status: 'READY' } }))).toEqual({ id: 'up1', status: 'READY', reason: null });
    expect(thenResult(await whenResponse(FILE, { result: null }))).toBeNull();
  });
});
