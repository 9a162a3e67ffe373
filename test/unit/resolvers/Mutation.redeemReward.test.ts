// Each handler of the redeemReward pipeline on its own; test/unit/resolvers/coins.redeem.test.ts runs the
// whole pipeline against DynamoDB Local.
import { describe, expect, it } from 'vitest';
import {
  givenIdentity, thenEarlyReturn, thenError, thenResult, thenUnauthorized, whenRequest, whenResponse,
} from '../../support/resolver-steps.js';

const dir = 'resolvers/Mutation.redeemReward';
const input = { rewardId: 'r1', requestId: 'q1' };
const reward = { id: 'r1', name: 'Mug', cost: 10 };
const stash = { sub: 'u1', rewardId: 'r1', requestId: 'q1', now: '2026-11-22T10:00:00.000Z', reward, balance: 25 };
const stored = { PK: 'USER#u1', SK: 'REDEEM#q1', type: 'REDEMPTION', requestId: 'q1', rewardId: 'r1', rewardName: 'Mug', cost: 10, balanceAfter: 15, createdAt: '2026-11-22T09:00:00.000Z' };
const redemption = { requestId: 'q1', rewardId: 'r1', rewardName: 'Mug', cost: 10, balanceAfter: 15, createdAt: '2026-11-22T09:00:00.000Z' };
const cancelled = (...codes: string[]) => {
  const cancellationReasons = codes.map((type) => ({ type, message: type === 'None' ? 'null' : 'The conditional request failed' }));
  return {
    error: { message: `Transaction cancelled [${codes.join(', ')}]`, type: 'DynamoDB:TransactionCanceledException' },
    result: { keys: null, cancellationReasons },
  };
};

describe('Mutation.redeemReward — before handler', () => {
  it('stashes the caller and the validated ids', async () => {
    const out = await whenRequest(`${dir}/index.ts`, { identity: givenIdentity.user('u1'), args: { input } });
    thenResult(out);
    expect(out.stash).toMatchObject({ sub: 'u1', rewardId: 'r1', requestId: 'q1' });
  });

  it('names the field at fault', async () => {
    thenError(await whenRequest(`${dir}/index.ts`, { args: { input: { ...input, requestId: '' } } }), 'ValidationError', /^requestId:/);
    thenError(await whenRequest(`${dir}/index.ts`, { args: { input: { ...input, rewardId: 'x'.repeat(129) } } }), 'ValidationError', /^rewardId:/);
  });

  it('refuses anonymous and IAM callers', async () => {
    thenUnauthorized(await whenRequest(`${dir}/index.ts`, { identity: givenIdentity.apiKey(), args: { input } }));
    thenUnauthorized(await whenRequest(`${dir}/index.ts`, { identity: givenIdentity.iam(), args: { input } }));
  });

  it('after handler returns the last step\'s result', async () => {
    expect(thenResult(await whenResponse(`${dir}/index.ts`, { prev: redemption }))).toEqual(redemption);
  });
});

describe('Mutation.redeemReward — 1. existing redemption', () => {
  it('reads REDEEM#<requestId> of the caller, consistently', async () => {
    const req = thenResult(await whenRequest(`${dir}/1.getRedemption.ts`, { stash }));
    expect(req).toMatchObject({ operation: 'GetItem', consistentRead: true, key: { PK: { S: 'USER#u1' }, SK: { S: 'REDEEM#q1' } } });
  });

  it('stashes a found redemption (a retry) and null otherwise', async () => {
    expect((await whenResponse(`${dir}/1.getRedemption.ts`, { stash: { ...stash }, result: stored })).stash.existing).toEqual(redemption);
    expect((await whenResponse(`${dir}/1.getRedemption.ts`, { stash: { ...stash }, result: null })).stash.existing).toBeNull();
  });
});

describe('Mutation.redeemReward — 2. reward', () => {
  it('a retry ends the pipeline with the existing redemption', async () => {
    expect(thenEarlyReturn(await whenRequest(`${dir}/2.getReward.ts`, { stash: { ...stash, existing: redemption } }), 'END')).toEqual(redemption);
  });

  it('reads the reward', async () => {
    const req = thenResult(await whenRequest(`${dir}/2.getReward.ts`, { stash: { ...stash, existing: null } }));
    expect(req.key).toEqual({ PK: { S: 'REWARDS' }, SK: { S: 'REWARD#r1' } });
  });

  it('NotFound for an unknown reward, OutOfStock when none is left', async () => {
    thenError(await whenResponse(`${dir}/2.getReward.ts`, { stash, result: null }), 'NotFound', /rewardId/);
    thenError(await whenResponse(`${dir}/2.getReward.ts`, { stash, result: { id: 'r1', name: 'Mug', cost: 10, stock: 0 } }), 'OutOfStock', /Mug/);
  });

  it('stashes id, name and cost', async () => {
    const out = await whenResponse(`${dir}/2.getReward.ts`, { stash: { ...stash }, result: { id: 'r1', name: 'Mug', cost: 10, stock: 2, description: 'd' } });
    expect(out.stash.reward).toEqual(reward);
  });
});

describe('Mutation.redeemReward — 3. wallet', () => {
  it('says how many coins the caller has and what the reward costs', async () => {
    const err = thenError(await whenResponse(`${dir}/3.getWallet.ts`, { stash, result: { balance: 7 } }), 'InsufficientCoins');
    expect(err.message).toBe('you have 7 coins; this reward costs 10');
    thenError(await whenResponse(`${dir}/3.getWallet.ts`, { stash, result: null }), 'InsufficientCoins', 'you have 0 coins');
  });

  it('exactly enough passes', async () => {
    expect((await whenResponse(`${dir}/3.getWallet.ts`, { stash: { ...stash }, result: { balance: 10 } })).stash.balance).toBe(10);
  });
});

describe('Mutation.redeemReward — 4. transaction', () => {
  it('writes redemption, wallet, stock and ledger in one TransactWriteItems with their conditions', async () => {
    const out = await whenRequest(`${dir}/4.redeem.ts`, { stash: { ...stash } });
    const req = thenResult(out);
    expect(req.operation).toBe('TransactWriteItems');
    const [redeem, wallet, stock, ledger] = req.transactItems;
    expect(req.transactItems.every((t: any) => t.table === 'test-table')).toBe(true);
    expect(redeem).toMatchObject({ operation: 'PutItem', key: { PK: { S: 'USER#u1' }, SK: { S: 'REDEEM#q1' } } });
    expect(redeem.condition.expression).toContain('attribute_not_exists');
    expect(redeem.attributeValues.balanceAfter).toEqual({ N: 15 });
    expect(wallet).toMatchObject({ operation: 'UpdateItem', key: { SK: { S: 'WALLET' } } });
    expect(Object.values(wallet.condition.expressionValues)).toEqual([{ N: 10 }]);
    expect(wallet.condition.expression).toContain('>=');
    expect(stock).toMatchObject({ operation: 'UpdateItem', key: { PK: { S: 'REWARDS' }, SK: { S: 'REWARD#r1' } } });
    expect(stock.condition.expression).toContain('>');
    expect(ledger.operation).toBe('PutItem');
    expect(ledger.key.SK.S).toMatch(/^TX#[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(ledger.attributeValues).toMatchObject({ amount: { N: -10 }, kind: { S: 'REDEMPTION' }, sourceEvent: { S: 'redeem:q1' } });
    expect(out.stash.redemption).toEqual({ ...redemption, createdAt: stash.now });
  });

  it('returns the redemption when the transaction succeeds', async () => {
    const r = { ...redemption, createdAt: stash.now };
    expect(thenResult(await whenResponse(`${dir}/4.redeem.ts`, { stash: { ...stash, redemption: r }, result: { keys: [] } }))).toEqual(r);
  });

  it('maps each cancellation reason to its own error', async () => {
    const raced = await whenResponse(`${dir}/4.redeem.ts`, { stash: { ...stash }, ...cancelled('ConditionalCheckFailed', 'None', 'None', 'None') });
    expect(thenResult(raced)).toBeNull();
    expect(raced.stash.raced).toBe(true);
    thenError(await whenResponse(`${dir}/4.redeem.ts`, { stash, ...cancelled('None', 'ConditionalCheckFailed', 'None', 'None') }), 'InsufficientCoins', 'costs 10');
    thenError(await whenResponse(`${dir}/4.redeem.ts`, { stash, ...cancelled('None', 'None', 'ConditionalCheckFailed', 'None') }), 'OutOfStock', 'Mug is out of stock');
    thenError(await whenResponse(`${dir}/4.redeem.ts`, { stash, ...cancelled('None', 'TransactionConflict', 'None', 'None') }), 'DynamoDB:TransactionCanceledException');
  });

  it('reads the reasons from ctx.error too (where the local data source also puts them)', async () => {
    const c = cancelled('None', 'ConditionalCheckFailed', 'None', 'None');
    const error = { ...c.error, cancellationReasons: c.result.cancellationReasons };
    thenError(await whenResponse(`${dir}/4.redeem.ts`, { stash, error }), 'InsufficientCoins');
  });
});

describe('Mutation.redeemReward — 5. lost race', () => {
  it('passes step 4\'s redemption through when there was no race', async () => {
    expect(thenEarlyReturn(await whenRequest(`${dir}/5.getRaced.ts`, { stash, prev: redemption }), 'END')).toEqual(redemption);
  });

  it('after a lost race returns the winner\'s redemption, or Conflict if there is none', async () => {
    const req = thenResult(await whenRequest(`${dir}/5.getRaced.ts`, { stash: { ...stash, raced: true } }));
    expect(req).toMatchObject({ operation: 'GetItem', consistentRead: true, key: { SK: { S: 'REDEEM#q1' } } });
    expect(thenResult(await whenResponse(`${dir}/5.getRaced.ts`, { stash, result: stored }))).toEqual(redemption);
    thenError(await whenResponse(`${dir}/5.getRaced.ts`, { stash, result: null }), 'Conflict');
  });
});
