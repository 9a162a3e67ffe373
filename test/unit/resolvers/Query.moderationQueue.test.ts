import { describe, expect, it } from 'vitest';
import { flaggedPost } from './moderation.fixtures.js';
import { givenIdentity, thenError, thenResult, thenUnauthorized, whenRequest, whenResponse } from '../../support/resolver-steps.js';

const file = 'resolvers/Query.moderationQueue.ts';


describe('Query.moderationQueue', () => {
  it('admins: one Query on the sparse queue index, oldest first, no filter', async () => {
    const req = thenResult(await whenRequest(file, { identity: givenIdentity.admin(), args: { limit: 10 } }));
    expect(req).toMatchObject({ operation: 'Query', index: 'queue', scanIndexForward: true, limit: 10 });
    expect(req.query.expressionNames).toEqual({ '#pk': 'queuePK' });
    expect(req.query.expressionValues).toEqual({ ':pk': { S: 'QUEUE' } });
    expect(req.filter).toBeUndefined();
  });

  it('refuses users outside the admins group, anonymous and IAM callers', async () => {
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.user('u1') }));
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.user('u1', { groups: ['editors'] }) }));
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.apiKey() }));
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.iam() }));
  });

  it('maps items to Post with CDN URLs and the note (admins may read it), keys stripped', async () => {
    const out = thenResult(await whenResponse(file, { identity: givenIdentity.admin(), stash: { adminId: 'admin-1' }, result: { items: [flaggedPost], nextToken: 't' } }));
    expect(out.nextToken).toBe('t');
    expect(out.items[0]).toMatchObject({ id: 'p1', status: 'FLAGGED', moderationNote: 'link spam', reportCount: 0 });
    expect(out.items[0].media.variants[0].url).toBe('https://media.example.test/media/p1/320.webp');
    expect(out.items[0]).not.toHaveProperty('PK');
    expect(out.items[0]).not.toHaveProperty('queueSK');
  });

  it('passes a data source error on', async () => {
    thenError(await whenResponse(file, { error: { message: 'x', type: 'DynamoDB:DynamoDbException' } }), 'DynamoDB:DynamoDbException');
  });
});
