import { describe, expect, it } from 'vitest';
import { givenIdentity, thenResult, thenUnauthorized, whenRequest, whenResponse } from '../../support/resolver-steps.js';

const file = 'resolvers/Mutation.publishNotification.ts';
const input = { id: 'n1', userId: 'u1', kind: 'LIKE_RECEIVED', message: 'bob liked your post', postId: 'p1', actorId: 'u2', actorHandle: 'bob', amount: 2, balance: 12, createdAt: '2026-11-22T10:00:00.000Z' };

describe('Mutation.publishNotification', () => {
  it('IAM: echoes the notification (unread) through the NONE data source', async () => {
    const req = thenResult(await whenRequest(file, { identity: givenIdentity.iam(), args: { input } }));
    expect(req).toEqual({ payload: { ...input, read: false } });
  });

  it('fills absent optional fields with null (a COINS_EARNED has no actor)', async () => {
    const { postId: _p, actorId: _a, actorHandle: _h, ...minimal } = input;
    const req = thenResult(await whenRequest(file, { identity: givenIdentity.iam(), args: { input: { ...minimal, kind: 'COINS_EARNED' } } }));
    expect(req.payload).toMatchObject({ postId: null, actorId: null, actorHandle: null, amount: 2 });
  });

  it('refuses users, admins and anonymous callers', async () => {
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.user('u1'), args: { input } }));
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.admin(), args: { input } }));
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.apiKey(), args: { input } }));
  });

  it('returns the payload as the Notification', async () => {
    expect(thenResult(await whenResponse(file, { identity: givenIdentity.iam(), result: { ...input, read: false } }))).toEqual({ ...input, read: false });
  });
});
