import { describe, expect, it } from 'vitest';
import { givenIdentity, thenResult, thenUnauthorized, whenRequest, whenResponse } from '../../support/resolver-steps.js';

const file = 'resolvers/Mutation.publishModerationEvent.ts';
const input = { postId: 'p1', status: 'FLAGGED', reason: 'link spam', createdAt: '2026-11-22T10:00:00.000Z' };

describe('Mutation.publishModerationEvent', () => {
  it('IAM: echoes the event through the NONE data source', async () => {
    expect(thenResult(await whenRequest(file, { identity: givenIdentity.iam(), args: { input } }))).toEqual({ payload: input });
    expect(thenResult(await whenResponse(file, { identity: givenIdentity.iam(), result: input }))).toEqual(input);
  });

  it('refuses users, admins and anonymous callers', async () => {
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.user('u1'), args: { input } }));
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.admin(), args: { input } }));
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.apiKey(), args: { input } }));
  });
});
