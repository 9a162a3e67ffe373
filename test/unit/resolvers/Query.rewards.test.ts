import { describe, expect, it } from 'vitest';
import { givenIdentity, thenError, thenResult, whenRequest, whenResponse } from '../../support/resolver-steps.js';

const file = 'resolvers/Query.rewards.ts';

describe('Query.rewards', () => {
  it('is one Query on the REWARDS partition, open to anonymous visitors, users and admins', async () => {
    for (const identity of [givenIdentity.apiKey(), givenIdentity.user('u1'), givenIdentity.admin()]) {
      const req = thenResult(await whenRequest(file, { identity }));
      expect(req.operation).toBe('Query');
      expect(req.query.expressionValues).toEqual({ ':pk': { S: 'REWARDS' }, ':sk': { S: 'REWARD#' } });
      expect(req.scanIndexForward).toBe(true);
    }
  });

  it('validates the page size', async () => {
    thenError(await whenRequest(file, { args: { limit: 100 } }), 'ValidationError', /limit/);
  });

  it('maps items to Reward', async () => {
    const item = { PK: 'REWARDS', SK: 'REWARD#r1', type: 'REWARD', id: 'r1', name: 'Mug', description: 'A mug', cost: 50, stock: 3 };
    const out = thenResult(await whenResponse(file, { result: { items: [item], nextToken: null } }));
    expect(out).toEqual({ items: [{ id: 'r1', name: 'Mug', description: 'A mug', cost: 50, stock: 3 }], nextToken: null });
  });

  it('passes a data source error on', async () => {
    thenError(await whenResponse(file, { error: { message: 'x', type: 'DynamoDB:ProvisionedThroughputExceededException' } }), 'DynamoDB:ProvisionedThroughputExceededException');
  });
});
