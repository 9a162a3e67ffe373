// The redeem rules, end to end: the real redeemReward pipeline (bundled, checked and evaluated by the local
// runtime) against DynamoDB Local through the local DynamoDB data source — exactly enough, one coin short,
// twice with the same request id, out of stock, and races that the transaction's conditions must settle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { api } from '../../../infra/api/index.js';
import { walletResolvers } from '../../../infra/api/resolvers/wallet.js';
import { createDynamoDBDataSource } from '../../../infra/local/datasources/dynamodb.js';
import { loadResolver } from '../../../infra/local/runtime/load.js';
import { resolveField, type FieldOutcome, type PipelineResolver } from '../../../infra/local/runtime/pipeline.js';
import type { AppSyncContext } from '../../../infra/local/runtime/context.js';
import { AUTH_TYPES } from '../../../infra/local/runtime/util/auth-type.js';
import { freePort, localDynamoDBClient, startDynamoDB, type DynamoDBLocal } from '../../../infra/local/services/index.js';
import { contextFor, givenIdentity, repoRoot } from '../../support/resolver-steps.js';
import { createTable, uniqueTableName } from '../../support/table.js';

let ddb: DynamoDBLocal;
let doc: DynamoDBDocumentClient;
let table: string;
let resolver: PipelineResolver;
let invokeTable: ReturnType<typeof createDynamoDBDataSource>;
let seq = 0;

beforeAll(async () => {
  ddb = await startDynamoDB({ port: await freePort() });
  const client = localDynamoDBClient(ddb.endpoint);
  doc = DynamoDBDocumentClient.from(client);
  table = uniqueTableName('redeem');
  await createTable(client, api.tables.main, table);
  invokeTable = createDynamoDBDataSource({ client, tableName: table });
  const def = walletResolvers.find((r) => r.fieldName === 'redeemReward');
  if (!def || def.kind !== 'PIPELINE') throw new Error('redeemReward must be a pipeline in infra/api/resolvers/wallet.ts');
  const load = (file: string) => loadResolver(file, { cwd: repoRoot });
  resolver = {
    kind: 'PIPELINE',
    code: await load(def.file),
    functions: await Promise.all(def.functions.map(async (f) => ({ name: f.file, code: await load(f.file), dataSource: f.dataSource }))),
  };
});

afterAll(async () => {
  await ddb?.stop();
});

/** A fresh user whose wallet holds `balance`, backed by one ledger entry (balance == sum(ledger)). */
async function givenUser(balance: number): Promise<string> {
  const sub = `user-${++seq}`;
  await doc.send(new PutCommand({ TableName: table, Item: { PK: `USER#${sub}`, SK: 'WALLET', balance, lifetimeEarned: balance } }));
  await doc.send(new PutCommand({
    TableName: table,
    Item: { PK: `USER#${sub}`, SK: 'TX#00000000000000000000000000', id: '0', amount: balance, kind: 'ADJUSTMENT', reason: 'seed', sourceEvent: 'seed', createdAt: '2026-01-01T00:00:00.000Z' },
  }));
  return sub;
}

async function givenReward(cost: number, stock: number): Promise<string> {
  const id = `reward-${++seq}`;
  await doc.send(new PutCommand({ TableName: table, Item: { PK: 'REWARDS', SK: `REWARD#${id}`, type: 'REWARD', id, name: `Mug ${id}`, description: '', cost, stock } }));
  return id;
}

function redeem(sub: string, rewardId: string, requestId: string): Promise<FieldOutcome> {
  const ctx = contextFor('resolvers/Mutation.redeemReward/index.ts', {
    args: { input: { rewardId, requestId } },
    identity: givenIdentity.user(sub),
    env: { TABLE_NAME: table },
  }) as unknown as AppSyncContext;
  return resolveField({ resolver, ctx, invoke: (_ds, request) => invokeTable(request), authType: AUTH_TYPES.userPool });
}

async function balanceOf(sub: string): Promise<number> {
  const out = await doc.send(new GetCommand({ TableName: table, Key: { PK: `USER#${sub}`, SK: 'WALLET' }, ConsistentRead: true }));
  return out.Item?.balance as number;
}

async function ledgerOf(sub: string): Promise<Array<Record<string, any>>> {
  const out = await doc.send(new QueryCommand({
    TableName: table,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :tx)',
    ExpressionAttributeValues: { ':pk': `USER#${sub}`, ':tx': 'TX#' },
    ConsistentRead: true,
  }));
  return out.Items ?? [];
}

async function redemptionsOf(sub: string): Promise<number> {
  const out = await doc.send(new QueryCommand({
    TableName: table,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :r)',
    ExpressionAttributeValues: { ':pk': `USER#${sub}`, ':r': 'REDEEM#' },
    ConsistentRead: true,
  }));
  return out.Count ?? 0;
}

async function stockOf(rewardId: string): Promise<number> {
  const out = await doc.send(new GetCommand({ TableName: table, Key: { PK: 'REWARDS', SK: `REWARD#${rewardId}` }, ConsistentRead: true }));
  return out.Item?.stock as number;
}

/** The coin invariant: balance == sum(ledger) and balance >= 0. */
async function expectLedgerMatches(sub: string): Promise<void> {
  const balance = await balanceOf(sub);
  const sum = (await ledgerOf(sub)).reduce((s, e) => s + (e.amount as number), 0);
  expect(balance).toBe(sum);
  expect(balance).toBeGreaterThanOrEqual(0);
}

describe('redeeming a reward (DynamoDB Local)', () => {
  it('with exactly enough coins: balance 0 after, stock -1, one ledger entry of -cost', async () => {
    const sub = await givenUser(10);
    const reward = await givenReward(10, 3);
    const out = await redeem(sub, reward, 'req-exact');
    expect(out.errors).toEqual([]);
    expect(out.data).toMatchObject({ requestId: 'req-exact', rewardId: reward, cost: 10, balanceAfter: 0 });
    expect(await balanceOf(sub)).toBe(0);
    expect(await stockOf(reward)).toBe(2);
    const ledger = await ledgerOf(sub);
    expect(ledger.filter((e) => e.kind === 'REDEMPTION')).toEqual([
      expect.objectContaining({ amount: -10, sourceEvent: 'redeem:req-exact' }),
    ]);
    await expectLedgerMatches(sub);
  });

  it('one coin short: InsufficientCoins saying so, and nothing is written', async () => {
    const sub = await givenUser(9);
    const reward = await givenReward(10, 3);
    const out = await redeem(sub, reward, 'req-short');
    expect(out.data).toBeNull();
    expect(out.errors).toEqual([expect.objectContaining({ errorType: 'InsufficientCoins', message: 'you have 9 coins; this reward costs 10' })]);
    expect(await balanceOf(sub)).toBe(9);
    expect(await stockOf(reward)).toBe(3);
    expect(await redemptionsOf(sub)).toBe(0);
    await expectLedgerMatches(sub);
  });

  it('twice with the same request id: charged once, the same redemption both times', async () => {
    const sub = await givenUser(25);
    const reward = await givenReward(10, 3);
    const first = await redeem(sub, reward, 'req-twice');
    const second = await redeem(sub, reward, 'req-twice');
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
    expect(second.data).toEqual(first.data);
    expect(await balanceOf(sub)).toBe(15);
    expect(await stockOf(reward)).toBe(2);
    expect(await redemptionsOf(sub)).toBe(1);
    await expectLedgerMatches(sub);
  });

  it('out of stock: OutOfStock, and nothing is written', async () => {
    const sub = await givenUser(50);
    const reward = await givenReward(10, 0);
    const out = await redeem(sub, reward, 'req-stock');
    expect(out.errors).toEqual([expect.objectContaining({ errorType: 'OutOfStock' })]);
    expect(await balanceOf(sub)).toBe(50);
    expect(await stockOf(reward)).toBe(0);
    expect(await redemptionsOf(sub)).toBe(0);
  });

  it('an unknown reward: NotFound naming rewardId', async () => {
    const sub = await givenUser(50);
    const out = await redeem(sub, 'no-such-reward', 'req-missing');
    expect(out.errors).toEqual([expect.objectContaining({ errorType: 'NotFound', message: expect.stringMatching(/^rewardId:/) })]);
  });

  it('the same request id sent concurrently: charged once, both answers agree', async () => {
    const sub = await givenUser(30);
    const reward = await givenReward(10, 5);
    const outs = await Promise.all([1, 2, 3].map(() => redeem(sub, reward, 'req-concurrent')));
    const ok = outs.filter((o) => o.errors.length === 0);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const o of ok) expect(o.data).toEqual(ok[0].data);
    expect(await balanceOf(sub)).toBe(20);
    expect(await redemptionsOf(sub)).toBe(1);
    await expectLedgerMatches(sub);
  });

  it('two different redemptions racing for the last coins: the balance never goes below 0', async () => {
    const sub = await givenUser(10);
    const reward = await givenReward(10, 5);
    const outs = await Promise.all([redeem(sub, reward, 'race-a'), redeem(sub, reward, 'race-b')]);
    const ok = outs.filter((o) => o.errors.length === 0);
    expect(ok.length).toBeLessThanOrEqual(1);
    for (const o of outs.filter((x) => x.errors.length > 0)) {
      expect(['InsufficientCoins', 'DynamoDB:TransactionCanceledException']).toContain(o.errors[0].errorType);
    }
    expect(await balanceOf(sub)).toBe(10 - 10 * ok.length);
    await expectLedgerMatches(sub);
  });

  it('two users racing for the last item: at most one gets it, the stock never goes below 0', async () => {
    const [a, b] = [await givenUser(50), await givenUser(50)];
    const reward = await givenReward(10, 1);
    const outs = await Promise.all([redeem(a, reward, 'last-a'), redeem(b, reward, 'last-b')]);
    const ok = outs.filter((o) => o.errors.length === 0);
    expect(ok.length).toBeLessThanOrEqual(1);
    expect(await stockOf(reward)).toBe(1 - ok.length);
    await expectLedgerMatches(a);
    await expectLedgerMatches(b);
  });
});
