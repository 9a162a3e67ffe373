import { describe, expect, it } from 'vitest';
import { givenIdentity, thenError, thenResult, thenUnauthorized, whenRequest, whenResponse } from '../../support/resolver-steps.js';

const file = 'resolvers/Query.ledger.ts';

describe('Query.ledger', () => {
  it('is one Query on the caller\'s TX# items, newest first, with the page passed through', async () => {
    const req = thenResult(await whenRequest(file, { identity: givenIdentity.user('u1'), args: { limit: 5, nextToken: 'abc' } }));
    expect(req.operation).toBe('Query');
    expect(req.query.expression).toBe('#pk = :pk AND begins_with(#sk, :sk)');
    expect(req.query.expressionValues).toEqual({ ':pk': { S: 'USER#u1' }, ':sk': { S: 'TX#' } });
    expect(req).toMatchObject({ scanIndexForward: false, limit: 5, nextToken: 'abc' });
    expect(req.filter).toBeUndefined();
  });

  it('defaults the page to 20 and refuses 0 and 51', async () => {
    expect(thenResult(await whenRequest(file, {})).limit).toBe(20);
    thenError(await whenRequest(file, { args: { limit: 0 } }), 'ValidationError', /^limit:/);
    thenError(await whenRequest(file, { args: { limit: 51 } }), 'ValidationError', /^limit:/);
  });

  it('refuses anonymous and IAM callers', async () => {
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.apiKey() }));
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.iam() }));
  });

  it('maps items to LedgerEntry without keys', async () => {
    const item = { PK: 'USER#u1', SK: 'TX#01J', type: 'TX', id: '01J', amount: -10, kind: 'REDEMPTION', reason: 'Redeemed Mug', sourceEvent: 'redeem:r1', createdAt: '2026-11-22T10:00:00.000Z' };
    const out = thenResult(await whenResponse(file, { result: { items: [item], nextToken: 'n2' } }));
    expect(out).toEqual({
      items: [{ id: '01J', amount: -10, kind: 'REDEMPTION', reason: 'Redeemed Mug', sourceEvent: 'redeem:r1', createdAt: '2026-11-22T10:00:00.000Z' }],
      nextToken: 'n2',
    });
  });

  it('passes a data source error on', async () => {
    thenError(await whenResponse(file, { error: { message: 'boom', type: 'DynamoDB:DynamoDbException' } }), 'DynamoDB:DynamoDbException', 'boom');
  });
});
