import { describe, expect, it } from 'vitest';
import { givenIdentity, thenError, thenResult, thenUnauthorized, whenRequest, whenResponse } from '../../support/resolver-steps.js';

const file = 'resolvers/Query.myRedemptions.ts';

describe('Query.myRedemptions', () => {
  it('is one Query on the caller\'s own REDEEM# items', async () => {
    const req = thenResult(await whenRequest(file, { identity: givenIdentity.user('u2') }));
    expect(req.query.expressionValues).toEqual({ ':pk': { S: 'USER#u2' }, ':sk': { S: 'REDEEM#' } });
    expect(req.scanIndexForward).toBe(false);
  });

  it('refuses anonymous and IAM callers', async () => {
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.apiKey() }));
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.iam() }));
  });

  it('maps items to Redemption', async () => {
    const item = { PK: 'USER#u2', SK: 'REDEEM#q1', type: 'REDEMPTION', requestId: 'q1', rewardId: 'r1', rewardName: 'Mug', cost: 10, balanceAfter: 5, createdAt: '2026-11-22T10:00:00.000Z' };
    const out = thenResult(await whenResponse(file, { result: { items: [item] } }));
    expect(out).toEqual({
      items: [{ requestId: 'q1', rewardId: 'r1', rewardName: 'Mug', cost: 10, balanceAfter: 5, createdAt: '2026-11-22T10:00:00.000Z' }],
      nextToken: null,
    });
  });

  it('passes a data source error on', async () => {
    thenError(await whenResponse(file, { error: { message: 'x', type: 'DynamoDB:DynamoDbException' } }), 'DynamoDB:DynamoDbException');
  });
});
