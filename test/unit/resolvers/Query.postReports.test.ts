import { describe, expect, it } from 'vitest';
import { givenIdentity, thenError, thenResult, thenUnauthorized, whenRequest, whenResponse } from '../../support/resolver-steps.js';

const file = 'resolvers/Query.postReports.ts';

describe('Query.postReports', () => {
  it('admins: one Query on the post\'s REPORT# items', async () => {
    const req = thenResult(await whenRequest(file, { identity: givenIdentity.admin(), args: { postId: 'p1' } }));
    expect(req.query.expressionValues).toEqual({ ':pk': { S: 'POST#p1' }, ':sk': { S: 'REPORT#' } });
  });

  it('validates postId', async () => {
    thenError(await whenRequest(file, { identity: givenIdentity.admin(), args: { postId: '' } }), 'ValidationError', /^postId:/);
  });

  it('refuses non-admins', async () => {
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.user('u1'), args: { postId: 'p1' } }));
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.apiKey(), args: { postId: 'p1' } }));
  });

  it('maps items to Report', async () => {
    const item = { PK: 'POST#p1', SK: 'REPORT#u9', postId: 'p1', reporterId: 'u9', reason: 'spam', createdAt: '2026-11-22T10:00:00.000Z' };
    const out = thenResult(await whenResponse(file, { identity: givenIdentity.admin(), result: { items: [item] } }));
    expect(out).toEqual({ items: [{ postId: 'p1', reporterId: 'u9', reason: 'spam', createdAt: '2026-11-22T10:00:00.000Z' }], nextToken: null });
  });

  it('passes a data source error on', async () => {
    thenError(await whenResponse(file, { error: { message: 'x', type: 'DynamoDB:DynamoDbException' } }), 'DynamoDB:DynamoDbException');
  });
});
