import { describe, expect, it } from 'vitest';
import { givenIdentity, thenError, thenResult, thenUnauthorized, whenRequest, whenResponse } from '../../support/resolver-steps.js';

const file = 'resolvers/Mutation.putReward.ts';
const admin = givenIdentity.admin();
const input = { name: ' Mug ', description: 'A mug', cost: 50, stock: 3 };

describe('Mutation.putReward', () => {
  it('without an id creates a reward with a new ULID, never overwriting', async () => {
    const req = thenResult(await whenRequest(file, { identity: admin, args: { input } }));
    expect(req.operation).toBe('PutItem');
    expect(req.key.PK).toEqual({ S: 'REWARDS' });
    expect(req.key.SK.S).toMatch(/^REWARD#[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(req.attributeValues).toMatchObject({ name: { S: 'Mug' }, cost: { N: 50 }, stock: { N: 3 } });
    expect(req.condition.expression).toContain('attribute_not_exists');
  });

  it('with an id replaces that reward only if it exists', async () => {
    const req = thenResult(await whenRequest(file, { identity: admin, args: { input: { ...input, id: 'r1' } } }));
    expect(req.key.SK).toEqual({ S: 'REWARD#r1' });
    expect(req.condition.expression).toContain('attribute_exists');
    expect(req.condition.expression).not.toContain('attribute_not_exists');
  });

  it('validates name 1..80, cost >= 1, stock >= 0, whole numbers', async () => {
    const bad = async (patch: Record<string, unknown>, field: RegExp) =>
      thenError(await whenRequest(file, { identity: admin, args: { input: { ...input, ...patch } } }), 'ValidationError', field);
    await bad({ name: '  ' }, /^name:/);
    await bad({ name: 'x'.repeat(81) }, /^name: must be at most 80/);
    await bad({ cost: 0 }, /^cost:/);
    await bad({ cost: 1.5 }, /^cost: must be a whole number/);
    await bad({ stock: -1 }, /^stock:/);
  });

  it('stock 0 and cost 1 are fine', async () => {
    thenResult(await whenRequest(file, { identity: admin, args: { input: { ...input, cost: 1, stock: 0 } } }));
  });

  it('refuses non-admins', async () => {
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.user('u1'), args: { input } }));
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.apiKey(), args: { input } }));
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.iam(), args: { input } }));
  });

  it('returns the Reward; NotFound for an unknown id', async () => {
    const item = { PK: 'REWARDS', SK: 'REWARD#r1', type: 'REWARD', id: 'r1', name: 'Mug', description: 'A mug', cost: 50, stock: 3 };
    expect(thenResult(await whenResponse(file, { identity: admin, result: item }))).toEqual({ id: 'r1', name: 'Mug', description: 'A mug', cost: 50, stock: 3 });
    const error = { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' };
    thenError(await whenResponse(file, { identity: admin, args: { input: { ...input, id: 'r9' } }, stash: { isNew: false }, error }), 'NotFound', /^id: no reward r9/);
    thenError(await whenResponse(file, { identity: admin, args: { input }, stash: { isNew: true }, error }), 'Conflict');
  });
});
