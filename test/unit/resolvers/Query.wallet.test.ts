import { describe, expect, it } from 'vitest';
import { givenIdentity, thenError, thenResult, thenUnauthorized, whenRequest, whenResponse } from '../../support/resolver-steps.js';

const file = 'resolvers/Query.wallet.ts';
const env = { TABLE_NAME: 'feed-table' };
const today = new Date().toISOString().slice(0, 10);

describe('Query.wallet', () => {
  it('reads the WALLET item and today\'s EARNED counter in one consistent BatchGetItem', async () => {
    const req = thenResult(await whenRequest(file, { identity: givenIdentity.user('u1'), env }));
    expect(req.operation).toBe('BatchGetItem');
    expect(req.tables['feed-table'].consistentRead).toBe(true);
    expect(req.tables['feed-table'].keys).toEqual([
      { PK: { S: 'USER#u1' }, SK: { S: 'WALLET' } },
      { PK: { S: 'USER#u1' }, SK: { S: `EARNED#${today}` } },
    ]);
  });

  it('refuses anonymous (API key) and IAM callers', async () => {
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.apiKey(), env }));
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.iam(), env }));
  });

  it('fails clearly when the API has no TABLE_NAME', async () => {
    thenError(await whenRequest(file, { env: { TABLE_NAME: '' } }), 'InternalFailure', /TABLE_NAME/);
  });

  it('maps the items to a Wallet with the daily cap', async () => {
    const result = {
      data: {
        'feed-table': [
          { PK: 'USER#u1', SK: 'WALLET', balance: 37, lifetimeEarned: 120 },
          { PK: 'USER#u1', SK: `EARNED#${today}`, earned: 24 },
        ],
      },
      unprocessedKeys: { 'feed-table': [] },
    };
    expect(thenResult(await whenResponse(file, { result, env }))).toEqual({
      balance: 37,
      lifetimeEarned: 120,
      earnedToday: 24,
      dailyCap: 500,
    });
  });

  it('gives a user who never earned a wallet of 0', async () => {
    const result = { data: { 'feed-table': [null, null] }, unprocessedKeys: { 'feed-table': [] } };
    expect(thenResult(await whenResponse(file, { result, env }))).toEqual({
      balance: 0,
      lifetimeEarned: 0,
      earnedToday: 0,
      dailyCap: 500,
    });
  });

  it('passes a data source error on', async () => {
    const error = { message: 'Requested resource not found', type: 'DynamoDB:ResourceNotFoundException' };
    thenError(await whenResponse(file, { error, env }), 'DynamoDB:ResourceNotFoundException');
  });
});
